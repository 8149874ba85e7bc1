package io.ringbreaker.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One preserved item about a subject: {@code kind} {@code event} (an event as the platform sent it,
 * {@code sourceId} its event id) or {@code verdict} (the verdict when it was preserved). The
 * content is sealed under {@code digest}, the SHA-256 of the plaintext; {@code legalHold} names
 * why it must outlive its retention; a deleted item keeps its row (what, when, why), not its content.
 */
public record EvidenceItem(long id, String digest, String subjectType, String subjectId, String kind, String sourceId,
                           long size, Instant preservedAt, Instant retainUntil, Optional<String> legalHold,
                           Optional<Instant> deletedAt, Optional<String> deletedReason) {
  public boolean deleted() {
    return deletedAt.isPresent();
  }
}
