package io.ringbreaker.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Actions for the platform, kept until delivered. Enqueue is idempotent by action id; every state
 * change is one conditional update, so a change that does not apply to the current state changes
 * nothing. {@code attempts} counts the requests made, the one that succeeded included. Actions are
 * also enqueued by {@link StateStore#commit} with the verdict that caused them.
 *
 * <p>{@link #claimDue} does not lock what it returns: run one deliverer per store. Two deliverers on
 * one database may both send an action; the platform dedupes it by action id.
 */
public interface Outbox {
  /** The most rows {@link #claimDue} and {@link #list} return at once. */
  int MAX_LIMIT = 10_000;

  /** Inserts the actions whose id is not in the outbox yet (a later duplicate in the list is ignored); returns how many were new. */
  int enqueue(List<OutboxAction> actions);

  /** Pending actions due at {@code now}, the longest due first (then by action id). */
  List<OutboxAction> claimDue(Instant now, int limit);

  /**
   * Counts the attempt that succeeded and records that the platform accepted the action. Applies to a pending action, and also to one a
   * person cancelled or that failed while this delivery was in flight: the platform has it, and the
   * outbox says so. A delivered action keeps its first delivery time.
   */
  void delivered(String actionId, Instant at);

  /** Counts a failed attempt of a pending action and makes it due again at {@code next}; nothing otherwise. */
  void retryLater(String actionId, Instant next, String error);

  /** Counts a failed attempt of a pending action and gives up on it (FAILED); nothing otherwise. */
  void failed(String actionId, String error);

  /** AWAITING_PERSON → PENDING, due now; false (and no change) from any other state or for an unknown id. */
  boolean approve(String actionId, String by);

  /** AWAITING_PERSON, PENDING or FAILED → CANCELLED; false (and no change) otherwise. */
  boolean cancel(String actionId, String by);

  /** FAILED → PENDING, due now, with its attempts counted from 0 again; false (and no change) otherwise. */
  boolean retry(String actionId, String by);

  Optional<OutboxAction> get(String actionId);

  /**
   * Actions matching every filter given, oldest first (then by action id); {@code after} is the
   * {@link Page#next()} cursor of the previous page.
   *
   * @throws IllegalArgumentException when {@code after} is not a cursor from this method, or the limit is out of range
   */
  Page<OutboxAction> list(Optional<OutboxState> state, Optional<String> subjectType, Optional<String> subjectId,
                          Optional<String> after, int limit);

  /** The number of actions in each state, every state present (0 when none), in {@link OutboxState} order, by wire name. */
  Map<String, Long> countsByState();
}
