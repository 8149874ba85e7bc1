package io.ringbreaker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One case of the review queue. {@code priority} leaves out age; {@link #priorityAt} adds it.
 * {@code claimedBy} stays set after a decision: it is who decided.
 */
public record CaseRow(long id, String key, String queue, CaseState state, double priority, String severity,
                      Instant openedAt, Instant slaDueAt, Optional<String> claimedBy, Optional<Instant> leaseUntil,
                      Optional<Instant> decidedAt, int subjects, int reports, Optional<String> ring) {
  public CaseRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(claimedBy, "claimedBy");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(ring, "ring");
  }

  /** The priority the queue orders by at {@code now}: {@code priority} plus age. */
  public double priorityAt(Instant now) {
    return CasePriority.now(priority, openedAt, now);
  }

  /** Time left to decide (negative once the SLA is breached). */
  public Duration slaLeft(Instant now) {
    return Duration.between(now, slaDueAt);
  }

  /** Claimed by {@code reviewer} with a lease still running at {@code now}. */
  public boolean heldBy(String reviewer, Instant now) {
    return state == CaseState.CLAIMED && claimedBy.filter(reviewer::equals).isPresent()
        && leaseUntil.filter(now::isBefore).isPresent();
  }
}
