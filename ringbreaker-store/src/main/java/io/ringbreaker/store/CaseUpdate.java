package io.ringbreaker.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one changed verdict means for the review queue, committed with the verdict (see
 * {@link StateBatch#cases()}). When {@code review} (the verdict asks for a person), the subject joins
 * the active case of {@code caseKey} or opens one; otherwise it only updates the subject's row in an
 * active case it is already in: a verdict that drops below review never closes a case — only a
 * person's decision does.
 *
 * @param caseKey what the case groups, e.g. {@code account:u40} for an account and its items
 * @param queue the verdict's {@code decided_by.queue}
 * @param priority the subject's {@link CasePriority#subject}
 * @param reports user reports about the subject; {@code weightedReports} counts flood reporters less
 * @param reportIds the platform's ids of those reports (for the report outcome it is told)
 * @param risk any signal other than user reports and the platform's own actions
 * @param terms lowercased words the case is found by (ids, tags, links, hashes)
 */
public record CaseUpdate(String caseKey, String queue, String subjectType, String subjectId, String severity,
                         List<String> actions, boolean review, double priority, int reports, double weightedReports,
                         List<String> reportIds, boolean risk, Optional<String> ring, Optional<String> author,
                         List<String> terms, Instant at) {
  public CaseUpdate {
    Objects.requireNonNull(caseKey, "caseKey");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    Severities.rank(severity);
    actions = List.copyOf(actions);
    reportIds = List.copyOf(reportIds);
    Objects.requireNonNull(ring, "ring");
    Objects.requireNonNull(author, "author");
    terms = List.copyOf(terms);
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
  }
}
