package io.ringbreaker.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The chain's head (last seq and hash) is a one-row table. An append reads it, writes the entry and
 * moves the head in one transaction: on PostgreSQL the head row is locked ({@code FOR UPDATE}), on
 * SQLite the transaction holds the single write lock, so two appends can never link to the same entry.
 */
final class SqlAuditLog implements AuditLog {
  private static final String COLUMNS = "seq, at_us, actor, action, target, detail, prev_hash, hash";
  private static final int FETCH = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Db db;

  SqlAuditLog(Db db) {
    this.db = db;
  }

  @Override
  public AuditEntry append(String actor, String action, String target, String detailJson) {
    text("actor", actor);
    text("action", action);
    Objects.requireNonNull(target, "target");
    json(detailJson);
    String lock = db.vendor == Db.Vendor.POSTGRES ? " FOR UPDATE" : "";
    return db.write("audit append of " + action, c -> {
      Head head = head(c, lock);
      long seq = head.seq + 1;
      long at = Times.nowMicros();
      String hash = AuditEntry.chainHash(head.hash, seq, at, actor, action, target, detailJson);
      SqlUsers.execute(c, "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", seq, at, actor,
          action, target, detailJson, head.hash, hash);
      SqlUsers.execute(c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
      return new AuditEntry(seq, Times.instant(at), actor, action, target, detailJson, head.hash, hash);
    });
  }

  private record Head(long seq, String hash) {}

  private static Head head(Connection c, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1" + lock);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the audit_head row is missing");
      }
      return new Head(rs.getLong(1), rs.getString(2));
    }
  }

  @Override
  public Page<AuditEntry> list(Optional<String> actor, Optional<String> action, Optional<String> target,
                               Optional<String> after, int limit) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(after, "after");
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
    Optional<Long> before = after.map(SqlAuditLog::decode);
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    actor.ifPresent(a -> {
      sql.append(" AND actor = ?");
      args.add(a);
    });
    action.ifPresent(a -> {
      sql.append(" AND action = ?");
      args.add(a);
    });
    target.ifPresent(t -> {
      sql.append(" AND target = ?");
      args.add(t);
    });
    before.ifPresent(s -> {
      sql.append(" AND seq < ?");
      args.add(s);
    });
    sql.append(" ORDER BY seq DESC LIMIT ?");
    args.add(limit + 1);
    return db.read("audit list", c -> {
      List<AuditEntry> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(row(rs));
          }
        }
      }
      if (rows.size() <= limit) {
        return new Page<>(rows, Optional.empty());
      }
      List<AuditEntry> page = rows.subList(0, limit);
      return new Page<>(page, Optional.of(encode(page.get(page.size() - 1).seq())));
    });
  }

  @Override
  public Verification verify() {
    return db.stream("audit verification", c -> {
      Head head = head(c, "");
      long entries = 0;
      long expectSeq = 1;
      String prev = AuditEntry.GENESIS;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM audit_log WHERE seq <= ? ORDER BY seq")) {
        ps.setFetchSize(FETCH);
        ps.setLong(1, head.seq);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AuditEntry e = row(rs);
            if (e.seq() != expectSeq) {
              return Verification.broken(entries, expectSeq, "entry " + expectSeq + " is missing (the next is "
                  + e.seq() + ")");
            }
            if (!e.prevHash().equals(prev)) {
              return Verification.broken(entries, e.seq(), "prev_hash does not link to the hash of entry "
                  + (e.seq() - 1));
            }
            if (!e.hashMatches()) {
              return Verification.broken(entries, e.seq(), "hash does not match the entry's contents");
            }
            entries++;
            expectSeq++;
            prev = e.hash();
          }
        }
      }
      if (expectSeq - 1 != head.seq) {
        return Verification.broken(entries, expectSeq, "entries " + expectSeq + " to " + head.seq
            + " are missing (the chain's head is at seq " + head.seq + ")");
      }
      if (!prev.equals(head.hash)) {
        return Verification.broken(entries, head.seq, "hash differs from the one recorded as the chain's head");
      }
      return Verification.ok(entries);
    });
  }

  @Override
  public void export(Consumer<AuditEntry> each) {
    Objects.requireNonNull(each, "each");
    db.stream("audit export", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            each.accept(row(rs));
          }
        }
      }
      return null;
    });
  }

  @Override
  public long count() {
    return db.read("audit count", c -> SqlJournal.single(c, "SELECT COUNT(*) FROM audit_log"));
  }

  private static AuditEntry row(ResultSet rs) throws SQLException {
    return new AuditEntry(rs.getLong(1), Times.instant(rs.getLong(2)), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
  }

  private static void text(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  private static void json(String detailJson) {
    Objects.requireNonNull(detailJson, "detailJson");
    JsonNode n;
    try {
      n = JSON.readTree(detailJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("detailJson is not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !(n.isObject() || n.isArray())) {
      throw new IllegalArgumentException("detailJson must be a JSON object or array, got: " + detailJson);
    }
  }

  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();

  private static String encode(long seq) {
    return ENC.encodeToString(("a1." + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!plain.startsWith("a1.")) {
        throw new IllegalArgumentException("wrong shape");
      }
      return Long.parseLong(plain.substring(3));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid audit cursor \"" + cursor + "\"", e);
    }
  }
}
