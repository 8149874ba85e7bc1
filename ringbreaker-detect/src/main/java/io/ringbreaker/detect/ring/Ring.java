package io.ringbreaker.detect.ring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster of accounts that trade together: grown from seed accounts with strong evidence of
 * their own along strong ties. {@code bonds} says in words what binds them (shared identities,
 * how many member pairs follow and message each other), for the reviewer.
 */
public record Ring(String id, List<Member> members, double score, List<String> bonds, Instant foundAt) {

  /**
   * @param seed         in by its own evidence; otherwise in through its ties
   * @param share        the part of all its ties' strength that goes to other members
   * @param tiedMembers  how many members it is tied to
   */
  public record Member(String account, boolean seed, double share, int tiedMembers) {
    public Member {
      Objects.requireNonNull(account, "account");
    }
  }

  public Ring {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(foundAt, "foundAt");
    members = List.copyOf(members);
    bonds = List.copyOf(bonds);
  }

  public List<String> accounts() {
    return members.stream().map(Member::account).toList();
  }

  public Optional<Member> member(String account) {
    return members.stream().filter(m -> m.account().equals(account)).findFirst();
  }

  public long seeds() {
    return members.stream().filter(Member::seed).count();
  }
}
