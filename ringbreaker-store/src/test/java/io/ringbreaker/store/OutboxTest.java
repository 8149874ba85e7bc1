package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutboxTest {
  private static final Instant T = Instant.parse("2025-03-01T12:00:00.123456789Z");

  @TempDir Path dir;

  static OutboxAction action(String id, OutboxState state, Instant at) {
    return OutboxAction.create(id, "account", "acct-" + id, "suspend",
        "{\"action_id\":\"" + id + "\",\"action\":\"suspend\"}", state, at);
  }

  static OutboxAction pending(String id) {
    return action(id, OutboxState.PENDING, T);
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void enqueueIsIdempotentByActionId(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Outbox outbox = db.store.outbox();
      assertThat(outbox.enqueue(List.of(pending("a"), pending("b"), pending("a")))).isEqualTo(2);
      OutboxAction changed = OutboxAction.create("a", "post", "p-9", "hide", "{}", OutboxState.AWAITING_PERSON, T);
      assertThat(outbox.enqueue(List.of(changed, pending("c")))).isEqualTo(1);
      assertThat(outbox.enqueue(List.of())).isZero();

      // The first enqueue of an id wins; the row reads back exactly as written (microseconds kept).
      assertThat(outbox.get("a")).contains(pending("a"));
      assertThat(outbox.get("a").orElseThrow().createdAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
      assertThat(outbox.get("nope")).isEmpty();
      assertThat(outbox.countsByState()).containsExactly(Map.entry("awaiting_person", 0L), Map.entry("pending", 3L),
          Map.entry("delivered", 0L), Map.entry("failed", 0L), Map.entry("cancelled", 0L));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void deliveryOutcomesMoveOnlyPendingActions(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Outbox outbox = db.store.outbox();
      outbox.enqueue(List.of(pending("p"), pending("q"), action("w", OutboxState.AWAITING_PERSON, T)));

      outbox.retryLater("p", T.plusSeconds(2), "HTTP 503: busy");
      OutboxAction p = outbox.get("p").orElseThrow();
      assertThat(p.state()).isEqualTo(OutboxState.PENDING);
      assertThat(p.attempts()).isEqualTo(1);
      assertThat(p.nextAttemptAt()).isEqualTo(T.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      assertThat(p.lastError()).isEqualTo("HTTP 503: busy");

      outbox.delivered("p", T.plusSeconds(3));
      p = outbox.get("p").orElseThrow();
      assertThat(p.state()).isEqualTo(OutboxState.DELIVERED);
      assertThat(p.deliveredAt()).contains(T.plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      assertThat(p.lastError()).isEmpty();
      assertThat(p.attempts()).isEqualTo(2);

      outbox.failed("q", "HTTP 400: unknown subject");
      OutboxAction q = outbox.get("q").orElseThrow();
      assertThat(q.state()).isEqualTo(OutboxState.FAILED);
      assertThat(q.attempts()).isEqualTo(1);
      assertThat(q.lastError()).isEqualTo("HTTP 400: unknown subject");

      // Outcomes for actions that are not pending change nothing.
      OutboxAction w = outbox.get("w").orElseThrow();
      outbox.retryLater("w", T, "x");
      outbox.failed("w", "x");
      outbox.delivered("w", T);
      assertThat(outbox.get("w")).contains(w);
      OutboxAction delivered = outbox.get("p").orElseThrow();
      outbox.retryLater("p", T, "x");
      outbox.failed("p", "x");
      outbox.delivered("p", T.plusSeconds(99));
      assertThat(outbox.get("p")).contains(delivered);
      outbox.failed("unknown", "x");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void peopleApproveCancelAndRetry(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Outbox outbox = db.store.outbox();
      outbox.enqueue(List.of(action("w1", OutboxState.AWAITING_PERSON, T), action("w2", OutboxState.AWAITING_PERSON, T),
          pending("p"), pending("f"), pending("d")));
      outbox.failed("f", "HTTP 410: gone");
      outbox.delivered("d", T);
      Instant before = Instant.now().minusSeconds(1);

      // approve: only from awaiting_person; due now.
      assertThat(outbox.approve("w1", "alice")).isTrue();
      OutboxAction w1 = outbox.get("w1").orElseThrow();
      assertThat(w1.state()).isEqualTo(OutboxState.PENDING);
      assertThat(w1.decidedBy()).contains("alice");
      assertThat(w1.nextAttemptAt()).isAfter(before);
      for (String id : List.of("w1", "p", "f", "d", "unknown")) {
        Optional<OutboxAction> was = outbox.get(id);
        assertThat(outbox.approve(id, "bob")).as(id).isFalse();
        assertThat(outbox.get(id)).isEqualTo(was);
      }

      // retry: only from failed; attempts start again.
      for (String id : List.of("w2", "p", "d", "unknown")) {
        Optional<OutboxAction> was = outbox.get(id);
        assertThat(outbox.retry(id, "bob")).as(id).isFalse();
        assertThat(outbox.get(id)).isEqualTo(was);
      }
      assertThat(outbox.retry("f", "bob")).isTrue();
      OutboxAction f = outbox.get("f").orElseThrow();
      assertThat(f.state()).isEqualTo(OutboxState.PENDING);
      assertThat(f.attempts()).isZero();
      assertThat(f.decidedBy()).contains("bob");
      assertThat(f.lastError()).isEqualTo("HTTP 410: gone");
      outbox.failed("f", "HTTP 410: gone");

      // cancel: from awaiting_person, pending or failed; not from delivered or cancelled.
      assertThat(outbox.cancel("w2", "carol")).isTrue();
      assertThat(outbox.cancel("p", "carol")).isTrue();
      assertThat(outbox.cancel("f", "carol")).isTrue();
      for (String id : List.of("w2", "d", "unknown")) {
        Optional<OutboxAction> was = outbox.get(id);
        assertThat(outbox.cancel(id, "dave")).as(id).isFalse();
        assertThat(outbox.get(id)).isEqualTo(was);
      }
      assertThat(outbox.get("w2").orElseThrow().decidedBy()).contains("carol");
      assertThat(outbox.countsByState()).containsExactly(Map.entry("awaiting_person", 0L), Map.entry("pending", 1L),
          Map.entry("delivered", 1L), Map.entry("failed", 0L), Map.entry("cancelled", 3L));
      assertThat(outbox.claimDue(Instant.now().plusSeconds(1), 10)).extracting(OutboxAction::actionId)
          .containsExactly("w1");
      assertThatThrownBy(() -> outbox.approve("w1", " ")).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("by must name who decided");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void claimDueReturnsPendingDueActionsLongestDueFirst(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Outbox outbox = db.store.outbox();
      outbox.enqueue(List.of(action("late", OutboxState.PENDING, T.plusSeconds(30)),
          action("b-early", OutboxState.PENDING, T), action("a-early", OutboxState.PENDING, T),
          action("mid", OutboxState.PENDING, T.plusSeconds(10)),
          action("waiting", OutboxState.AWAITING_PERSON, T.minusSeconds(60)),
          action("gone", OutboxState.PENDING, T.minusSeconds(60))));
      outbox.failed("gone", "HTTP 404");

      assertThat(outbox.claimDue(T.minusSeconds(1), 10)).isEmpty();
      assertThat(outbox.claimDue(T, 10)).extracting(OutboxAction::actionId).containsExactly("a-early", "b-early");
      assertThat(outbox.claimDue(T.plusSeconds(60), 10)).extracting(OutboxAction::actionId)
          .containsExactly("a-early", "b-early", "mid", "late");
      assertThat(outbox.claimDue(T.plusSeconds(60), 3)).extracting(OutboxAction::actionId)
          .containsExactly("a-early", "b-early", "mid");

      // A retry moves an action back in the queue.
      outbox.retryLater("a-early", T.plusSeconds(20), "timeout");
      assertThat(outbox.claimDue(T.plusSeconds(60), 10)).extracting(OutboxAction::actionId)
          .containsExactly("b-early", "mid", "a-early", "late");
      assertThatThrownBy(() -> outbox.claimDue(T, 0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("limit must be 1..10000, got 0");
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void listFiltersAndPagesInCreatedOrder(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Outbox outbox = db.store.outbox();
      List<OutboxAction> all = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        // Pairs share a creation time: the action id breaks the tie.
        String id = "act-" + (char) ('z' - i);
        OutboxState state = i % 3 == 0 ? OutboxState.AWAITING_PERSON : OutboxState.PENDING;
        String type = i % 2 == 0 ? "account" : "post";
        all.add(OutboxAction.create(id, type, "s" + (i % 4), "hide", "{}", state, T.plusSeconds(i / 2)));
      }
      outbox.enqueue(all);
      List<OutboxAction> expected = all.stream()
          .sorted(java.util.Comparator.comparing(OutboxAction::createdAt).thenComparing(OutboxAction::actionId))
          .toList();

      assertThat(pageThrough(outbox, Optional.empty(), Optional.empty(), Optional.empty(), 5))
          .containsExactlyElementsOf(expected);
      assertThat(pageThrough(outbox, Optional.empty(), Optional.empty(), Optional.empty(), 1))
          .containsExactlyElementsOf(expected);
      assertThat(outbox.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 23).next())
          .isEmpty();
      assertThat(pageThrough(outbox, Optional.of(OutboxState.AWAITING_PERSON), Optional.empty(), Optional.empty(), 2))
          .isNotEmpty().containsExactlyElementsOf(
              expected.stream().filter(a -> a.state() == OutboxState.AWAITING_PERSON).toList());
      assertThat(pageThrough(outbox, Optional.of(OutboxState.PENDING), Optional.of("post"), Optional.of("s1"), 2))
          .isNotEmpty().containsExactlyElementsOf(expected.stream().filter(a -> a.state() == OutboxState.PENDING
              && a.subjectType().equals("post") && a.subjectId().equals("s1")).toList());
      assertThat(pageThrough(outbox, Optional.of(OutboxState.DELIVERED), Optional.empty(), Optional.empty(), 2))
          .isEmpty();

      assertThatThrownBy(() -> outbox.list(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of("not-a-cursor"), 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid outbox cursor \"not-a-cursor\"");
    }
  }

  private static List<OutboxAction> pageThrough(Outbox outbox, Optional<OutboxState> state, Optional<String> type,
                                                Optional<String> id, int limit) {
    List<OutboxAction> out = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<OutboxAction> page = outbox.list(state, type, id, after, limit);
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      out.addAll(page.items());
      after = page.next();
      assertThat(++pages).as("pages").isLessThan(100);
    } while (after.isPresent());
    return out;
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void actionsCommitWithTheirVerdictExactlyOnce(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      StateStore state = db.store.state();
      StateBatch batch = StateStoreTest.verdicts(StateStoreTest.verdict("account", "a", "critical", 1.0))
          .withActions(List.of(pending("x"), action("y", OutboxState.AWAITING_PERSON, T), pending("x")));
      assertThat(batch.isEmpty()).isFalse();

      // The state commit fails at its last statement (checkpoints): the actions are not enqueued.
      db.sql("ALTER TABLE checkpoints RENAME TO checkpoints_away");
      assertThatThrownBy(() -> state.commit("engine", 7, batch)).isInstanceOf(StoreException.class);
      db.sql("ALTER TABLE checkpoints_away RENAME TO checkpoints");
      assertThat(db.store.outbox().countsByState().values()).allMatch(n -> n == 0L);

      state.commit("engine", 7, batch);
      // A crash after the commit replays the events: the same batch again adds nothing.
      db.store.outbox().retryLater("x", T.plusSeconds(5), "HTTP 503");
      state.commit("engine", 7, batch);
      assertThat(db.store.outbox().list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)
          .items()).extracting(OutboxAction::actionId).containsExactly("x", "y");
      assertThat(db.store.outbox().get("x").orElseThrow().attempts()).isEqualTo(1);
      assertThat(state.checkpoint("engine")).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aClosedStoreEnqueuesNothing(Vendor vendor) {
    OpenStore db = OpenStore.open(vendor, dir);
    try {
      db.store.close();
      StateBatch batch = StateBatch.EMPTY.withActions(List.of(pending("x")));
      assertThatThrownBy(() -> db.store.state().commit("engine", 1, batch)).isInstanceOf(StoreException.class)
          .hasMessage("store is closed: " + db.store.describe());
      assertThatThrownBy(() -> db.store.outbox().enqueue(List.of(pending("x")))).isInstanceOf(StoreException.class);
      try (Store reopened = Store.open(db.url)) {
        assertThat(reopened.outbox().get("x")).isEmpty();
        assertThat(reopened.state().checkpoint("engine")).isZero();
      }
    } finally {
      db.close();
    }
  }

  @Test
  void actionsSurviveCloseAndReopenOfAFileStore() {
    String url = TestDatabases.sqliteUrl(dir);
    try (Store store = Store.open(url)) {
      store.outbox().enqueue(List.of(pending("a"), pending("b"), action("w", OutboxState.AWAITING_PERSON, T)));
      store.outbox().retryLater("a", T.plusSeconds(1), "connection refused");
      store.outbox().delivered("b", T.plus(Duration.ofMillis(1500)));
    }
    try (Store store = Store.open(url)) {
      Outbox outbox = store.outbox();
      assertThat(outbox.get("a").orElseThrow().attempts()).isEqualTo(1);
      assertThat(outbox.get("b").orElseThrow().state()).isEqualTo(OutboxState.DELIVERED);
      assertThat(outbox.get("w")).contains(action("w", OutboxState.AWAITING_PERSON, T));
      assertThat(outbox.claimDue(T.plusSeconds(2), 10)).extracting(OutboxAction::actionId).containsExactly("a");
      assertThat(outbox.enqueue(List.of(pending("a"), pending("b")))).isZero();
    }
  }

  @Test
  void actionsAndStatesAreChecked() {
    assertThatThrownBy(() -> OutboxAction.create("a", "account", "x", "suspend", "{}", OutboxState.DELIVERED, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a new action starts pending or awaiting_person, not delivered");
    assertThatThrownBy(() -> OutboxAction.create(" ", "account", "x", "suspend", "{}", OutboxState.PENDING, T))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("actionId must not be blank");
    assertThatThrownBy(() -> OutboxAction.create("a\nb", "account", "x", "suspend", "{}", OutboxState.PENDING, T))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII at 1");
    assertThatThrownBy(() -> OutboxAction.create("a".repeat(201), "account", "x", "hide", "{}", OutboxState.PENDING, T))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("actionId is longer than 200 characters: 201");
    for (OutboxState s : OutboxState.values()) {
      assertThat(OutboxState.fromWire(s.wire())).contains(s);
    }
    assertThat(OutboxState.AWAITING_PERSON.wire()).isEqualTo("awaiting_person");
    assertThat(OutboxState.fromWire("PENDING")).isEmpty();
    assertThat(OutboxState.fromWire("")).isEmpty();
  }
}
