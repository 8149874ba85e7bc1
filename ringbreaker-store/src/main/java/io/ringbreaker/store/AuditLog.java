package io.ringbreaker.store;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The tamper-evident record of what people and integrations did: append-only (the database refuses
 * UPDATE and DELETE on it) and hash-chained, so an entry changed or removed behind Ringbreaker's back
 * is found by {@link #verify()}.
 */
public interface AuditLog {
  /** Most entries one {@link #list} call returns. */
  int MAX_LIMIT = 1000;

  /**
   * Appends one entry at the end of the chain; appends from any number of threads or processes are
   * serialised, so the chain never forks.
   *
   * @param detailJson a JSON object or array ("{}" when there is nothing to add)
   * @throws IllegalArgumentException naming the argument that is blank or not JSON
   */
  AuditEntry append(String actor, String action, String target, String detailJson);

  /**
   * Entries newest first, each filter an exact match; {@code after} is a previous page's
   * {@link Page#next()}.
   *
   * @throws IllegalArgumentException when {@code after} is not such a cursor, or limit is not 1 to {@value #MAX_LIMIT}
   */
  Page<AuditEntry> list(Optional<String> actor, Optional<String> action, Optional<String> target,
                        Optional<String> after, int limit);

  /** Walks the whole chain, oldest first, without holding it in memory. */
  Verification verify();

  /** Every entry, oldest first, streamed. */
  void export(Consumer<AuditEntry> each);

  /** The number of entries. */
  long count();

  /**
   * What {@link #verify()} found: {@code entries} checked, and when the chain is broken, the first
   * seq where it is and why.
   */
  record Verification(long entries, OptionalLong brokenSeq, String problem) {
    public static Verification ok(long entries) {
      return new Verification(entries, OptionalLong.empty(), "");
    }

    public static Verification broken(long entries, long seq, String problem) {
      return new Verification(entries, OptionalLong.of(seq), problem);
    }

    public boolean ok() {
      return brokenSeq.isEmpty();
    }

    /** "ok: 12 entries" or "broken at seq 7: hash does not match the entry". */
    public String describe() {
      return ok() ? "ok: " + entries + (entries == 1 ? " entry" : " entries")
          : "broken at seq " + brokenSeq.getAsLong() + ": " + problem;
    }
  }
}
