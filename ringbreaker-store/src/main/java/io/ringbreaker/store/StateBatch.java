package io.ringbreaker.store;

import java.util.List;

/**
 * Rows to upsert together with a checkpoint; a later row with the same key wins. {@code deleted}
 * names engine-state rows to remove (a ring that dissolved), removed before the upserts.
 * {@code actions} go to the {@link Outbox} in the same transaction, so an action is enqueued
 * exactly when the verdict that caused it is committed; an action id already there is left
 * alone (a re-commit after a crash does not duplicate it). {@code preservations} ask the
 * {@link Evidence} store to preserve subjects, and {@code cases} open and update review cases, in
 * the same transaction for the same reason: nothing is lost between a verdict and what follows it.
 */
public record StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state,
                         List<StateKey> deleted, List<OutboxAction> actions, List<PreservationRequest> preservations,
                         List<CaseUpdate> cases) {
  public static final StateBatch EMPTY =
      new StateBatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  /** The key of an engine-state row. */
  public record StateKey(String kind, String key) {}

  public StateBatch {
    verdicts = List.copyOf(verdicts);
    hashtags = List.copyOf(hashtags);
    state = List.copyOf(state);
    deleted = List.copyOf(deleted);
    actions = List.copyOf(actions);
    preservations = List.copyOf(preservations);
    cases = List.copyOf(cases);
  }

  public StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state,
                    List<StateKey> deleted, List<OutboxAction> actions) {
    this(verdicts, hashtags, state, deleted, actions, List.of(), List.of());
  }

  public StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state,
                    List<StateKey> deleted) {
    this(verdicts, hashtags, state, deleted, List.of());
  }

  public StateBatch(List<VerdictRow> verdicts, List<HashtagRow> hashtags, List<StateRow> state) {
    this(verdicts, hashtags, state, List.of(), List.of());
  }

  /** This batch with {@code actions} to enqueue. */
  public StateBatch withActions(List<OutboxAction> actions) {
    return new StateBatch(verdicts, hashtags, state, deleted, actions, preservations, cases);
  }

  /** This batch with {@code preservations} to ask for. */
  public StateBatch withPreservations(List<PreservationRequest> preservations) {
    return new StateBatch(verdicts, hashtags, state, deleted, actions, preservations, cases);
  }

  /** This batch with review-case updates to apply. */
  public StateBatch withCases(List<CaseUpdate> cases) {
    return new StateBatch(verdicts, hashtags, state, deleted, actions, preservations, cases);
  }

  public boolean isEmpty() {
    return verdicts.isEmpty() && hashtags.isEmpty() && state.isEmpty() && deleted.isEmpty() && actions.isEmpty()
        && preservations.isEmpty() && cases.isEmpty();
  }
}
