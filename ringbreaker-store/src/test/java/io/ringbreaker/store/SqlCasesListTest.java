package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a page of cases is read — one state or any, a queue or all, by a word that is rare or
 * common (the walk of the queue, and its giving way to the word's own cases) — pages through the
 * same cases in the same order as the setup says, with the cursor.
 */
class SqlCasesListTest {
  static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(15);
  static final String WORD = "storefront";
  static final int N = 40;

  @TempDir Path dir;

  /** One case of the setup: what the expected pages are computed from. */
  record Made(String key, String queue, CaseState state, double priority, boolean word) {}

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void everyReadPagesThroughTheCasesMostUrgentFirst(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      Store store = db.store;
      List<Made> made = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        String id = "u" + i;
        String queue = i % 3 == 0 ? "hashtags" : "triage";
        // Priorities all differ and do not follow i, and every case opens at T: order is priority order.
        double priority = 10 + (i * 37) % N * 2.5;
        boolean word = i % 4 != 1; // common, and absent from every fourth case
        int reports = i % 5 == 4 ? 1 : 0;
        List<String> terms = word ? List.of(id, WORD) : List.of(id);
        store.state().commit("engine", 1, StateBatch.EMPTY.withCases(List.of(new CaseUpdate("account:" + id, queue,
            "account", id, "medium", List.of("review"), true, priority, reports, reports,
            reports > 0 ? List.of("r-" + id) : List.of(), true, Optional.empty(), Optional.empty(), terms, T))));
        long caseId = store.cases().list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.of(id),
            Optional.empty(), 1)).items().getFirst().id();
        CaseState state = switch (i % 5) {
          case 0 -> CaseState.OPEN;
          case 1 -> claim(store, caseId);
          case 2 -> decide(store, caseId, id, DecisionKind.CONFIRM, CaseState.DECIDED);
          case 3 -> decide(store, caseId, id, DecisionKind.CLEAR, CaseState.CLOSED);
          default -> decide(store, caseId, id, DecisionKind.CLEAR, CaseState.AWAITING_CONFIRMATION);
        };
        made.add(new Made("account:" + id, queue, state, store.cases().get(caseId).orElseThrow().priority(), word));
      }
      assertThat(made).extracting(Made::priority).doesNotHaveDuplicates();

      // The store as opened (a word needs 2,000 cases to count as common), and one where 3 do and
      // a walk reads 4 cases: it finds a page, or gives way to the word's own cases.
      List<Cases> readers = List.of(store.cases(), new SqlCases(store.db(), 3, 4));
      List<Optional<String>> queues = List.of(Optional.empty(), Optional.of("triage"), Optional.of("hashtags"),
          Optional.of("nobody's"));
      List<Optional<CaseState>> states = new ArrayList<>(List.of(Optional.empty()));
      for (CaseState s : CaseState.values()) {
        states.add(Optional.of(s));
      }
      List<Optional<String>> words = List.of(Optional.empty(), Optional.of("#StoreFront"), Optional.of("u7"),
          Optional.of("unheard-of"));
      int checked = 0;
      for (Cases reader : readers) {
        for (Optional<String> queue : queues) {
          for (Optional<CaseState> state : states) {
            for (Optional<String> word : words) {
              List<String> expected = made.stream()
                  .filter(m -> queue.isEmpty() || m.queue().equals(queue.get()))
                  .filter(m -> state.isEmpty() || m.state() == state.get())
                  .filter(m -> word.isEmpty() || (word.get().equals("u7") ? m.key().equals("account:u7")
                      : word.get().equals("#StoreFront") && m.word()))
                  .sorted(Comparator.comparingDouble(Made::priority).reversed())
                  .map(Made::key).toList();
              for (int limit : new int[] {1, 2, 5, 50}) {
                assertThat(pages(reader, queue, state, word, limit))
                    .as("queue %s, state %s, q %s, limit %d", queue, state, word, limit)
                    .isEqualTo(expected);
                checked++;
              }
            }
          }
        }
      }
      assertThat(checked).isEqualTo(2 * 4 * 6 * 4 * 4);
    }
  }

  /** Every page from the first, following the cursor; the keys in the order read. */
  static List<String> pages(Cases reader, Optional<String> queue, Optional<CaseState> state, Optional<String> word,
                            int limit) {
    List<String> keys = new ArrayList<>();
    Optional<String> after = Optional.empty();
    for (int page = 0; page <= N; page++) {
      Page<CaseRow> p = reader.list(new CaseQuery(queue, state, word, after, limit));
      assertThat(p.items().size()).isLessThanOrEqualTo(limit);
      p.items().forEach(c -> keys.add(c.key()));
      if (p.next().isEmpty()) {
        return keys;
      }
      after = p.next();
    }
    throw new AssertionError("more pages than cases");
  }

  static CaseState claim(Store store, long caseId) {
    store.cases().claim(caseId, "alice", T, LEASE);
    return CaseState.CLAIMED;
  }

  static CaseState decide(Store store, long caseId, String id, DecisionKind kind, CaseState becomes) {
    store.cases().claim(caseId, "alice", T, LEASE);
    store.cases().decide(caseId, "alice", List.of(new SubjectDecision("account", id, kind,
        kind == DecisionKind.CONFIRM ? "solicitation" : "not_violating", "looked at it", List.of())), T);
    return becomes;
  }
}
