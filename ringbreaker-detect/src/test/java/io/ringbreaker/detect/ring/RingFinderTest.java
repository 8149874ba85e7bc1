package io.ringbreaker.detect.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingFinderTest {
  static final Instant T0 = Instant.parse("2019-01-01T00:00:00Z");
  int events;

  private void mutual(AccountGraph g, String a, String b) {
    g.tie(a, b, TieKind.FOLLOW, T0, "f" + ++events, 1);
    g.tie(b, a, TieKind.FOLLOW, T0, "f" + ++events, 1);
  }

  private void messages(AccountGraph g, String a, String b, int n) {
    for (int i = 0; i < n; i++) {
      g.tie(a, b, TieKind.MESSAGE, T0, "m" + ++events, 1);
    }
  }

  /** Five seeds who follow and message each other; a member who only messages; an ordinary prospect. */
  private AccountGraph scenario(Map<String, Double> seeds) {
    AccountGraph g = new AccountGraph();
    List<String> ring = List.of("s1", "s2", "s3", "s4", "s5");
    for (int i = 0; i < ring.size(); i++) {
      seeds.put(ring.get(i), 0.9);
      for (int j = i + 1; j < ring.size(); j++) {
        mutual(g, ring.get(i), ring.get(j));
        messages(g, ring.get(i), ring.get(j), 2);
      }
    }
    for (String s : List.of("s1", "s2", "s3", "s4")) {
      mutual(g, "quiet", s);
      messages(g, "quiet", s, 3);
    }
    // The prospect: written to by two members who follow it, but its life is with its friends.
    for (String s : List.of("s1", "s2")) {
      messages(g, s, "prospect", 3);
      g.tie(s, "prospect", TieKind.FOLLOW, T0, "f" + ++events, 1);
    }
    for (int f = 0; f < 10; f++) {
      mutual(g, "prospect", "friend" + f);
      messages(g, "prospect", "friend" + f, 3);
    }
    return g;
  }

  @Test
  void aMemberWhoOnlyMessagesIsFoundThroughTheRingAndAProspectIsNot() {
    Map<String, Double> seeds = new HashMap<>();
    AccountGraph g = scenario(seeds);
    RingFinder f = new RingFinder(g);
    RingFinder.Changes c = f.findAll(seeds, T0);
    assertThat(c.changed()).hasSize(1);
    Ring r = c.changed().getFirst();
    assertThat(r.id()).isEqualTo("ring-1");
    assertThat(r.accounts()).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5", "quiet");
    assertThat(r.member("quiet").orElseThrow().seed()).isFalse();
    assertThat(r.member("quiet").orElseThrow().tiedMembers()).isEqualTo(4);
    assertThat(r.member("s1").orElseThrow().seed()).isTrue();
    assertThat(r.bonds()).anyMatch(b -> b.contains("member pairs tied by message"));
    assertThat(f.ringOf("prospect")).isEmpty();
    assertThat(r.score()).isGreaterThan(0.9);
  }

  @Test
  void ringIdsStayStableWhenARingGrowsAndASecondRingGetsItsOwn() {
    Map<String, Double> seeds = new HashMap<>();
    AccountGraph g = scenario(seeds);
    RingFinder f = new RingFinder(g);
    f.findAll(seeds, T0);
    g.drainChanged();
    // A new account shares a member's folder and follows three members.
    g.identity("s3", "link.cloud_storage:dropbox:folder1", T0, "b1");
    g.identity("newcomer", "link.cloud_storage:dropbox:folder1", T0, "b2");
    for (String s : List.of("s1", "s2")) {
      mutual(g, "newcomer", s);
    }
    // Another ring elsewhere.
    for (String a : List.of("t1", "t2", "t3")) {
      seeds.put(a, 0.8);
    }
    mutual(g, "t1", "t2");
    mutual(g, "t2", "t3");
    RingFinder.Changes c = f.recluster(seeds, g.drainChanged(), T0);
    assertThat(c.changed()).extracting(Ring::id).containsExactlyInAnyOrder("ring-1", "ring-2");
    assertThat(f.ringOf("newcomer").orElseThrow().id()).isEqualTo("ring-1");
    assertThat(f.ringOf("newcomer").orElseThrow().bonds()).anyMatch(b -> b.contains("link.cloud_storage:dropbox:folder1"));
    assertThat(f.ringOf("t3").orElseThrow().id()).isEqualTo("ring-2");
    // Nothing changed: nothing to report.
    assertThat(f.recluster(seeds, g.drainChanged(), T0).isEmpty()).isTrue();
  }

  @Test
  void aRingWhoseSeedsAreNoLongerSeedsIsRemoved() {
    Map<String, Double> seeds = new HashMap<>();
    AccountGraph g = scenario(seeds);
    RingFinder f = new RingFinder(g);
    f.findAll(seeds, T0);
    Map<String, Double> cleared = new HashMap<>(Map.of("s1", 0.9));
    RingFinder.Changes c = f.recluster(cleared, List.of("s2", "s3", "s4", "s5"), T0);
    assertThat(c.removed()).containsExactly("ring-1");
    assertThat(f.rings()).isEmpty();
    assertThat(f.ringOf("quiet")).isEmpty();
  }

  @Test
  void aCoreTooLargeForOneRingIsSplitAlongItsCommunities() {
    AccountGraph g = new AccountGraph();
    Map<String, Double> seeds = new HashMap<>();
    for (String side : List.of("a", "b")) {
      for (int i = 0; i < 8; i++) {
        seeds.put(side + i, 0.9);
        for (int j = 0; j < i; j++) {
          mutual(g, side + i, side + j);
        }
      }
    }
    mutual(g, "a0", "b0"); // one bridge
    RingFinder f = new RingFinder(g, new RingFinder.Params(1.0, 1.5, 0.35, 2, 2, 3, 10));
    f.findAll(seeds, T0);
    assertThat(f.rings()).hasSize(2);
    assertThat(f.ringOf("a5").orElseThrow().accounts()).allMatch(x -> x.startsWith("a"));
    assertThat(f.ringOf("b5").orElseThrow().accounts()).allMatch(x -> x.startsWith("b"));
  }

  @Test
  void restoredRingsKeepTheirIdsAndNewOnesAreNumberedAfter() {
    AccountGraph g = new AccountGraph();
    RingFinder f = new RingFinder(g);
    f.restore(new Ring("ring-7", List.of(new Ring.Member("x", true, 1, 2)), 0.9, List.of(), T0));
    Map<String, Double> seeds = new HashMap<>();
    for (String a : List.of("t1", "t2", "t3")) {
      seeds.put(a, 0.8);
    }
    mutual(g, "t1", "t2");
    mutual(g, "t2", "t3");
    f.recluster(seeds, g.drainChanged(), T0);
    assertThat(f.ringOf("t1").orElseThrow().id()).isEqualTo("ring-8");
    assertThat(f.ringOf("x").orElseThrow().id()).isEqualTo("ring-7");
  }
}
