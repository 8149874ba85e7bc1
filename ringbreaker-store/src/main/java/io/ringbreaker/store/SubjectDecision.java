package io.ringbreaker.store;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reviewer's decision about one subject of a case, or about every member of a ring
 * ({@code subjectType} {@code ring}, {@code subjectId} the ring id): each member's decision is
 * recorded on its own row.
 *
 * @param category the policy category, e.g. {@code csam.known}, {@code solicitation}; {@code not_violating} for a clear
 * @param reason free text; required for {@code clear} when the subject has risk signals
 * @param actions what the reviewer had the platform do (recorded; the outbox's own actions follow the decision)
 */
public record SubjectDecision(String subjectType, String subjectId, DecisionKind decision, String category,
                              String reason, List<String> actions) {
  /** Ring decisions name this subject type. */
  public static final String RING = "ring";
  public static final String NOT_VIOLATING = "not_violating";
  static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
  public static final int MAX_REASON = 4000;

  public SubjectDecision {
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(reason, "reason");
    actions = List.copyOf(actions);
  }
}
