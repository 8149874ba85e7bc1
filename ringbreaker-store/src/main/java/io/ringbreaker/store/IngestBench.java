package io.ringbreaker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * What {@code ringbreaker bench ingest} reads back after a run: how much of the response path the
 * events set off, so a table of ingest figures says what work stood behind them.
 */
public final class IngestBench {
  private IngestBench() {}

  /**
   * Rows the processor and the evidence keeper wrote: verdicts, platform actions in the outbox,
   * review cases, evidence items sealed, and preservation requests still pending.
   */
  public record Response(long verdicts, long actions, long cases, long evidenceItems, long pendingPreservations) {}

  public static Response response(Store store) {
    return store.db().read("ingest bench counts", c -> new Response(
        count(c, "SELECT COUNT(*) FROM verdicts"),
        count(c, "SELECT COUNT(*) FROM outbox"),
        count(c, "SELECT COUNT(*) FROM cases"),
        count(c, "SELECT COUNT(*) FROM evidence_items"),
        count(c, "SELECT COUNT(*) FROM evidence_requests WHERE state = 'pending'")));
  }

  private static long count(java.sql.Connection c, String sql) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
