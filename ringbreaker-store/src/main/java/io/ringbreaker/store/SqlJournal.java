package io.ringbreaker.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The journal on either database. An append first looks up which ids are already journaled,
 * dedupes the list in Java, then inserts the rest; the UNIQUE constraint on event_id is the final
 * guard. Appends are serialised (SQLite: the write lock of BEGIN IMMEDIATE; PostgreSQL: a
 * transaction-scoped advisory lock), so seqs become visible in ascending order and a reader that
 * checkpoints a seq never skips a smaller one committed later.
 */
final class SqlJournal implements Journal {
  private static final int LOOKUP_CHUNK = 500;
  private static final String COLUMNS = "seq, event_id, type, occurred_at_us, received_at_us, json";

  private final Db db;

  SqlJournal(Db db) {
    this.db = db;
  }

  @Override
  public List<Appended> append(List<JournalRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return List.of();
    }
    List<JournalRecord> copy = List.copyOf(records);
    return db.write("journal append of " + copy.size() + " record(s)", c -> append(c, copy));
  }

  private List<Appended> append(Connection c, List<JournalRecord> records) throws SQLException {
    if (db.vendor == Db.Vendor.POSTGRES) {
      try (PreparedStatement lock =
          c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('ringbreaker.journal.' || current_schema()))")) {
        lock.executeQuery().close();
      }
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (JournalRecord r : records) {
      distinct.add(r.eventId());
    }
    Map<String, Long> seqs = existing(c, new ArrayList<>(distinct));

    List<JournalRecord> fresh = new ArrayList<>();
    LinkedHashSet<String> freshIds = new LinkedHashSet<>();
    for (JournalRecord r : records) {
      if (!seqs.containsKey(r.eventId()) && freshIds.add(r.eventId())) {
        fresh.add(r);
      }
    }
    long receivedAt = Times.nowMicros();
    Set<String> raced = Set.of();
    if (!fresh.isEmpty()) {
      if (db.vendor == Db.Vendor.SQLITE) {
        insertSqlite(c, fresh, receivedAt, seqs);
      } else {
        raced = insertPostgres(c, fresh, receivedAt, seqs);
      }
    }

    List<Appended> out = new ArrayList<>(records.size());
    LinkedHashSet<String> firstSeen = new LinkedHashSet<>();
    for (JournalRecord r : records) {
      String id = r.eventId();
      Long seq = seqs.get(id);
      if (seq == null) {
        throw new SQLException("event " + id + " was neither inserted nor found");
      }
      boolean stored = freshIds.contains(id) && !raced.contains(id) && firstSeen.add(id);
      out.add(new Appended(id, seq, !stored));
    }
    return Collections.unmodifiableList(out);
  }

  private Map<String, Long> existing(Connection c, List<String> ids) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    if (db.vendor == Db.Vendor.POSTGRES) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT event_id, seq FROM journal WHERE event_id = ANY(?)")) {
        ps.setArray(1, c.createArrayOf("text", ids.toArray()));
        collect(ps, found);
      }
      return found;
    }
    for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
      String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement ps =
          c.prepareStatement("SELECT event_id, seq FROM journal WHERE event_id IN (" + marks + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        collect(ps, found);
      }
    }
    return found;
  }

  private static void collect(PreparedStatement ps, Map<String, Long> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.put(rs.getString(1), rs.getLong(2));
      }
    }
  }

  /**
   * Holding the write lock, consecutive inserts get consecutive seqs (AUTOINCREMENT never reuses
   * one), so the seqs are last_insert_rowid() - n + 1 .. last_insert_rowid().
   */
  private static void insertSqlite(Connection c, List<JournalRecord> fresh, long receivedAt, Map<String, Long> seqs)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO journal (event_id, type, occurred_at_us, received_at_us, json) VALUES (?, ?, ?, ?, ?)")) {
      for (JournalRecord r : fresh) {
        ps.setString(1, r.eventId());
        ps.setString(2, r.type());
        ps.setLong(3, Times.micros(r.occurredAt()));
        ps.setLong(4, receivedAt);
        ps.setString(5, r.json());
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      if (Arrays.stream(counts).anyMatch(n -> n != 1)) {
        throw new SQLException("journal insert stored " + Arrays.toString(counts) + " rows, expected 1 each");
      }
    }
    long last;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
      rs.next();
      last = rs.getLong(1);
    }
    long first = last - fresh.size() + 1;
    for (int i = 0; i < fresh.size(); i++) {
      seqs.put(fresh.get(i).eventId(), first + i);
    }
  }

  /**
   * One statement for the whole batch; ORDER BY ord assigns seqs in input order. Returns the ids
   * that another writer journaled first (none while the advisory lock is held).
   */
  private Set<String> insertPostgres(Connection c, List<JournalRecord> fresh, long receivedAt, Map<String, Long> seqs)
      throws SQLException {
    int n = fresh.size();
    Object[] ids = new Object[n];
    Object[] types = new Object[n];
    Object[] occurred = new Object[n];
    Object[] jsons = new Object[n];
    for (int i = 0; i < n; i++) {
      JournalRecord r = fresh.get(i);
      ids[i] = r.eventId();
      types[i] = r.type();
      occurred[i] = Times.micros(r.occurredAt());
      jsons[i] = r.json();
    }
    Array idArray = c.createArrayOf("text", ids);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO journal (event_id, type, occurred_at_us, received_at_us, json) "
            + "SELECT u.event_id, u.type, u.occurred_at_us, ?, u.json "
            + "FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) "
            + "WITH ORDINALITY AS u(event_id, type, occurred_at_us, json, ord) "
            + "ORDER BY u.ord "
            + "ON CONFLICT (event_id) DO NOTHING "
            + "RETURNING event_id, seq")) {
      ps.setLong(1, receivedAt);
      ps.setArray(2, idArray);
      ps.setArray(3, c.createArrayOf("text", types));
      ps.setArray(4, c.createArrayOf("bigint", occurred));
      ps.setArray(5, c.createArrayOf("text", jsons));
      Map<String, Long> inserted = new HashMap<>();
      collect(ps, inserted);
      seqs.putAll(inserted);
      if (inserted.size() == n) {
        return Set.of();
      }
      List<String> missing = new ArrayList<>();
      for (Object id : ids) {
        if (!inserted.containsKey((String) id)) {
          missing.add((String) id);
        }
      }
      seqs.putAll(existing(c, missing));
      return Set.copyOf(missing);
    }
  }

  @Override
  public List<JournalEntry> readAfter(long seqExclusive, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0, got " + limit);
    }
    return db.read("journal read after seq " + seqExclusive, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM journal WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setLong(1, seqExclusive);
        ps.setInt(2, limit);
        ps.setFetchSize(Math.min(limit, 1000));
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
        return Collections.unmodifiableList(out);
      }
    });
  }

  @Override
  public long lastSeq() {
    return db.read("journal last seq", c -> single(c, "SELECT COALESCE(MAX(seq), 0) FROM journal"));
  }

  @Override
  public long count() {
    return db.read("journal count", c -> single(c, "SELECT COUNT(*) FROM journal"));
  }

  @Override
  public Optional<JournalEntry> find(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    return db.read("journal find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM journal WHERE event_id = ?")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(entry(rs)) : Optional.<JournalEntry>empty();
        }
      }
    });
  }

  private static JournalEntry entry(ResultSet rs) throws SQLException {
    return new JournalEntry(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        Times.instant(rs.getLong(4)),
        Times.instant(rs.getLong(5)),
        rs.getString(6));
  }

  static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
