package io.ringbreaker.sim;

import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small change to one ring's neighbourhood, for measuring re-clustering: a follow and a message
 * between two members, and a message from one of them to an outsider. Ids start with
 * {@code bench-ring-n}, so they never collide with the simulator's.
 */
public final class RingTouch {
  private RingTouch() {}

  /** The {@code n}-th touch of the ring whose accounts are {@code members} (at least two), at {@code at} and the two seconds after. */
  public static List<Event> events(List<String> members, String outsider, int n, Instant at) {
    if (members.size() < 2) {
      throw new IllegalArgumentException("a ring has at least two members, got " + members.size());
    }
    String a = members.get(n % members.size());
    String b = members.get((n + 1) % members.size());
    String p = "bench-ring-" + n;
    return List.of(
        new Event(p + "-follow", at, a, new EventBody.Follow(b, true)),
        new Event(p + "-message", at.plusSeconds(1), a,
            new EventBody.Message(p + "-d1", p + "-k1", List.of(b), Optional.of("see you later"), List.of())),
        new Event(p + "-outside", at.plusSeconds(2), a,
            new EventBody.Message(p + "-d2", p + "-k2", List.of(outsider), Optional.of("thanks for the tip"), List.of())));
  }
}
