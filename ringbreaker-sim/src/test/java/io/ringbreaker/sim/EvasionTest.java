package io.ringbreaker.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Media;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Evaders differ in what they reuse of the suspended account and in how they reconnect. */
class EvasionTest {
  private static final Set<String> APP_HANDLES = Set.of("kik", "telegram", "whatsapp", "snapchat");
  private static final Set<String> PAYMENTS = Set.of("paypal", "cashapp", "btc");
  /** How each app handle is written in a bio. */
  private static final List<String> HANDLE_MARKS = List.of("kik: ", "tg @", "wa.me/", "snap: ");

  /** The way of evading a suspension's {@code reused} stands for. */
  static String way(Truth.Suspension s) {
    List<String> r = s.reused();
    if (r.size() > 1) {
      return "all";
    }
    String kind = r.get(0);
    return APP_HANDLES.contains(kind) ? "handle" : PAYMENTS.contains(kind) ? "payment" : kind;
  }

  @Test
  void everyWayOfEvadingAndOfReconnectingOccursAcrossSeedsOneToFive() {
    Set<String> ways = new HashSet<>();
    Set<String> reconnects = new HashSet<>();
    for (long seed = 1; seed <= 5; seed++) {
      Generated g = Generated.of(seed);
      List<Truth.Suspension> returned = g.truth.suspensions().stream().filter(s -> s.evader().isPresent()).toList();
      assertThat(returned).as("seed %d", seed).hasSizeGreaterThanOrEqualTo(4);
      for (Truth.Suspension s : returned) {
        ways.add(way(s));
        reconnects.add(ringFollows(g, s).size() > 3 ? "burst" : "slow");
      }
    }
    assertThat(ways).containsExactlyInAnyOrder("handle", "folder", "payment", "media", "all");
    assertThat(reconnects).containsExactlyInAnyOrder("burst", "slow");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void whatAnEvaderReusesShowsInItsEventsAndNothingElseOfTheOldAccountDoes(long seed) {
    Generated g = Generated.of(seed);
    for (Truth.Suspension s : g.truth.suspensions()) {
      Truth.Account gone = g.truth.account(s.account()).orElseThrow();
      String evader = s.evader().orElseThrow();
      List<Event> theirs = g.events.stream().filter(e -> e.actor().equals(evader)).toList();
      String said = theirs.stream().flatMap(e -> Generated.texts(e).stream()).collect(Collectors.joining("\n"));
      for (String kind : s.reused()) {
        if (kind.equals("media")) {
          Set<String> known = g.truth.knownMedia().stream().filter(k -> k.ring().equals(s.ring()))
              .map(Truth.KnownMedia::md5).collect(Collectors.toSet());
          assertThat(theirs.stream().flatMap(e -> Generated.media(e).stream()).map(Media::md5))
              .as("seed %d %s shares the ring's known media", seed, evader)
              .anyMatch(m -> m.filter(known::contains).isPresent());
        } else {
          assertThat(gone.identities()).as("seed %d %s reuses a %s", seed, evader, kind)
              .anyMatch(i -> i.kind().equals(kind) && said.contains(written(i)));
        }
      }
      if (!way(s).equals("all")) {
        // Only what it reuses: no other trace of the old account turns up.
        assertThat(gone.identities()).filteredOn(i -> !s.reused().contains(i.kind()))
            .as("seed %d %s", seed, evader).noneMatch(i -> said.contains(written(i)));
        assertThat(said).doesNotContain("new acc");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aFolderEvaderNeverWritesAnAppHandleInItsBioAndAHandleEvaderWritesTheOldOne(long seed) {
    Generated g = Generated.of(seed);
    for (Truth.Suspension s : g.truth.suspensions()) {
      List<String> bios = g.events.stream().filter(e -> e.actor().equals(s.evader().orElseThrow()))
          .filter(e -> e.body() instanceof EventBody.Account)
          .map(e -> ((EventBody.Account) e.body()).bio().orElse("")).toList();
      assertThat(bios).isNotEmpty();
      switch (way(s)) {
        case "folder", "media" -> assertThat(bios).allSatisfy(b -> assertThat(b).doesNotContain(HANDLE_MARKS));
        case "handle" -> {
          Truth.Identity old = g.truth.account(s.account()).orElseThrow().identities().stream()
              .filter(i -> i.kind().equals(s.reused().get(0))).findFirst().orElseThrow();
          assertThat(bios).allSatisfy(b -> assertThat(b).contains(old.value()).doesNotContain("new acc"));
        }
        case "all" -> assertThat(bios).allSatisfy(b -> assertThat(b).startsWith("new acc, same "));
        default -> { }
      }
    }
  }

  @Test
  void aSlowEvaderFollowsTwoOrThreeMembersOverDaysAndStillMessagesTheRing() {
    int slow = 0;
    for (long seed : LongStream.rangeClosed(1, 5).toArray()) {
      Generated g = Generated.of(seed);
      for (Truth.Suspension s : g.truth.suspensions()) {
        List<Event> follows = ringFollows(g, s);
        if (follows.size() > 3) {
          // A burst: the ring, within the hour after it returns.
          assertThat(follows).allSatisfy(e -> assertThat(e.occurredAt())
              .isBefore(s.returnedAt().orElseThrow().plusSeconds(3700)));
          continue;
        }
        slow++;
        assertThat(follows).as("seed %d %s", seed, s.evader()).hasSizeBetween(1, 3);
        if (follows.size() > 1) {
          assertThat(follows.get(follows.size() - 1).occurredAt())
              .isAfter(s.returnedAt().orElseThrow().plusSeconds(12 * 3600));
        }
        assertThat(g.events).anyMatch(e -> e.actor().equals(s.evader().orElseThrow())
            && e.body() instanceof EventBody.Message m && m.text().isPresent()
            && g.truth.ringAccountIds().containsAll(m.to()));
      }
    }
    assertThat(slow).isPositive();
  }

  /** The follows of ring members by the suspension's evader, in time order. */
  private static List<Event> ringFollows(Generated g, Truth.Suspension s) {
    String evader = s.evader().orElseThrow();
    List<Event> out = new ArrayList<>();
    for (Event e : g.events) {
      if (e.actor().equals(evader) && e.body() instanceof EventBody.Follow f
          && g.truth.account(f.target()).orElseThrow().ring().equals(java.util.Optional.of(s.ring()))) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The part of a trace every way of writing it keeps: a folder link's path (messages drop the
   * scheme or spell out the host), any other trace as it is.
   */
  private static String written(Truth.Identity i) {
    if (!i.kind().equals("folder")) {
      return i.value();
    }
    String rest = i.value().substring("https://".length());
    rest = rest.substring(rest.indexOf('/'));
    int q = rest.indexOf('?');
    return q < 0 ? rest : rest.substring(0, q);
  }
}
