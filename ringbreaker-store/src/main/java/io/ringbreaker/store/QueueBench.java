package io.ringbreaker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The review queue at scale, for {@code ringbreaker bench queue} and the JMH {@code QueueBenchmark}:
 * fills a store with open cases in a few large transactions, and runs the baselines the figures
 * stand beside (the same questions without the indexes' help).
 */
public final class QueueBench {
  /** The queues cases are spread over (child-safety gets a tenth, as it would). */
  public static final String[] QUEUES = {"triage", "triage", "triage", "triage", "triage", "triage", "triage",
      "triage", "hashtags", "child-safety"};
  /**
   * A word every tenth case has (100,000 at a million), all of them in queue {@code triage}: a tag a
   * reviewer searches for that is common in one queue and absent from {@code child-safety}.
   */
  public static final String COMMON_WORD = "storefront";
  private static final int CHUNK = 20_000;

  private QueueBench() {}

  /**
   * Adds {@code n} open cases (one account subject and one search word each, {@code acct-<i>}),
   * opened over the {@code n} minutes before {@code now} at severities and priorities spread like
   * the simulator's, every tenth also found by {@link #COMMON_WORD}; {@code progress} hears the
   * count after each chunk.
   */
  public static void fill(Store store, int n, Instant now, LongConsumer progress) {
    Db db = store.db();
    java.util.Random rnd = new java.util.Random(42);
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      int from = start;
      db.write("queue benchmark fill", c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cases (case_key, queue, state, priority, sort_key, "
            + "severity_rank, opened_at_us, sla_due_at_us, subjects, reports) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, 1, ?)")) {
          for (int i = from; i < end; i++) {
            int rank = 1 + rnd.nextInt(4);
            double priority = Math.round((10 + rnd.nextDouble() * 150) * 1000) / 1000.0;
            Instant opened = now.minus(Duration.ofMinutes(n - i));
            ps.setString(1, "account:acct-" + i);
            ps.setString(2, QUEUES[i % QUEUES.length]);
            ps.setDouble(3, priority);
            ps.setDouble(4, CasePriority.sortKey(priority, opened));
            ps.setInt(5, rank);
            ps.setLong(6, Times.micros(opened));
            ps.setLong(7, Times.micros(opened.plus(CasePriority.sla(rank))));
            ps.setInt(8, rnd.nextInt(3));
            ps.addBatch();
          }
          ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO case_terms (term, case_id) SELECT 'acct-' || CAST(id - 1 - ? AS TEXT), id FROM cases "
                + "WHERE id > ? AND id <= ?")) {
          // Ids are 1.. in insert order on both vendors (a fresh store), so case id - 1 is i.
          ps.setLong(1, 0);
          ps.setLong(2, from);
          ps.setLong(3, end);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_terms (term, case_id) SELECT ?, id FROM cases "
            + "WHERE id > ? AND id <= ? AND (id - 1) % 10 = 3")) {
          ps.setString(1, COMMON_WORD);
          ps.setLong(2, from);
          ps.setLong(3, end);
          ps.executeUpdate();
        }
        return null;
      });
      progress.accept(end);
    }
    if (store.isPostgres()) {
      // VACUUM as autovacuum would soon: it marks the pages all-visible, which index-only reads rely
      // on. It cannot run in a transaction, hence the autocommit connection of read().
      db.read("vacuum", c -> {
        c.createStatement().execute("VACUUM ANALYZE cases");
        c.createStatement().execute("VACUUM ANALYZE case_terms");
        return null;
      });
    } else {
      db.write("analyze", c -> {
        c.createStatement().execute("ANALYZE");
        return null;
      });
    }
  }

  /** The number of open cases. */
  public static long openCases(Store store) {
    return store.db().read("open case count", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cases WHERE state = 'open'");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * Baseline of a page: the same question as {@code list(CaseQuery.open(queue, limit))} ordered by an
   * expression no index holds, so the database reads and sorts every open case of the queue.
   * Returns the ids read, so the work is not optimised away.
   */
  public static long pageWithoutIndex(Store store, String queue, int limit) {
    return store.db().read("baseline page", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cases WHERE queue = ? AND state = 'open' "
          + "ORDER BY sort_key + 0 DESC, id + 0 LIMIT ?")) {
        ps.setString(1, queue);
        ps.setInt(2, limit);
        long sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sum += rs.getLong(1);
          }
        }
        return sum;
      }
    });
  }

  /** Baseline of a search: a substring scan of every case's key instead of the word index. */
  public static long searchWithoutIndex(Store store, String word) {
    return store.db().read("baseline search", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cases WHERE case_key LIKE ? "
          + "ORDER BY sort_key DESC, id LIMIT 50")) {
        ps.setString(1, "%:" + word);
        long sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sum += rs.getLong(1);
          }
        }
        return sum;
      }
    });
  }

  /**
   * Baseline of the queue overview: the query {@code queues(now)} ran before migration V8, as it was
   * planned then. One more state value, which no case has, keeps the planner from proving that
   * the partial index cases_active covers the query, so it reads what it read before.
   */
  public static List<QueueStats> queuesWithoutIndex(Store store, Instant now) {
    String without = SqlCases.ACTIVE.replace("')", "', '')");
    return store.db().read("baseline queue counts", c -> SqlCases.queueStats(c,
        SqlCases.QUEUE_COUNTS + without + " GROUP BY queue, state", Times.micros(now)));
  }

  /** Baseline of the queue overview: every active case read (as before V8) and counted in Java. */
  public static List<QueueStats> queuesInJava(Store store, Instant now) {
    long nowUs = Times.micros(now);
    String without = SqlCases.ACTIVE.replace("')", "', '')");
    return store.db().read("baseline queue counts in Java", c -> {
      Map<String, long[]> byQueue = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT queue, state, opened_at_us, sla_due_at_us FROM cases WHERE " + without);
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          SqlCases.fold(byQueue, rs.getString(1), rs.getString(2), 1, rs.getLong(3), rs.getLong(4) < nowUs ? 1 : 0);
        }
      }
      return SqlCases.queueStats(byQueue);
    });
  }

  /**
   * Baseline of a page in any state: the single query {@code list} ran before, ordered over every
   * state at once, which no index holds (of a queue when {@code queue} is given).
   */
  public static long anyStateInOneQuery(Store store, Optional<String> queue, int limit) {
    return ids(store, "SELECT " + SqlCases.COLUMNS + " FROM cases WHERE 1 = 1"
        + queue.map(q -> " AND queue = ?").orElse("") + SqlCases.ORDER + " LIMIT ?",
        queue.isPresent() ? List.of(queue.get(), limit + 1) : List.of(limit + 1));
  }

  /**
   * Baseline of a search within a queue: the single query {@code list} ran before, which leaves the
   * choice between the word's cases and a walk of the queue to the planner.
   */
  public static long searchInOneQuery(Store store, String queue, String word, int limit) {
    return ids(store, "SELECT " + SqlCases.COLUMNS + " FROM cases WHERE queue = ? AND state = 'open' "
        + "AND id IN (SELECT case_id FROM case_terms WHERE term = ?)" + SqlCases.ORDER + " LIMIT ?",
        List.of(queue, word, limit + 1));
  }

  /** Runs a query whose first column is a case id; returns the ids' sum, so the work is not optimised away. */
  private static long ids(Store store, String sql, List<Object> args) {
    return store.db().read("baseline", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        long sum = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sum += rs.getLong(1);
          }
        }
        return sum;
      }
    });
  }
}
