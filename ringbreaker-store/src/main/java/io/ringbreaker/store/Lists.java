package io.ringbreaker.store;

import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.List;
import java.util.function.Consumer;

/** The lexicon (terms with a state) and the hash banks. */
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

  /** Inserts each entry, or updates its label; idempotent. Keyed by (bank, type, hash). */
  void upsertBankEntries(List<BankEntry> entries);

  /** Every entry, ordered by bank, type and hash. */
  List<BankEntry> bankEntries();

  /** Streams every entry in the order of {@link #bankEntries()}, without loading them all. */
  void forEachBankEntry(Consumer<BankEntry> c);
}
