package io.ringbreaker.store;

import java.util.List;

/**
 * Rows to upsert together with a checkpoint; a later row with the same key wins. {@code deleted}
 * names engine-state rows to remove (a ring that dissolved), removed before the upserts.
 */
public record StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state,
                         List<StateKey> deleted) {
  public static final StateBatch EMPTY = new StateBatch(List.of(), List.of(), List.of(), List.of());

  /** The key of an engine-state row. */
  public record StateKey(String kind, String key) {}

  public StateBatch {
    verdicts = List.copyOf(verdicts);
    hashtags = List.copyOf(hashtags);
    state = List.copyOf(state);
    deleted = List.copyOf(deleted);
  }

  public StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state) {
    this(verdicts, hashtags, state, List.of());
  }

  public boolean isEmpty() {
    return verdicts.isEmpty() && hashtags.isEmpty() && state.isEmpty() && deleted.isEmpty();
  }
}
