package io.ringbreaker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence store: preserved items sealed with AES-256-GCM ({@link EvidenceKeys}),
 * content-addressed (one sealed copy per distinct content), retained at least a year, held past
 * that by a legal hold, deleted when retention ends or on lawful request with the deletion
 * recorded. Who may read it, and the audit of every access, is the caller's (the server's) job.
 */
public interface Evidence {
  /** The shortest retention accepted: one year (18 U.S.C. 2258A(h) as amended in 2024). */
  Duration MIN_RETENTION = Duration.ofDays(365);

  /** Asks for preservation (pending); a subject already asked for is asked again with the later time. */
  void request(List<PreservationRequest> requests);

  /** Pending requests, oldest first. */
  List<PreservationRequest> pending(int limit);

  /** The request is done, unless it was asked again since {@code requestedAt} (then it stays pending). */
  void requestDone(PreservationRequest r, Instant now);

  /** The request could not be done now; it stays pending with the error, to be tried again. */
  void requestFailed(PreservationRequest r, String error);

  /**
   * Seals and keeps {@code content} about a subject; the same content about the same subject and
   * source is kept once (its existing item comes back).
   *
   * @throws IllegalArgumentException when {@code retention} is under {@link #MIN_RETENTION}
   */
  EvidenceItem preserve(EvidenceKeys keys, String subjectType, String subjectId, String kind, String sourceId,
                        byte[] content, Instant now, Duration retention);

  /** One thing to keep about a subject: an event as the platform sent it, or the verdict at that moment. */
  record Piece(String kind, String sourceId, byte[] content) {
    public Piece {
      java.util.Objects.requireNonNull(kind, "kind");
      java.util.Objects.requireNonNull(sourceId, "sourceId");
      java.util.Objects.requireNonNull(content, "content");
    }
  }

  /**
   * Preserves every piece about the request's subject as {@link #preserve} does, and marks the
   * request done as {@link #requestDone} does, in one transaction: what the evidence keeper does
   * for each request, without a commit per piece.
   *
   * @throws IllegalArgumentException when {@code retention} is under {@link #MIN_RETENTION}
   */
  List<EvidenceItem> preserveAll(EvidenceKeys keys, PreservationRequest request, List<Piece> pieces, Instant now,
                                 Duration retention);

  /** The items about a subject, oldest first, deleted ones included. */
  List<EvidenceItem> items(String subjectType, String subjectId);

  Optional<EvidenceItem> item(long id);

  /**
   * The plaintext of an item.
   *
   * @throws StoreException when the item is unknown or deleted, its key is missing, or it was altered
   */
  byte[] open(EvidenceKeys keys, long id);

  /** Puts an item under legal hold (kept past its retention, not deletable); false when unknown or deleted. */
  boolean hold(long id, String reason);

  /** Lifts a legal hold; false when there was none. */
  boolean release(long id);

  /**
   * Deletes an item's content on lawful request, keeping the record of what, when and why.
   *
   * @throws IllegalStateException when it is under legal hold
   * @return false when unknown or already deleted
   */
  boolean delete(long id, String reason, Instant now);

  /** Deletes the content of every item whose retention ended and that no hold keeps; returns how many. */
  int purgeExpired(Instant now);

  /** Seals again with the active key every copy sealed with another (after a rotation); returns how many. */
  int rekey(EvidenceKeys keys);

  /** Items kept, held, deleted, and requests pending. */
  Map<String, Long> counts();
}
