package io.ringbreaker.detect.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountGraphTest {
  static final Instant T0 = Instant.parse("2019-01-01T00:00:00Z");

  @Test
  void tiesAddUpPerKindUntilTheKindsCap() {
    AccountGraph g = new AccountGraph();
    for (int i = 0; i < 20; i++) {
      g.tie("a", "b", TieKind.MESSAGE, T0, "e" + i, 1);
    }
    g.tie("b", "a", TieKind.FOLLOW, T0, "f", 1);
    assertThat(g.weight("a", "b", TieKind.MESSAGE, T0)).isEqualTo(TieKind.MESSAGE.cap, within(1e-6));
    assertThat(g.strength("b", "a", T0)).isEqualTo(TieKind.MESSAGE.cap + TieKind.FOLLOW.each, within(1e-6));
    assertThat(g.ties()).isEqualTo(1);
    assertThat(g.strength("a", "c", T0)).isZero();
  }

  @Test
  void aTieHalvesEveryHalfLifeAndALateEventCountsAsOldAsItIs() {
    AccountGraph g = new AccountGraph(Duration.ofDays(10));
    g.tie("a", "b", TieKind.FOLLOW, T0, "e1", 1);
    assertThat(g.strength("a", "b", T0.plus(Duration.ofDays(10)))).isEqualTo(0.25, within(1e-6));
    g.tie("a", "c", TieKind.FOLLOW, T0.plus(Duration.ofDays(10)), "e2", 1);
    g.tie("a", "c", TieKind.FOLLOW, T0, "e3", 1); // arrives late: already ten days old
    assertThat(g.strength("a", "c", T0.plus(Duration.ofDays(10)))).isEqualTo(0.75, within(1e-6));
  }

  @Test
  void anIdentitySeenFromTwoAccountsTiesThemUntilItIsCommon() {
    AccountGraph g = new AccountGraph();
    assertThat(g.identity("a", "contact.kik:sam", T0, "e1")).isEmpty();
    assertThat(g.identity("a", "contact.kik:sam", T0, "e2")).isEmpty();
    assertThat(g.identity("b", "contact.kik:sam", T0, "e3")).containsExactly("a");
    assertThat(g.weight("a", "b", TieKind.SHARED_IDENTITY, T0)).isGreaterThan(1);
    assertThat(g.identities("b")).containsExactly("contact.kik:sam");
    for (int i = 0; i < AccountGraph.IDENTITY_HOLDERS; i++) {
      g.identity("shop" + i, "payment.paypal:shop", T0, "p" + i);
    }
    assertThat(g.identity("late", "payment.paypal:shop", T0, "x")).as("common: no longer a bond").isEmpty();
    assertThat(g.holders("payment.paypal:shop")).hasSize(AccountGraph.IDENTITY_HOLDERS);
  }

  @Test
  void aCommentFindsThePostsAuthorAndChangedAccountsAreDrainedOnce() {
    AccountGraph g = new AccountGraph();
    g.post("p1", "author", T0);
    assertThat(g.postAuthor("p1")).contains("author");
    assertThat(g.postAuthor("p2")).isEmpty();
    g.tie("fan", "author", TieKind.COMMENT, T0, "c1", 1);
    g.active("quiet", T0);
    assertThat(g.drainChanged()).containsExactlyInAnyOrder("fan", "author");
    assertThat(g.drainChanged()).isEmpty();
    assertThat(g.lastTieEvent("fan")).contains("c1");
    assertThat(g.firstSeen("quiet")).contains(T0);
  }

  @Test
  void holdsManyAccountsAndTies() {
    AccountGraph g = new AccountGraph();
    for (int i = 0; i < 50_000; i++) {
      g.tie("u" + i, "u" + (i + 1) % 50_000, TieKind.FOLLOW, T0, "e" + i, 1);
      g.tie("u" + i, "u" + (i * 7 + 3) % 50_000, TieKind.MESSAGE, T0, "m" + i, 1);
    }
    assertThat(g.accounts()).isEqualTo(50_000);
    assertThat(g.strength("u49999", "u0", T0)).isGreaterThan(0);
    assertThat(g.strength("u10", "u73", T0)).isGreaterThan(0);
  }

  @Test
  void aHalfLifeMustBePositive() {
    assertThatThrownBy(() -> new AccountGraph(Duration.ZERO)).hasMessageContaining("halfLife must be positive");
  }
}
