package io.ringbreaker.store;

import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

final class SqlLists implements Lists {
  private final Db db;

  SqlLists(Db db) {
    this.db = db;
  }

  @Override
  public void upsertTerms(List<LexiconTerm> terms, String source) {
    Objects.requireNonNull(source, "source");
    // One key once per statement (PostgreSQL refuses a multi-row upsert touching a key twice): last wins.
    Map<String, LexiconTerm> byTerm = new LinkedHashMap<>();
    for (LexiconTerm t : terms) {
      byTerm.put(t.term(), t);
    }
    if (byTerm.isEmpty()) {
      return;
    }
    long now = Times.nowMicros();
    db.write("lexicon upsert of " + byTerm.size() + " term(s)", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO lexicon_terms (term, category, state, source, updated_at_us) VALUES (?, ?, ?, ?, ?) "
              + "ON CONFLICT (term) DO UPDATE SET category = excluded.category, state = excluded.state, "
              + "source = excluded.source, updated_at_us = excluded.updated_at_us")) {
        for (LexiconTerm t : byTerm.values()) {
          ps.setString(1, t.term());
          ps.setString(2, t.category());
          ps.setString(3, t.state().wire());
          ps.setString(4, source);
          ps.setLong(5, now);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<LexiconTerm> terms() {
    return db.read("lexicon read", c -> {
      List<LexiconTerm> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT term, category, state FROM lexicon_terms ORDER BY term");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String state = rs.getString(3);
          out.add(new LexiconTerm(rs.getString(1), rs.getString(2), TagState.fromWire(state)
              .orElseThrow(() -> new SQLException("unknown lexicon state \"" + state + "\" in lexicon_terms"))));
        }
      }
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public void setTermState(String term, TagState state) {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(state, "state");
    int updated = db.write("lexicon state change of \"" + term + "\"", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE lexicon_terms SET state = ?, updated_at_us = ? WHERE term = ?")) {
        ps.setString(1, state.wire());
        ps.setLong(2, Times.nowMicros());
        ps.setString(3, term);
        return ps.executeUpdate();
      }
    });
    if (updated == 0) {
      throw new IllegalArgumentException("no lexicon term \"" + term + "\"");
    }
  }

  // ---- banks ----

  /** Any constant: bank writers on PostgreSQL hold this transaction lock so that revisions commit in order. */
  private static final long BANK_WRITE_LOCK = 0x52_42_42_61_6e_6bL;
  /** Keys per IN (...) lookup: well under SQLite's and PostgreSQL's parameter limits. */
  private static final int LOOKUP_CHUNK = 500;
  private static final String ENTRY_COLUMNS = "bank, hash_type, hash, label, source, added_at_us, enabled";
  private static final String BANK_COLUMNS = "name, kind, pdq_threshold, quality_floor, enabled, description";

  /**
   * The revision a bank write transaction stamps on what it changes, taken on first use. Revisions
   * must become visible in order (a poller that has seen revision n must never later find a
   * smaller one): SQLite has one writer at a time; on PostgreSQL bank writers queue on a
   * transaction advisory lock taken before reading the current maximum.
   */
  private final class Revision {
    private final java.sql.Connection c;
    private long value;

    Revision(java.sql.Connection c) throws SQLException {
      this.c = c;
      if (db.vendor == Db.Vendor.POSTGRES) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          ps.setLong(1, BANK_WRITE_LOCK);
          ps.execute();
        }
      }
    }

    long get() throws SQLException {
      if (value == 0) {
        value = currentRevision(c) + 1;
      }
      return value;
    }
  }

  private static long currentRevision(java.sql.Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT max(r) FROM (SELECT max(rev) AS r FROM banks "
        + "UNION ALL SELECT max(rev) AS r FROM bank_entries) revisions");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1); // 0 for NULL: no banks and no entries
    }
  }

  @Override
  public void putBank(Bank bank) {
    Objects.requireNonNull(bank, "bank");
    db.write("bank settings change of \"" + bank.name() + "\"", c -> {
      Revision rev = new Revision(c);
      Optional<Bank> before = readBank(c, bank.name());
      if (before.isPresent() && before.get().equals(bank)) {
        return null;
      }
      String sql = before.isPresent()
          ? "UPDATE banks SET kind = ?, pdq_threshold = ?, quality_floor = ?, enabled = ?, description = ?, rev = ? "
              + "WHERE name = ?"
          : "INSERT INTO banks (kind, pdq_threshold, quality_floor, enabled, description, rev, name) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, bank.kind().wire());
        ps.setInt(2, bank.pdqThreshold());
        ps.setInt(3, bank.qualityFloor());
        ps.setBoolean(4, bank.enabled());
        ps.setString(5, bank.description());
        ps.setLong(6, rev.get());
        ps.setString(7, bank.name());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<Bank> banks() {
    return db.read("bank list", c -> {
      List<Bank> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + BANK_COLUMNS + " FROM banks ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(bankOf(rs));
        }
      }
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public Optional<Bank> bank(String name) {
    Objects.requireNonNull(name, "name");
    return db.read("bank read of \"" + name + "\"", c -> readBank(c, name));
  }

  private static Optional<Bank> readBank(java.sql.Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + BANK_COLUMNS + " FROM banks WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(bankOf(rs)) : Optional.empty();
      }
    }
  }

  private static Bank bankOf(ResultSet rs) throws SQLException {
    String name = rs.getString(1);
    String kind = rs.getString(2);
    try {
      return new Bank(name, Bank.Kind.fromWire(kind)
          .orElseThrow(() -> new SQLException("unknown bank kind \"" + kind + "\" in banks (bank " + name + ")")),
          rs.getInt(3), rs.getInt(4), rs.getBoolean(5), rs.getString(6));
    } catch (IllegalArgumentException e) {
      throw new SQLException("invalid row in banks: " + e.getMessage(), e);
    }
  }

  @Override
  public UpsertCount upsertBankEntries(List<BankEntry> entries) {
    return upsertBankEntries(entries, false);
  }

  @Override
  public UpsertCount upsertBankEntries(List<BankEntry> entries, boolean applyEnabled) {
    // One key once (PostgreSQL refuses a batch touching a row twice; and counts must be per entry): last wins.
    Map<Key, BankEntry> byKey = new LinkedHashMap<>();
    for (BankEntry e : entries) {
      byKey.put(new Key(e.bank(), e.type(), e.hash()), e);
    }
    if (byKey.isEmpty()) {
      return new UpsertCount(0, 0, 0);
    }
    return db.write("bank upsert of " + byKey.size() + " entr" + (byKey.size() == 1 ? "y" : "ies"), c -> {
      Revision rev = new Revision(c);
      Map<Key, BankEntry> stored = storedEntries(c, byKey.keySet());
      List<BankEntry> inserts = new ArrayList<>();
      List<BankEntry> updates = new ArrayList<>();
      for (Map.Entry<Key, BankEntry> e : byKey.entrySet()) {
        BankEntry given = e.getValue();
        BankEntry old = stored.get(e.getKey());
        if (old == null) {
          inserts.add(given);
          continue;
        }
        boolean enabled = applyEnabled ? given.enabled() : old.enabled();
        if (!old.label().equals(given.label()) || !old.source().equals(given.source()) || old.enabled() != enabled) {
          updates.add(new BankEntry(old.bank(), old.type(), old.hash(), given.label(), given.source(), old.added(), enabled));
        }
      }
      createMissingBanks(c, rev, byKey.keySet());
      if (!inserts.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bank_entries (" + ENTRY_COLUMNS
            + ", rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (BankEntry e : inserts) {
            ps.setString(1, e.bank());
            ps.setString(2, e.type().wire());
            ps.setString(3, e.hash());
            ps.setString(4, e.label());
            ps.setString(5, e.source());
            ps.setLong(6, Times.micros(e.added()));
            ps.setBoolean(7, e.enabled());
            ps.setLong(8, rev.get());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (!updates.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE bank_entries SET label = ?, source = ?, enabled = ?, "
            + "rev = ? WHERE bank = ? AND hash_type = ? AND hash = ?")) {
          for (BankEntry e : updates) {
            ps.setString(1, e.label());
            ps.setString(2, e.source());
            ps.setBoolean(3, e.enabled());
            ps.setLong(4, rev.get());
            ps.setString(5, e.bank());
            ps.setString(6, e.type().wire());
            ps.setString(7, e.hash());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return new UpsertCount(inserts.size(), updates.size(), byKey.size() - inserts.size() - updates.size());
    });
  }

  private record Key(String bank, HashType type, String hash) {}

  /** The stored entries among {@code keys}, looked up a chunk of hashes of one bank and type at a time. */
  private Map<Key, BankEntry> storedEntries(java.sql.Connection c, java.util.Collection<Key> keys) throws SQLException {
    Map<List<Object>, List<String>> hashesByBankAndType = new LinkedHashMap<>();
    for (Key k : keys) {
      hashesByBankAndType.computeIfAbsent(List.of(k.bank(), k.type()), x -> new ArrayList<>()).add(k.hash());
    }
    Map<Key, BankEntry> out = new java.util.HashMap<>();
    for (Map.Entry<List<Object>, List<String>> group : hashesByBankAndType.entrySet()) {
      String bank = (String) group.getKey().get(0);
      HashType type = (HashType) group.getKey().get(1);
      List<String> hashes = group.getValue();
      for (int from = 0; from < hashes.size(); from += LOOKUP_CHUNK) {
        List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_CHUNK));
        String in = String.join(", ", Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS
            + " FROM bank_entries WHERE bank = ? AND hash_type = ? AND hash IN (" + in + ")")) {
          ps.setString(1, bank);
          ps.setString(2, type.wire());
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(3 + i, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              BankEntry e = entryOf(rs);
              out.put(new Key(e.bank(), e.type(), e.hash()), e);
            }
          }
        }
      }
    }
    return out;
  }

  private void createMissingBanks(java.sql.Connection c, Revision rev, java.util.Collection<Key> keys) throws SQLException {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Key k : keys) {
      if (Bank.isValidName(k.bank())) {
        names.add(k.bank());
      }
    }
    for (String name : names) {
      if (readBank(c, name).isEmpty()) {
        Bank b = Bank.named(name);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO banks (" + BANK_COLUMNS
            + ", rev) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, b.name());
          ps.setString(2, b.kind().wire());
          ps.setInt(3, b.pdqThreshold());
          ps.setInt(4, b.qualityFloor());
          ps.setBoolean(5, b.enabled());
          ps.setString(6, b.description());
          ps.setLong(7, rev.get());
          ps.executeUpdate();
        }
      }
    }
  }

  @Override
  public boolean setBankEntryEnabled(String bank, HashType type, String hash, boolean enabled) {
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(hash, "hash");
    return db.write((enabled ? "enabling" : "disabling") + " bank entry " + bank + "/" + type.wire() + "/" + hash, c -> {
      Revision rev = new Revision(c);
      Boolean current = null;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT enabled FROM bank_entries WHERE bank = ? AND hash_type = ? AND hash = ?")) {
        ps.setString(1, bank);
        ps.setString(2, type.wire());
        ps.setString(3, hash);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            current = rs.getBoolean(1);
          }
        }
      }
      if (current == null) {
        return false;
      }
      if (current != enabled) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE bank_entries SET enabled = ?, rev = ? WHERE bank = ? AND hash_type = ? AND hash = ?")) {
          ps.setBoolean(1, enabled);
          ps.setLong(2, rev.get());
          ps.setString(3, bank);
          ps.setString(4, type.wire());
          ps.setString(5, hash);
          ps.executeUpdate();
        }
      }
      return true;
    });
  }

  @Override
  public List<BankEntry> bankEntries() {
    List<BankEntry> out = new ArrayList<>();
    forEachBankEntry(out::add);
    return Collections.unmodifiableList(out);
  }

  @Override
  public void forEachBankEntry(Consumer<BankEntry> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    streamEntries("bank read", "SELECT " + ENTRY_COLUMNS + " FROM bank_entries ORDER BY bank, hash_type, hash",
        ps -> { }, consumer);
  }

  @Override
  public void forEachBankEntry(String bank, Consumer<BankEntry> consumer) {
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(consumer, "consumer");
    streamEntries("bank read of \"" + bank + "\"",
        "SELECT " + ENTRY_COLUMNS + " FROM bank_entries WHERE bank = ? ORDER BY hash_type, hash",
        ps -> ps.setString(1, bank), consumer);
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private long streamEntries(String what, String sql, Binder binder, Consumer<BankEntry> consumer) {
    return db.stream(what, c -> {
      long n = 0;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            consumer.accept(entryOf(rs));
            n++;
          }
        }
      }
      return n;
    });
  }

  /** An entry from the first seven columns, in the order of {@link #ENTRY_COLUMNS}. */
  private static BankEntry entryOf(ResultSet rs) throws SQLException {
    String type = rs.getString(2);
    try {
      return new BankEntry(rs.getString(1), HashType.fromWire(type)
          .orElseThrow(() -> new SQLException("unknown hash type \"" + type + "\" in bank_entries")),
          rs.getString(3), rs.getString(4), rs.getString(5), Times.instant(rs.getLong(6)), rs.getBoolean(7));
    } catch (IllegalArgumentException e) {
      throw new SQLException("invalid row in bank_entries (bank " + rs.getString(1) + "): " + e.getMessage(), e);
    }
  }

  @Override
  public List<BankEntryCount> bankEntryCounts() {
    return db.read("bank entry counts", c -> {
      Map<List<Object>, long[]> counts = new java.util.TreeMap<>((a, b) -> {
        int byBank = ((String) a.get(0)).compareTo((String) b.get(0));
        return byBank != 0 ? byBank : ((HashType) a.get(1)).wire().compareTo(((HashType) b.get(1)).wire());
      });
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT bank, hash_type, enabled, count(*) FROM bank_entries GROUP BY bank, hash_type, enabled");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String type = rs.getString(2);
          HashType t = HashType.fromWire(type)
              .orElseThrow(() -> new SQLException("unknown hash type \"" + type + "\" in bank_entries"));
          long[] n = counts.computeIfAbsent(List.of(rs.getString(1), t), k -> new long[2]);
          n[rs.getBoolean(3) ? 0 : 1] += rs.getLong(4);
        }
      }
      List<BankEntryCount> out = new ArrayList<>();
      counts.forEach((k, n) -> out.add(new BankEntryCount((String) k.get(0), (HashType) k.get(1), n[0], n[1])));
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public long bankRevision() {
    return db.read("bank revision read", SqlLists::currentRevision);
  }

  @Override
  public long forEachBankChangeSince(long revision, Consumer<BankEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    return db.stream("bank changes since revision " + revision, c -> {
      // Revisions commit in order, so everything up to this one is visible to the next statement.
      long upTo = currentRevision(c);
      if (upTo <= revision) {
        return Math.max(revision, upTo);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS
          + " FROM bank_entries WHERE rev > ? AND rev <= ? ORDER BY rev, bank, hash_type, hash")) {
        ps.setLong(1, revision);
        ps.setLong(2, upTo);
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.accept(entryOf(rs));
          }
        }
      }
      return upTo;
    });
  }
}
