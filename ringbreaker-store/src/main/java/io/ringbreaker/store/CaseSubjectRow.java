package io.ringbreaker.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A subject of a case: what its verdict said when it last changed. {@code verdictKey} is
 * {@code type:id}, the key of its verdict in {@link StateStore#verdict}.
 */
public record CaseSubjectRow(long caseId, String subjectType, String subjectId, String queue, String severity,
                             double priority, List<String> actions, int reports, List<String> reportIds, boolean risk,
                             Optional<String> ring, Optional<String> author, String verdictKey, Instant updatedAt) {
  public CaseSubjectRow {
    actions = List.copyOf(actions);
    reportIds = List.copyOf(reportIds);
  }
}
