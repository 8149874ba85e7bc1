package io.ringbreaker.store;

import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lexicon (terms with a state) and the hash banks.
 *
 * <p>Banks and bank entries share a revision counter: every write that changes a bank's settings or
 * an entry stamps what it changed with the next revision (one per write transaction), so a running
 * server can poll {@link #bankRevision()} and read only what changed with
 * {@link #forEachBankChangeSince}.
 */
public interface Lists {
  /** Inserts or replaces each term (category and state) and records where it came from, e.g. "file:lexicon.csv". */
  void upsertTerms(List<LexiconTerm> terms, String source);

  /** Every term, ordered by term. */
  List<LexiconTerm> terms();

  /**
   * Sets the state of a listed term.
   *
   * @throws IllegalArgumentException when the term is not listed (add it with {@link #upsertTerms})
   */
  void setTermState(String term, TagState state);

  // ---- banks ----

  /** Creates the bank or changes its settings; changes the revision only when a setting changed. */
  void putBank(Bank bank);

  /** Every bank, ordered by name. */
  List<Bank> banks();

  Optional<Bank> bank(String name);

  /**
   * Inserts each entry, or updates its label and source; keyed by (bank, type, hash), the last of
   * a key in {@code entries} wins. Idempotent: entries already stored as given count as unchanged
   * and leave the revision alone. A new entry is stored with its {@code added} time and
   * {@code enabled} flag; an existing entry keeps both, so a re-import does not re-enable an entry
   * someone disabled (use {@link #upsertBankEntries(List, boolean)} for that). An entry of a bank
   * that has no settings yet creates the bank with {@link Bank#named} defaults when its name is
   * valid ({@link Bank#isValidName}); entries of other bank names are stored without settings.
   */
  UpsertCount upsertBankEntries(List<BankEntry> entries);

  /**
   * As {@link #upsertBankEntries(List)}; with {@code applyEnabled}, an existing entry's enabled
   * flag is also set to the given entry's (and a difference counts as an update).
   */
  UpsertCount upsertBankEntries(List<BankEntry> entries, boolean applyEnabled);

  /** What an upsert did: entries inserted, entries whose label, source (or enabled flag) changed, the rest. */
  record UpsertCount(long added, long updated, long unchanged) {
    public UpsertCount plus(UpsertCount o) {
      return new UpsertCount(added + o.added, updated + o.updated, unchanged + o.unchanged);
    }
  }

  /** Enables or disables one entry; false when there is no such entry. Idempotent. */
  boolean setBankEntryEnabled(String bank, HashType type, String hash, boolean enabled);

  /** Every entry (disabled ones too), ordered by bank, type and hash. Loads them all: prefer {@link #forEachBankEntry}. */
  List<BankEntry> bankEntries();

  /** Streams every entry (disabled ones too) in the order of {@link #bankEntries()}, without loading them all. */
  void forEachBankEntry(Consumer<BankEntry> c);

  /** Streams the entries of one bank (disabled ones too), ordered by type and hash. */
  void forEachBankEntry(String bank, Consumer<BankEntry> c);

  /** Entry counts per bank and type, enabled and disabled; ordered by bank and type name (as entries are), one row per pair that has entries. */
  List<BankEntryCount> bankEntryCounts();

  record BankEntryCount(String bank, HashType type, long enabled, long disabled) {}

  /** The latest revision of any bank or entry; 0 when there are none. */
  long bankRevision();

  /**
   * Streams, in revision order, every entry added or changed after {@code revision}, and returns
   * the revision the caller is now up to date with: at least the highest revision delivered, and
   * also covering bank setting changes (reload {@link #banks()} when it moved). Pass it next time.
   */
  long forEachBankChangeSince(long revision, Consumer<BankEntry> entries);
}
