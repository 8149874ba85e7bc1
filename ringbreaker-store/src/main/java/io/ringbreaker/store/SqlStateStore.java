package io.ringbreaker.store;

import io.ringbreaker.model.Severity;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

final class SqlStateStore implements StateStore {
  private static final int FETCH = 500;
  private static final String VERDICT_COLUMNS =
      "subject_type, subject_id, severity, score, updated_at_us, json, severity_rank";
  private static final String ORDER = " ORDER BY severity_rank DESC, score DESC, subject_type, subject_id";

  private final Db db;

  SqlStateStore(Db db) {
    this.db = db;
  }

  @Override
  public long checkpoint(String consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return db.read("checkpoint of " + consumer, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM checkpoints WHERE consumer = ?")) {
        ps.setString(1, consumer);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public void commit(String consumer, long seq, StateBatch batch) {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(batch, "batch");
    // A multi-row upsert may not touch one key twice (PostgreSQL refuses): keep the last of each key.
    Collection<VerdictRow> verdicts =
        lastByKey(batch.verdicts(), v -> List.of(v.subjectType(), v.subjectId()));
    Collection<HashtagRow> hashtags = lastByKey(batch.hashtags(), HashtagRow::tag);
    Collection<StateRow> state = lastByKey(batch.state(), s -> List.of(s.kind(), s.key()));
    db.write("state commit of " + consumer + " at seq " + seq, c -> {
      if (!batch.deleted().isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM engine_state WHERE kind = ? AND state_key = ?")) {
          for (StateBatch.StateKey k : batch.deleted()) {
            ps.setString(1, k.kind());
            ps.setString(2, k.key());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (!verdicts.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO verdicts (subject_type, subject_id, severity, severity_rank, score, updated_at_us, json) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject_type, subject_id) DO UPDATE SET "
                + "severity = excluded.severity, severity_rank = excluded.severity_rank, score = excluded.score, "
                + "updated_at_us = excluded.updated_at_us, json = excluded.json")) {
          for (VerdictRow v : verdicts) {
            ps.setString(1, v.subjectType());
            ps.setString(2, v.subjectId());
            ps.setString(3, v.severity());
            ps.setInt(4, Severities.rank(v.severity()));
            ps.setDouble(5, v.score());
            ps.setLong(6, Times.micros(v.updatedAt()));
            ps.setString(7, v.json());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (!hashtags.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO hashtags (tag, json) VALUES (?, ?) ON CONFLICT (tag) DO UPDATE SET json = excluded.json")) {
          for (HashtagRow h : hashtags) {
            ps.setString(1, h.tag());
            ps.setString(2, h.json());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (!state.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO engine_state (kind, state_key, json) VALUES (?, ?, ?) "
                + "ON CONFLICT (kind, state_key) DO UPDATE SET json = excluded.json")) {
          for (StateRow s : state) {
            ps.setString(1, s.kind());
            ps.setString(2, s.key());
            ps.setString(3, s.json());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      SqlOutbox.insertAll(c, batch.actions());
      SqlEvidence.requestAll(c, batch.preservations());
      SqlCases.apply(c, batch.cases());
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO checkpoints (consumer, seq, updated_at_us) VALUES (?, ?, ?) "
              + "ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq, updated_at_us = excluded.updated_at_us")) {
        ps.setString(1, consumer);
        ps.setLong(2, seq);
        ps.setLong(3, Times.nowMicros());
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static <T> Collection<T> lastByKey(List<T> rows, Function<T, Object> key) {
    Map<Object, T> last = new LinkedHashMap<>();
    for (T row : rows) {
      last.put(key.apply(row), row);
    }
    return last.values();
  }

  @Override
  public void forEachVerdict(Consumer<VerdictRow> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    db.stream("verdict scan", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + VERDICT_COLUMNS + " FROM verdicts ORDER BY subject_type, subject_id")) {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(verdict(rs));
          }
        }
      }
      return null;
    });
  }

  @Override
  public void forEachHashtag(Consumer<HashtagRow> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    db.stream("hashtag scan", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT tag, json FROM hashtags ORDER BY tag")) {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(new HashtagRow(rs.getString(1), rs.getString(2)));
          }
        }
      }
      return null;
    });
  }

  @Override
  public void forEachState(String kind, Consumer<StateRow> consumer) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(consumer, "consumer");
    db.stream("state scan of " + kind, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT kind, state_key, json FROM engine_state WHERE kind = ? ORDER BY state_key")) {
        ps.setString(1, kind);
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(new StateRow(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return null;
    });
  }

  @Override
  public Optional<StateRow> state(String kind, String key) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    return db.read("state lookup", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT kind, state_key, json FROM engine_state WHERE kind = ? AND state_key = ?")) {
        ps.setString(1, kind);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new StateRow(rs.getString(1), rs.getString(2), rs.getString(3)))
              : Optional.<StateRow>empty();
        }
      }
    });
  }

  @Override
  public Optional<VerdictRow> verdict(String subjectType, String subjectId) {
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    return db.read("verdict lookup", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + VERDICT_COLUMNS + " FROM verdicts WHERE subject_type = ? AND subject_id = ?")) {
        ps.setString(1, subjectType);
        ps.setString(2, subjectId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(verdict(rs)) : Optional.<VerdictRow>empty();
        }
      }
    });
  }

  @Override
  public Page<VerdictRow> verdicts(VerdictQuery q) {
    Objects.requireNonNull(q, "q");
    Optional<Cursor> after = q.after().map(Cursor::decode);
    StringBuilder sql = new StringBuilder("SELECT " + VERDICT_COLUMNS + " FROM verdicts WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    q.subjectType().ifPresent(t -> {
      sql.append(" AND subject_type = ?");
      args.add(t);
    });
    q.subjectId().ifPresent(id -> {
      sql.append(" AND subject_id = ?");
      args.add(id);
    });
    q.severity().ifPresent(s -> {
      sql.append(" AND severity_rank = ?");
      args.add(Severities.rank(s));
    });
    q.minSeverity().ifPresent(s -> {
      sql.append(" AND severity_rank >= ?");
      args.add(Severities.rank(s));
    });
    after.ifPresent(k -> {
      // Rows strictly after k in (rank desc, score desc, type asc, id asc) order.
      sql.append(" AND (severity_rank < ? OR (severity_rank = ? AND (score < ? OR (score = ? AND "
          + "(subject_type > ? OR (subject_type = ? AND subject_id > ?))))))");
      args.addAll(List.of(k.rank, k.rank, k.score, k.score, k.subjectType, k.subjectType, k.subjectId));
    });
    sql.append(ORDER).append(" LIMIT ?");
    args.add(q.limit() + 1);
    return db.read("verdict query", c -> {
      List<VerdictRow> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(verdict(rs));
          }
        }
      }
      if (rows.size() <= q.limit()) {
        return new Page<>(rows, Optional.empty());
      }
      List<VerdictRow> page = rows.subList(0, q.limit());
      return new Page<>(page, Optional.of(Cursor.of(page.get(page.size() - 1)).encode()));
    });
  }

  @Override
  public List<HashtagRow> hashtags() {
    List<HashtagRow> out = new ArrayList<>();
    forEachHashtag(out::add);
    return Collections.unmodifiableList(out);
  }

  @Override
  public Map<String, Long> verdictCountsBySeverity() {
    long[] counts = new long[Severity.values().length];
    db.read("verdict counts", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT severity_rank, COUNT(*) FROM verdicts GROUP BY severity_rank");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts[rs.getInt(1)] = rs.getLong(2);
        }
      }
      return null;
    });
    Map<String, Long> out = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      out.put(s.wire(), counts[s.ordinal()]);
    }
    return Collections.unmodifiableMap(out);
  }

  private static VerdictRow verdict(ResultSet rs) throws SQLException {
    return new VerdictRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getDouble(4),
        Times.instant(rs.getLong(5)),
        rs.getString(6));
  }

  /** The sort key of the last row of a page; opaque to callers. */
  private record Cursor(int rank, double score, String subjectType, String subjectId) {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    static Cursor of(VerdictRow v) {
      return new Cursor(Severities.rank(v.severity()), v.score(), v.subjectType(), v.subjectId());
    }

    String encode() {
      String plain = "v1." + rank + "." + Long.toHexString(Double.doubleToRawLongBits(score)) + "."
          + b64(subjectType) + "." + b64(subjectId);
      return b64(plain);
    }

    static Cursor decode(String cursor) {
      try {
        String[] parts = unb64(cursor).split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals("v1")) {
          throw new IllegalArgumentException("wrong shape");
        }
        int rank = Integer.parseInt(parts[1]);
        Severities.name(rank);
        double score = Double.longBitsToDouble(Long.parseUnsignedLong(parts[2], 16));
        return new Cursor(rank, score, unb64(parts[3]), unb64(parts[4]));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid verdict cursor \"" + cursor + "\"", e);
      }
    }

    private static String b64(String s) {
      return ENC.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
      return new String(DEC.decode(s), StandardCharsets.UTF_8);
    }
  }
}
