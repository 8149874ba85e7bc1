package io.ringbreaker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The review queue: cases (opened and updated by {@link StateStore#commit} with the verdicts that
 * cause them), leased claims, and people's decisions. Every change is one transaction; a claim
 * takes a row lock ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, the write lock on SQLite), so
 * two reviewers never hold the same case.
 *
 * <p>The reviewer is a plain name: today the API key's, later the signed-in user's.
 */
public interface Cases {
  /** The longest lease a claim may take. */
  Duration MAX_LEASE = Duration.ofHours(8);

  Optional<CaseRow> get(long id);

  /** The case's subjects, most urgent first. */
  List<CaseSubjectRow> subjects(long caseId);

  /** The case's decisions, in the order they were made. */
  List<DecisionRow> decisions(long caseId);

  Optional<DecisionRow> decision(long id);

  /**
   * Cases matching {@code q}, most urgent first (priority with age), then by id.
   *
   * @throws IllegalArgumentException when {@code q.after()} is not a cursor from this method
   */
  Page<CaseRow> list(CaseQuery q);

  /** Every queue with an open, claimed or awaiting case, by name. */
  List<QueueStats> queues(Instant now);

  /**
   * Takes the most urgent open case of {@code queue}, or a claimed one whose lease has ended,
   * for {@code reviewer} until {@code now + lease}; empty when there is none.
   */
  Optional<CaseRow> claimNext(String queue, String reviewer, Instant now, Duration lease);

  /**
   * Takes one case; a reviewer who holds it already renews the lease.
   *
   * @throws CaseException NOT_FOUND, or CONFLICT when someone else holds an unexpired lease or the case is decided
   */
  CaseRow claim(long caseId, String reviewer, Instant now, Duration lease);

  /** Extends the reviewer's lease. @throws CaseException CONFLICT unless the reviewer holds the lease */
  CaseRow renew(long caseId, String reviewer, Instant now, Duration lease);

  /** Gives the case back to its queue. @throws CaseException CONFLICT unless the reviewer holds the lease */
  CaseRow release(long caseId, String reviewer, Instant now);

  /**
   * Records the reviewer's decisions (a ring decision becomes one row per member) and, in the
   * same transaction, their effect on the outbox: a confirm approves the subject's actions awaiting
   * a person, a clear cancels them, and a user-reported subject's outcome is queued for the
   * platform ({@code report_outcome}). A clear of a reported subject waits for a lead
   * ({@link #confirm}) before any of that.
   *
   * @throws CaseException NOT_FOUND; CONFLICT unless the reviewer holds the case's lease (and every
   *     other case a ring decision reaches is open, expired or theirs); INVALID naming the field at fault
   */
  List<DecisionRow> decide(long caseId, String reviewer, List<SubjectDecision> decisions, Instant now);

  /**
   * A lead confirms a "clear" awaiting confirmation: it comes into force (actions cancelled, the
   * reporters told).
   *
   * @throws CaseException NOT_FOUND; CONFLICT when it is not awaiting confirmation, or the lead is
   *     not a lead or is who decided it
   */
  DecisionRow confirm(long decisionId, String lead, boolean isLead, Instant now);

  /**
   * A lead disagrees with a "clear" awaiting confirmation: it never comes into force (nothing is
   * cancelled, the reporters hear nothing yet) and its case goes back open, to the escalated queue,
   * for a new decision about that subject.
   *
   * @throws CaseException NOT_FOUND; CONFLICT as for {@link #confirm}
   */
  DecisionRow reject(long decisionId, String lead, boolean isLead, Instant now);

  /** Confirmations in force whose feedback (banks, lexicon, ring seeds) is not applied yet, oldest first. */
  List<DecisionRow> unapplied(int limit);

  /** Records that these decisions' feedback is applied; a decided case with nothing left to apply is closed. */
  void applied(List<Long> decisionIds, Instant now);
}
