package io.ringbreaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateStoreTest {
  private static final List<String> SEVERITIES = List.of("none", "low", "medium", "high", "critical");
  private static final Instant T = Instant.parse("2025-03-01T12:00:00.5Z");

  @TempDir Path dir;

  static VerdictRow verdict(String type, String id, String severity, double score) {
    return new VerdictRow(type, id, severity, score, T, "{\"subject\":\"" + id + "\",\"severity\":\"" + severity + "\"}");
  }

  static StateBatch verdicts(VerdictRow... rows) {
    return new StateBatch(List.of(rows), List.of(), List.of());
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void commitSetsCheckpointAndUpsertsRows(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      StateStore state = db.store.state();
      assertThat(state.checkpoint("engine")).isZero();

      state.commit("engine", 42, new StateBatch(
          List.of(verdict("account", "acct-1", "high", 0.8)),
          List.of(new HashtagRow("tagb", "{\"n\":1}"), new HashtagRow("taga", "{\"n\":2}")),
          List.of(new StateRow("tag_accounts", "taga", "[\"acct-1\"]"), new StateRow("other", "k", "{}"))));

      assertThat(state.checkpoint("engine")).isEqualTo(42);
      assertThat(state.checkpoint("someone-else")).isZero();
      assertThat(state.verdict("account", "acct-1")).contains(verdict("account", "acct-1", "high", 0.8));
      assertThat(state.hashtags()).extracting(HashtagRow::tag).containsExactly("taga", "tagb");

      // Second commit: updates by key, adds new rows, moves the checkpoint.
      state.commit("engine", 50, new StateBatch(
          List.of(verdict("account", "acct-1", "critical", 0.99), verdict("message", "m-1", "low", 0.1)),
          List.of(new HashtagRow("taga", "{\"n\":3}")),
          List.of(new StateRow("tag_accounts", "taga", "[\"acct-1\",\"acct-2\"]"))));

      assertThat(state.checkpoint("engine")).isEqualTo(50);
      assertThat(state.verdict("account", "acct-1").orElseThrow().severity()).isEqualTo("critical");
      assertThat(state.hashtags()).containsExactly(new HashtagRow("taga", "{\"n\":3}"), new HashtagRow("tagb", "{\"n\":1}"));
      List<StateRow> tagAccounts = new ArrayList<>();
      state.forEachState("tag_accounts", tagAccounts::add);
      assertThat(tagAccounts).containsExactly(new StateRow("tag_accounts", "taga", "[\"acct-1\",\"acct-2\"]"));

      List<VerdictRow> all = new ArrayList<>();
      state.forEachVerdict(all::add);
      assertThat(all).extracting(VerdictRow::subjectId).containsExactly("acct-1", "m-1");
      List<HashtagRow> tags = new ArrayList<>();
      state.forEachHashtag(tags::add);
      assertThat(tags).hasSize(2);

      // A checkpoint alone, with no rows.
      state.commit("engine", 51, StateBatch.EMPTY);
      assertThat(state.checkpoint("engine")).isEqualTo(51);
      assertThat(state.verdict("message", "nope")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void repeatedKeysInOneBatchKeepTheLast(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      StateStore state = db.store.state();
      state.commit("engine", 1, new StateBatch(
          List.of(verdict("account", "a", "low", 0.2), verdict("account", "a", "medium", 0.5)),
          List.of(new HashtagRow("t", "1"), new HashtagRow("t", "2")),
          List.of(new StateRow("k", "x", "1"), new StateRow("k", "x", "2"))));
      assertThat(state.verdict("account", "a").orElseThrow().severity()).isEqualTo("medium");
      assertThat(state.hashtags()).containsExactly(new HashtagRow("t", "2"));
      List<StateRow> rows = new ArrayList<>();
      state.forEachState("k", rows::add);
      assertThat(rows).containsExactly(new StateRow("k", "x", "2"));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void aFailedCommitChangesNothing(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      StateStore state = db.store.state();
      state.commit("engine", 10, verdicts(verdict("account", "a", "low", 0.2)));

      // Verdicts are written first, then hashtags: make the hashtag write fail.
      db.sql("ALTER TABLE hashtags RENAME TO hashtags_away");
      StateBatch batch = new StateBatch(
          List.of(verdict("account", "a", "critical", 1.0), verdict("account", "b", "high", 0.9)),
          List.of(new HashtagRow("t", "{}")), List.of());
      assertThatThrownBy(() -> state.commit("engine", 20, batch))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("state commit of engine at seq 20 failed on " + db.store.describe());

      assertThat(state.checkpoint("engine")).isEqualTo(10);
      assertThat(state.verdict("account", "a").orElseThrow().severity()).isEqualTo("low");
      assertThat(state.verdict("account", "b")).isEmpty();

      db.sql("ALTER TABLE hashtags_away RENAME TO hashtags");
      state.commit("engine", 20, batch);
      assertThat(state.checkpoint("engine")).isEqualTo(20);
      assertThat(state.verdict("account", "b")).isPresent();
    }
  }

  /** 40 verdicts: every severity, repeated scores (ties broken by subject), two subject types. */
  private static List<VerdictRow> sample() {
    List<VerdictRow> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String type = i % 3 == 0 ? "message" : "account";
      rows.add(verdict(type, "s" + (char) ('a' + (i * 7) % 26) + i, SEVERITIES.get(i % 5), (i % 4) * 0.25));
    }
    return rows;
  }

  private static final Comparator<VerdictRow> ORDER =
      Comparator.comparingInt((VerdictRow v) -> SEVERITIES.indexOf(v.severity())).reversed()
          .thenComparing(Comparator.comparingDouble(VerdictRow::score).reversed())
          .thenComparing(VerdictRow::subjectType)
          .thenComparing(VerdictRow::subjectId);

  private static List<VerdictRow> pageThrough(StateStore state, VerdictQuery q) {
    List<VerdictRow> out = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      Page<VerdictRow> page = state.verdicts(q.withAfter(after));
      assertThat(page.items().size()).isLessThanOrEqualTo(q.limit());
      out.addAll(page.items());
      after = page.next();
      assertThat(++pages).as("pages").isLessThan(100);
    } while (after.isPresent());
    return out;
  }

  private static List<VerdictRow> expected(Predicate<VerdictRow> filter) {
    return sample().stream().filter(filter).sorted(ORDER).toList();
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void verdictQueriesFilterOrderAndPage(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      StateStore state = db.store.state();
      state.commit("engine", 1, new StateBatch(sample(), List.of(), List.of()));

      Page<VerdictRow> firstPage = state.verdicts(VerdictQuery.all(7));
      assertThat(firstPage.items()).containsExactlyElementsOf(expected(v -> true).subList(0, 7));
      assertThat(firstPage.next()).isPresent();
      assertThat(state.verdicts(VerdictQuery.all(40)).next()).isEmpty();

      assertThat(pageThrough(state, VerdictQuery.all(7))).containsExactlyElementsOf(expected(v -> true));
      assertThat(pageThrough(state, VerdictQuery.all(1))).containsExactlyElementsOf(expected(v -> true));

      VerdictQuery messages = new VerdictQuery(Optional.of("message"), Optional.empty(), Optional.empty(),
          Optional.empty(), 3, Optional.empty());
      assertThat(pageThrough(state, messages))
          .containsExactlyElementsOf(expected(v -> v.subjectType().equals("message")));

      VerdictQuery high = new VerdictQuery(Optional.empty(), Optional.empty(), Optional.of("high"),
          Optional.empty(), 2, Optional.empty());
      assertThat(pageThrough(state, high)).isNotEmpty()
          .containsExactlyElementsOf(expected(v -> v.severity().equals("high")));

      VerdictQuery atLeastMedium = new VerdictQuery(Optional.of("account"), Optional.empty(), Optional.empty(),
          Optional.of("medium"), 4, Optional.empty());
      assertThat(pageThrough(state, atLeastMedium)).isNotEmpty().containsExactlyElementsOf(expected(v ->
          v.subjectType().equals("account") && SEVERITIES.indexOf(v.severity()) >= 2));

      VerdictRow one = sample().get(5);
      VerdictQuery bySubject = new VerdictQuery(Optional.of(one.subjectType()), Optional.of(one.subjectId()),
          Optional.empty(), Optional.empty(), 10, Optional.empty());
      assertThat(state.verdicts(bySubject)).isEqualTo(new Page<>(List.of(one), Optional.empty()));

      assertThat(state.verdictCountsBySeverity()).containsExactly(
          Map.entry("none", 8L), Map.entry("low", 8L), Map.entry("medium", 8L),
          Map.entry("high", 8L), Map.entry("critical", 8L));
    }
  }

  @ParameterizedTest
  @EnumSource(Vendor.class)
  void badQueriesAreRefused(Vendor vendor) {
    try (OpenStore db = OpenStore.open(vendor, dir)) {
      StateStore state = db.store.state();
      assertThatThrownBy(() -> state.verdicts(VerdictQuery.all(5).withAfter(Optional.of("not-a-cursor"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid verdict cursor \"not-a-cursor\"");
      assertThatThrownBy(() -> new VerdictQuery(Optional.empty(), Optional.empty(), Optional.of("severe"),
          Optional.empty(), 5, Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown severity \"severe\"");
      assertThatThrownBy(() -> VerdictQuery.all(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> verdict("account", "a", "urgent", 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> verdict("account", "a", "low", Double.NaN))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(state.verdictCountsBySeverity()).containsOnlyKeys(SEVERITIES).allSatisfy((k, n) -> assertThat(n).isZero());
    }
  }
}
