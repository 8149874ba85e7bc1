package io.ringbreaker.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class SqlOutbox implements Outbox {
  private static final String COLUMNS = "action_id, subject_type, subject_id, action, payload, state, attempts, "
      + "created_at_us, next_attempt_at_us, delivered_at_us, last_error, decided_by";
  private static final String INSERT = "INSERT INTO outbox (action_id, subject_type, subject_id, action, payload, "
      + "state, attempts, created_at_us, next_attempt_at_us, delivered_at_us, last_error, updated_at_us, decided_by) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING";
  /** Errors are kept short: they are shown in lists, and a platform's error page can be large. */
  static final int MAX_ERROR_LENGTH = 1000;

  private final Db db;

  SqlOutbox(Db db) {
    this.db = db;
  }

  @Override
  public int enqueue(List<OutboxAction> actions) {
    Objects.requireNonNull(actions, "actions");
    Collection<OutboxAction> unique = firstById(actions);
    if (unique.isEmpty()) {
      return 0;
    }
    return db.write("outbox enqueue of " + unique.size() + " action(s)", c -> {
      // One statement per row, not a batch: a rewritten PostgreSQL batch does not say how many rows it inserted.
      int added = 0;
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (OutboxAction a : unique) {
          bindInsert(ps, a);
          added += ps.executeUpdate();
        }
      }
      return added;
    });
  }

  /** Inserts the actions inside a transaction the caller holds (the state commit); existing ids are left alone. */
  static void insertAll(Connection c, List<OutboxAction> actions) throws SQLException {
    if (actions.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (OutboxAction a : firstById(actions)) {
        bindInsert(ps, a);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Collection<OutboxAction> firstById(List<OutboxAction> actions) {
    Map<String, OutboxAction> first = new LinkedHashMap<>();
    for (OutboxAction a : actions) {
      first.putIfAbsent(a.actionId(), a);
    }
    return first.values();
  }

  private static void bindInsert(PreparedStatement ps, OutboxAction a) throws SQLException {
    ps.setString(1, a.actionId());
    ps.setString(2, a.subjectType());
    ps.setString(3, a.subjectId());
    ps.setString(4, a.action());
    ps.setString(5, a.payloadJson());
    ps.setString(6, a.state().wire());
    ps.setInt(7, a.attempts());
    ps.setLong(8, Times.micros(a.createdAt()));
    ps.setLong(9, Times.micros(a.nextAttemptAt()));
    if (a.deliveredAt().isPresent()) {
      ps.setLong(10, Times.micros(a.deliveredAt().get()));
    } else {
      ps.setNull(10, Types.BIGINT);
    }
    ps.setString(11, clip(a.lastError()));
    ps.setLong(12, Times.nowMicros());
    if (a.decidedBy().isPresent()) {
      ps.setString(13, a.decidedBy().get());
    } else {
      ps.setNull(13, Types.VARCHAR);
    }
  }

  @Override
  public List<OutboxAction> claimDue(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    checkLimit(limit);
    return db.read("outbox due query", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox "
          + "WHERE state = 'pending' AND next_attempt_at_us <= ? ORDER BY next_attempt_at_us, action_id LIMIT ?")) {
        ps.setLong(1, Times.micros(now));
        ps.setInt(2, limit);
        return rows(ps);
      }
    });
  }

  @Override
  public void delivered(String actionId, Instant at) {
    Objects.requireNonNull(at, "at");
    update("outbox delivery of " + actionId,
        "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at_us = ?, last_error = '', "
            + "updated_at_us = ? "
            + "WHERE action_id = ? AND state IN ('pending', 'cancelled', 'failed')",
        Times.micros(at), Times.nowMicros(), id(actionId));
  }

  @Override
  public void retryLater(String actionId, Instant next, String error) {
    Objects.requireNonNull(next, "next");
    update("outbox retry of " + actionId,
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at_us = ?, last_error = ?, updated_at_us = ? "
            + "WHERE action_id = ? AND state = 'pending'",
        Times.micros(next), clip(Objects.requireNonNull(error, "error")), Times.nowMicros(), id(actionId));
  }

  @Override
  public void failed(String actionId, String error) {
    update("outbox failure of " + actionId,
        "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, updated_at_us = ? "
            + "WHERE action_id = ? AND state = 'pending'",
        clip(Objects.requireNonNull(error, "error")), Times.nowMicros(), id(actionId));
  }

  @Override
  public boolean approve(String actionId, String by) {
    long now = Times.nowMicros();
    return update("outbox approval of " + actionId,
        "UPDATE outbox SET state = 'pending', next_attempt_at_us = ?, decided_by = ?, updated_at_us = ? "
            + "WHERE action_id = ? AND state = 'awaiting_person'",
        now, who(by), now, id(actionId)) > 0;
  }

  @Override
  public boolean cancel(String actionId, String by) {
    return update("outbox cancellation of " + actionId,
        "UPDATE outbox SET state = 'cancelled', decided_by = ?, updated_at_us = ? "
            + "WHERE action_id = ? AND state IN ('awaiting_person', 'pending', 'failed')",
        who(by), Times.nowMicros(), id(actionId)) > 0;
  }

  @Override
  public boolean retry(String actionId, String by) {
    long now = Times.nowMicros();
    // Attempts start again from 0: a person asked for a fresh round, not for the one attempt left.
    return update("outbox retry of " + actionId,
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at_us = ?, decided_by = ?, updated_at_us = ? "
            + "WHERE action_id = ? AND state = 'failed'",
        now, who(by), now, id(actionId)) > 0;
  }

  @Override
  public Optional<OutboxAction> get(String actionId) {
    String id = id(actionId);
    return db.read("outbox lookup", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE action_id = ?")) {
        ps.setString(1, id);
        List<OutboxAction> found = rows(ps);
        return found.isEmpty() ? Optional.<OutboxAction>empty() : Optional.of(found.get(0));
      }
    });
  }

  @Override
  public Page<OutboxAction> list(Optional<OutboxState> state, Optional<String> subjectType,
                                 Optional<String> subjectId, Optional<String> after, int limit) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(after, "after");
    checkLimit(limit);
    Optional<Cursor> from = after.map(Cursor::decode);
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM outbox WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    state.ifPresent(s -> {
      sql.append(" AND state = ?");
      args.add(s.wire());
    });
    subjectType.ifPresent(t -> {
      sql.append(" AND subject_type = ?");
      args.add(t);
    });
    subjectId.ifPresent(i -> {
      sql.append(" AND subject_id = ?");
      args.add(i);
    });
    from.ifPresent(k -> {
      sql.append(" AND (created_at_us > ? OR (created_at_us = ? AND action_id > ?))");
      args.addAll(List.of(k.createdAtUs, k.createdAtUs, k.actionId));
    });
    sql.append(" ORDER BY created_at_us, action_id LIMIT ?");
    args.add(limit + 1);
    return db.read("outbox list", c -> {
      List<OutboxAction> rows;
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        rows = rows(ps);
      }
      if (rows.size() <= limit) {
        return new Page<>(rows, Optional.empty());
      }
      List<OutboxAction> page = rows.subList(0, limit);
      OutboxAction last = page.get(page.size() - 1);
      return new Page<>(page, Optional.of(new Cursor(Times.micros(last.createdAt()), last.actionId()).encode()));
    });
  }

  @Override
  public Map<String, Long> countsByState() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (OutboxState s : OutboxState.values()) {
      out.put(s.wire(), 0L);
    }
    db.read("outbox counts", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM outbox GROUP BY state");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return null;
    });
    return Collections.unmodifiableMap(out);
  }

  private int update(String what, String sql, Object... args) {
    return db.write(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        return ps.executeUpdate();
      }
    });
  }

  private static List<OutboxAction> rows(PreparedStatement ps) throws SQLException {
    List<OutboxAction> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long delivered = rs.getLong(10);
        Optional<Instant> deliveredAt = rs.wasNull() ? Optional.empty() : Optional.of(Times.instant(delivered));
        String state = rs.getString(6);
        out.add(new OutboxAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            OutboxState.fromWire(state).orElseThrow(() -> new SQLException("unknown outbox state \"" + state + "\"")),
            rs.getInt(7), Times.instant(rs.getLong(8)), Times.instant(rs.getLong(9)), deliveredAt, rs.getString(11),
            Optional.ofNullable(rs.getString(12))));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static void checkLimit(int limit) {
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  private static String id(String actionId) {
    return Objects.requireNonNull(actionId, "actionId");
  }

  private static String who(String by) {
    Objects.requireNonNull(by, "by");
    if (by.isBlank()) {
      throw new IllegalArgumentException("by must name who decided");
    }
    return by;
  }

  private static String clip(String error) {
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
  }

  /** The sort key of the last row of a page; opaque to callers. */
  private record Cursor(long createdAtUs, String actionId) {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    String encode() {
      String plain = "o1." + createdAtUs + "." + ENC.encodeToString(actionId.getBytes(StandardCharsets.UTF_8));
      return ENC.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String[] parts = new String(DEC.decode(cursor), StandardCharsets.UTF_8).split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("o1")) {
          throw new IllegalArgumentException("wrong shape");
        }
        return new Cursor(Long.parseLong(parts[1]), new String(DEC.decode(parts[2]), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid outbox cursor \"" + cursor + "\"", e);
      }
    }
  }
}
