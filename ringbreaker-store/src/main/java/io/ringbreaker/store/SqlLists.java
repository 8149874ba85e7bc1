package io.ringbreaker.store;

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

  @Override
  public void upsertBankEntries(List<BankEntry> entries) {
    Map<List<Object>, BankEntry> byKey = new LinkedHashMap<>();
    for (BankEntry e : entries) {
      byKey.put(List.of(e.bank(), e.type(), e.hash()), e);
    }
    if (byKey.isEmpty()) {
      return;
    }
    db.write("bank upsert of " + byKey.size() + " entr" + (byKey.size() == 1 ? "y" : "ies"), c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO bank_entries (bank, hash_type, hash, label) VALUES (?, ?, ?, ?) "
              + "ON CONFLICT (bank, hash_type, hash) DO UPDATE SET label = excluded.label")) {
        for (BankEntry e : byKey.values()) {
          ps.setString(1, e.bank());
          ps.setString(2, e.type().wire());
          ps.setString(3, e.hash());
          ps.setString(4, e.label());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
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
    db.stream("bank read", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT bank, hash_type, hash, label FROM bank_entries ORDER BY bank, hash_type, hash")) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String type = rs.getString(2);
            consumer.accept(new BankEntry(rs.getString(1), HashType.fromWire(type)
                .orElseThrow(() -> new SQLException("unknown hash type \"" + type + "\" in bank_entries")),
                rs.getString(3), rs.getString(4)));
          }
        }
      }
      return null;
    });
  }
}
