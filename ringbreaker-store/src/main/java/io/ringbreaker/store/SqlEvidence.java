package io.ringbreaker.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class SqlEvidence implements Evidence {
  private static final String ITEM_COLUMNS = "i.id, i.digest, i.subject_type, i.subject_id, i.kind, i.source_id, "
      + "COALESCE(b.size, 0), i.preserved_at_us, i.retain_until_us, i.legal_hold, i.deleted_at_us, i.deleted_reason";
  private static final String ITEMS = "SELECT " + ITEM_COLUMNS
      + " FROM evidence_items i LEFT JOIN evidence_blobs b ON b.digest = i.digest ";
  private static final String REQUEST_UPSERT = "INSERT INTO evidence_requests (subject_type, subject_id, requested_at_us, "
      + "requested_by, state, done_at_us, last_error) VALUES (?, ?, ?, ?, 'pending', NULL, '') "
      + "ON CONFLICT (subject_type, subject_id) DO UPDATE SET requested_at_us = excluded.requested_at_us, "
      + "requested_by = excluded.requested_by, state = 'pending', done_at_us = NULL";

  private final Db db;

  SqlEvidence(Db db) {
    this.db = db;
  }

  @Override
  public void request(List<PreservationRequest> requests) {
    if (!requests.isEmpty()) {
      db.write("preservation request of " + requests.size() + " subject(s)", c -> {
        requestAll(c, requests);
        return null;
      });
    }
  }

  /** Inside the caller's transaction (the state commit): preservation asked for with the verdict. */
  static void requestAll(Connection c, List<PreservationRequest> requests) throws SQLException {
    if (requests.isEmpty()) {
      return;
    }
    Map<List<String>, PreservationRequest> last = new LinkedHashMap<>();
    requests.forEach(r -> last.put(List.of(r.subjectType(), r.subjectId()), r));
    try (PreparedStatement ps = c.prepareStatement(REQUEST_UPSERT)) {
      for (PreservationRequest r : last.values()) {
        ps.setString(1, r.subjectType());
        ps.setString(2, r.subjectId());
        ps.setLong(3, Times.micros(r.requestedAt()));
        ps.setString(4, r.requestedBy());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public List<PreservationRequest> pending(int limit) {
    return db.read("pending preservation requests", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT subject_type, subject_id, requested_at_us, requested_by "
          + "FROM evidence_requests WHERE state = 'pending' ORDER BY requested_at_us, subject_type, subject_id LIMIT ?")) {
        ps.setInt(1, limit);
        List<PreservationRequest> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new PreservationRequest(rs.getString(1), rs.getString(2), Times.instant(rs.getLong(3)),
                rs.getString(4)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void requestDone(PreservationRequest r, Instant now) {
    db.write("preservation of " + r.subjectType() + ":" + r.subjectId() + " done", c -> done(c, r, now));
  }

  private static int done(Connection c, PreservationRequest r, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE evidence_requests SET state = 'done', done_at_us = ?, "
        + "last_error = '' WHERE subject_type = ? AND subject_id = ? AND requested_at_us = ?")) {
      ps.setLong(1, Times.micros(now));
      ps.setString(2, r.subjectType());
      ps.setString(3, r.subjectId());
      ps.setLong(4, Times.micros(r.requestedAt()));
      return ps.executeUpdate();
    }
  }

  @Override
  public void requestFailed(PreservationRequest r, String error) {
    db.write("preservation of " + r.subjectType() + ":" + r.subjectId() + " failed", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE evidence_requests SET last_error = ? WHERE subject_type = ? AND subject_id = ?")) {
        ps.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
        ps.setString(2, r.subjectType());
        ps.setString(3, r.subjectId());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public EvidenceItem preserve(EvidenceKeys keys, String subjectType, String subjectId, String kind, String sourceId,
                               byte[] content, Instant now, Duration retention) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(content, "content");
    requireRetention(retention);
    long id = db.write("preserving evidence about " + subjectType + ":" + subjectId,
        c -> keep(c, keys, subjectType, subjectId, new Piece(kind, sourceId, content), now, retention));
    return item(id).orElseThrow();
  }

  @Override
  public List<EvidenceItem> preserveAll(EvidenceKeys keys, PreservationRequest request, List<Piece> pieces, Instant now,
                                        Duration retention) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(request, "request");
    requireRetention(retention);
    List<Long> ids = db.write("preserving evidence about " + request.subjectType() + ":" + request.subjectId(), c -> {
      List<Long> kept = new ArrayList<>();
      for (Piece p : pieces) {
        kept.add(keep(c, keys, request.subjectType(), request.subjectId(), p, now, retention));
      }
      done(c, request, now);
      return kept;
    });
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, EvidenceItem> byId = new LinkedHashMap<>();
    db.read("evidence about " + request.subjectType() + ":" + request.subjectId(), c -> {
      try (PreparedStatement ps = c.prepareStatement(ITEMS + "WHERE i.id IN ("
          + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")")) {
        for (int i = 0; i < ids.size(); i++) {
          ps.setLong(i + 1, ids.get(i));
        }
        list(ps).forEach(item -> byId.put(item.id(), item));
        return null;
      }
    });
    return ids.stream().map(byId::get).toList();
  }

  private static void requireRetention(Duration retention) {
    if (retention.compareTo(MIN_RETENTION) < 0) {
      throw new IllegalArgumentException("evidence retention of " + retention.toDays()
          + " days is under the one year the law asks for (" + MIN_RETENTION.toDays() + " days)");
    }
  }

  /** Seals and keeps one piece inside the caller's transaction; returns its item's id (an existing one when kept before). */
  private static long keep(Connection c, EvidenceKeys keys, String subjectType, String subjectId, Piece piece,
                           Instant now, Duration retention) throws SQLException {
    byte[] content = piece.content();
    String digest = sha256(content);
    long at = Times.micros(now);
    long until = Times.micros(now.plus(retention));
    boolean haveBlob;
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM evidence_blobs WHERE digest = ?")) {
      ps.setString(1, digest);
      try (ResultSet rs = ps.executeQuery()) {
        haveBlob = rs.next();
      }
    }
    if (!haveBlob) {
      EvidenceKeys.Sealed s = keys.seal(digest, content);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_blobs (digest, key_id, nonce, ciphertext, "
          + "size, created_at_us) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, digest);
        ps.setString(2, s.keyId());
        ps.setBytes(3, s.nonce());
        ps.setBytes(4, s.ciphertext());
        ps.setLong(5, content.length);
        ps.setLong(6, at);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence_items (digest, subject_type, subject_id, kind, "
        + "source_id, preserved_at_us, retain_until_us) VALUES (?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (subject_type, subject_id, kind, source_id, digest) DO NOTHING")) {
      ps.setString(1, digest);
      ps.setString(2, subjectType);
      ps.setString(3, subjectId);
      ps.setString(4, piece.kind());
      ps.setString(5, piece.sourceId());
      ps.setLong(6, at);
      ps.setLong(7, until);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM evidence_items WHERE subject_type = ? AND "
        + "subject_id = ? AND kind = ? AND source_id = ? AND digest = ?")) {
      ps.setString(1, subjectType);
      ps.setString(2, subjectId);
      ps.setString(3, piece.kind());
      ps.setString(4, piece.sourceId());
      ps.setString(5, digest);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public List<EvidenceItem> items(String subjectType, String subjectId) {
    return db.read("evidence about " + subjectType + ":" + subjectId, c -> {
      try (PreparedStatement ps = c.prepareStatement(ITEMS + "WHERE i.subject_type = ? AND i.subject_id = ? ORDER BY i.id")) {
        ps.setString(1, subjectType);
        ps.setString(2, subjectId);
        return list(ps);
      }
    });
  }

  @Override
  public Optional<EvidenceItem> item(long id) {
    return db.read("evidence item " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(ITEMS + "WHERE i.id = ?")) {
        ps.setLong(1, id);
        return list(ps).stream().findFirst();
      }
    });
  }

  @Override
  public byte[] open(EvidenceKeys keys, long id) {
    EvidenceItem item = item(id).orElseThrow(() -> new StoreException("no evidence item " + id));
    if (item.deleted()) {
      throw new StoreException("evidence item " + id + " was deleted at " + item.deletedAt().get() + " ("
          + item.deletedReason().orElse("") + ")");
    }
    EvidenceKeys.Sealed sealed = db.read("evidence content " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT key_id, nonce, ciphertext FROM evidence_blobs WHERE digest = ?")) {
        ps.setString(1, item.digest());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("evidence item " + id + ": its sealed content " + item.digest() + " is missing");
          }
          return new EvidenceKeys.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3));
        }
      }
    });
    byte[] plain = keys.open(item.digest(), sealed);
    if (!sha256(plain).equals(item.digest())) {
      throw new StoreException("evidence item " + id + " does not match its address " + item.digest());
    }
    return plain;
  }

  @Override
  public boolean hold(long id, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a legal hold needs a reason (the request or case it is for)");
    }
    return update("legal hold on evidence item " + id,
        "UPDATE evidence_items SET legal_hold = ? WHERE id = ? AND deleted_at_us IS NULL", ps -> {
          ps.setString(1, reason.strip());
          ps.setLong(2, id);
        }) == 1;
  }

  @Override
  public boolean release(long id) {
    return update("releasing the hold on evidence item " + id,
        "UPDATE evidence_items SET legal_hold = NULL WHERE id = ? AND legal_hold IS NOT NULL",
        ps -> ps.setLong(1, id)) == 1;
  }

  @Override
  public boolean delete(long id, String reason, Instant now) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("deleting evidence needs a reason (the lawful request it answers)");
    }
    Optional<EvidenceItem> item = item(id);
    if (item.isEmpty() || item.get().deleted()) {
      return false;
    }
    if (item.get().legalHold().isPresent()) {
      throw new IllegalStateException("evidence item " + id + " is under legal hold (" + item.get().legalHold().get()
          + "); release the hold first");
    }
    return db.write("deleting evidence item " + id, c -> markDeleted(c, List.of(id), reason.strip(), now)) == 1;
  }

  @Override
  public int purgeExpired(Instant now) {
    return db.write("purging expired evidence", c -> {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM evidence_items WHERE deleted_at_us IS NULL "
          + "AND legal_hold IS NULL AND retain_until_us <= ?")) {
        ps.setLong(1, Times.micros(now));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      return markDeleted(c, ids, "retention ended", now);
    });
  }

  /** Marks items deleted and drops sealed copies no live item refers to any more. */
  private static int markDeleted(Connection c, List<Long> ids, String reason, Instant now) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE evidence_items SET deleted_at_us = ?, deleted_reason = ? "
        + "WHERE id = ? AND deleted_at_us IS NULL")) {
      for (long id : ids) {
        ps.setLong(1, Times.micros(now));
        ps.setString(2, reason);
        ps.setLong(3, id);
        n += ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM evidence_blobs WHERE NOT EXISTS (SELECT 1 FROM "
        + "evidence_items i WHERE i.digest = evidence_blobs.digest AND i.deleted_at_us IS NULL)")) {
      ps.executeUpdate();
    }
    return n;
  }

  @Override
  public int rekey(EvidenceKeys keys) {
    String active = keys.activeKeyId();
    int n = 0;
    while (true) {
      List<String[]> batch = db.read("evidence sealed with older keys", c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT digest FROM evidence_blobs WHERE key_id <> ? ORDER BY digest LIMIT 100")) {
          ps.setString(1, active);
          List<String[]> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new String[] {rs.getString(1)});
            }
          }
          return out;
        }
      });
      if (batch.isEmpty()) {
        return n;
      }
      for (String[] d : batch) {
        n += db.write("re-sealing evidence " + d[0], c -> {
          EvidenceKeys.Sealed old;
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT key_id, nonce, ciphertext FROM evidence_blobs WHERE digest = ?")) {
            ps.setString(1, d[0]);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return 0;
              }
              old = new EvidenceKeys.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3));
            }
          }
          EvidenceKeys.Sealed fresh = keys.seal(d[0], keys.open(d[0], old));
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE evidence_blobs SET key_id = ?, nonce = ?, ciphertext = ? WHERE digest = ?")) {
            ps.setString(1, fresh.keyId());
            ps.setBytes(2, fresh.nonce());
            ps.setBytes(3, fresh.ciphertext());
            ps.setString(4, d[0]);
            return ps.executeUpdate();
          }
        });
      }
    }
  }

  @Override
  public Map<String, Long> counts() {
    return db.read("evidence counts", c -> {
      Map<String, Long> out = new LinkedHashMap<>();
      String[][] queries = {
          {"kept", "SELECT COUNT(*) FROM evidence_items WHERE deleted_at_us IS NULL"},
          {"held", "SELECT COUNT(*) FROM evidence_items WHERE deleted_at_us IS NULL AND legal_hold IS NOT NULL"},
          {"deleted", "SELECT COUNT(*) FROM evidence_items WHERE deleted_at_us IS NOT NULL"},
          {"pending_requests", "SELECT COUNT(*) FROM evidence_requests WHERE state = 'pending'"}};
      for (String[] q : queries) {
        try (PreparedStatement ps = c.prepareStatement(q[1]); ResultSet rs = ps.executeQuery()) {
          rs.next();
          out.put(q[0], rs.getLong(1));
        }
      }
      return out;
    });
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private int update(String what, String sql, Binder binder) {
    return db.write(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        return ps.executeUpdate();
      }
    });
  }

  private static List<EvidenceItem> list(PreparedStatement ps) throws SQLException {
    List<EvidenceItem> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long deleted = rs.getLong(11);
        boolean isDeleted = !rs.wasNull();
        out.add(new EvidenceItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getLong(7), Times.instant(rs.getLong(8)), Times.instant(rs.getLong(9)),
            Optional.ofNullable(rs.getString(10)), isDeleted ? Optional.of(Times.instant(deleted)) : Optional.empty(),
            Optional.ofNullable(rs.getString(12))));
      }
    }
    return out;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
