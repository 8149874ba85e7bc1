package io.ringbreaker.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's state: per consumer a checkpoint (the last journal seq applied), and the latest
 * verdict, hashtag and engine-internal rows, written together so a restart resumes exactly after
 * the checkpoint.
 */
public interface StateStore {
  /** The consumer's checkpoint; 0 when it has none. */
  long checkpoint(String consumer);

  /**
   * In one transaction: upserts every row (by key; a later row with the same key wins), enqueues the
   * batch's actions whose id is not in the outbox yet, and sets the consumer's checkpoint to {@code seq}.
   */
  void commit(String consumer, long seq, StateBatch batch);

  /** Streams every verdict, ordered by subject, without loading them all (a pooled connection is held meanwhile). */
  void forEachVerdict(Consumer<VerdictRow> c);

  /** Streams every hashtag row, ordered by tag. */
  void forEachHashtag(Consumer<HashtagRow> c);

  /** Streams the state rows of one kind, ordered by key. */
  void forEachState(String kind, Consumer<StateRow> c);

  /** One state row. */
  Optional<StateRow> state(String kind, String key);

  /** The verdict on one subject. */
  Optional<VerdictRow> verdict(String subjectType, String subjectId);

  /**
   * Verdicts matching {@code q}, ordered by severity (highest first), score (highest first), then
   * subject type and id; {@code next} is the cursor of the following page.
   *
   * @throws IllegalArgumentException when {@code q.after()} is not a cursor from this method
   */
  Page<VerdictRow> verdicts(VerdictQuery q);

  /** All hashtag rows, ordered by tag. */
  List<HashtagRow> hashtags();

  /** The number of verdicts of each severity, every severity present (0 when none), none .. critical. */
  Map<String, Long> verdictCountsBySeverity();
}
