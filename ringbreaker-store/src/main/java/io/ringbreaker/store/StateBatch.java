package io.ringbreaker.store;

import java.util.List;

/** Rows to upsert together with a checkpoint; a later row with the same key wins. */
public record StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state) {
  public static final StateBatch EMPTY = new StateBatch(List.of(), List.of(), List.of());

  public StateBatch {
    verdicts = List.copyOf(verdicts);
    hashtags = List.copyOf(hashtags);
    state = List.copyOf(state);
  }

  public boolean isEmpty() {
    return verdicts.isEmpty() && hashtags.isEmpty() && state.isEmpty();
  }
}
