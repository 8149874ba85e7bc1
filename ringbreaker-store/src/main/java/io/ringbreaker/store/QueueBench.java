package io.ringbreaker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
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
  private static final int CHUNK = 20_000;

  private QueueBench() {}

  /**
   * Adds {@code n} open cases (one account subject and one search word each, {@code acct-<i>}),
   * opened over the {@code n} minutes before {@code now} at severities and priorities spread like
   * the simulator's; {@code progress} hears the count after each chunk.
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
        return null;
      });
      progress.accept(end);
    }
    if (store.isPostgres()) {
      db.write("analyze", c -> {
        c.createStatement().execute("ANALYZE cases");
        c.createStatement().execute("ANALYZE case_terms");
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
}
