package io.ringbreaker.store;

import java.util.List;
import java.util.Optional;

/** Every accepted event, in arrival order (ascending {@code seq}); an event id is journaled once. */
public interface Journal {
  /**
   * Appends in one transaction, committed when this returns. A record whose event id is already
   * journaled, or repeats an earlier record of the same list, is not stored again and comes back
   * with {@code duplicate=true} and the existing seq. Results are in input order; seqs of the
   * stored records ascend in input order.
   */
  List<Appended> append(List<JournalRecord> records);

  /** Up to {@code limit} (&gt; 0) entries with seq &gt; {@code seqExclusive}, ordered by seq. */
  List<JournalEntry> readAfter(long seqExclusive, int limit);

  /** The highest seq journaled; 0 when the journal is empty. */
  long lastSeq();

  long count();

  Optional<JournalEntry> find(String eventId);
}
