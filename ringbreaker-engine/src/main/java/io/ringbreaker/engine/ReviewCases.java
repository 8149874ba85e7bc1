package io.ringbreaker.engine;

import io.ringbreaker.detect.media.BankMatchDetector;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.SubjectType;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.policy.SignalKinds;
import io.ringbreaker.store.CasePriority;
import io.ringbreaker.store.CaseUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed verdicts mean for the review queue, committed with them: an account's case is
 * {@code account:<id>}; a post, comment or message joins its author's case; a hashtag or link has
 * its own (hashtags in queue {@code hashtags}). The queue otherwise is the policy's, {@code triage}
 * when it names none. A subject that appealed an action also gets an appeal case,
 * {@code appeal:<type>:<id>} in queue {@code appeals}, for a reviewer other than the one who decided.
 */
final class ReviewCases {
  static final String DEFAULT_QUEUE = "triage";
  static final String HASHTAG_QUEUE = "hashtags";
  static final String APPEALS_QUEUE = "appeals";
  static final String APPEAL_KEY = "appeal:";
  /** Words a subject adds to its case's search terms, at most. */
  static final int MAX_TERMS = 60;

  private ReviewCases() {}

  static List<CaseUpdate> of(List<Verdict> verdicts, Function<Subject, Optional<String>> authors, Instant now) {
    List<CaseUpdate> out = new ArrayList<>(verdicts.size());
    for (Verdict v : verdicts) {
      if (v.signals().isEmpty()) {
        continue;
      }
      CaseUpdate u = of(v, authors.apply(v.subject()), now);
      out.add(u);
      if (v.signals().stream().anyMatch(s -> s.kind().equals(SignalKinds.APPEAL))) {
        out.add(new CaseUpdate(APPEAL_KEY + v.subject(), APPEALS_QUEUE, u.subjectType(), u.subjectId(), u.severity(),
            u.actions(), true, u.priority(), u.reports(), u.weightedReports(), u.reportIds(), u.risk(), u.ring(),
            Optional.empty(), u.terms(), now));
      }
    }
    return out;
  }

  static CaseUpdate of(Verdict v, Optional<String> author, Instant now) {
    Subject s = v.subject();
    boolean content = s.type() == SubjectType.POST || s.type() == SubjectType.COMMENT || s.type() == SubjectType.MESSAGE;
    String key = content && author.isPresent() ? "account:" + author.get() : s.toString();
    String queue = s.type() == SubjectType.HASHTAG ? HASHTAG_QUEUE : v.decidedBy().queue().orElse(DEFAULT_QUEUE);
    boolean hashMatch = false;
    boolean listed = false;
    boolean evasion = false;
    boolean risk = false;
    Map<String, Double> reporters = new HashMap<>();
    Set<String> reportIds = new LinkedHashSet<>();
    Set<String> terms = new LinkedHashSet<>();
    terms.add(s.id().toLowerCase(Locale.ROOT));
    author.ifPresent(a -> terms.add(a.toLowerCase(Locale.ROOT)));
    v.ring().ifPresent(r -> terms.add(r.toLowerCase(Locale.ROOT)));
    for (Signal sig : v.signals()) {
      String kind = sig.kind();
      hashMatch |= kind.equals(BankMatchDetector.KIND);
      listed |= (kind.startsWith("hashtag.") || kind.startsWith("lexicon.")) && !sig.detail().containsKey("flood");
      evasion |= kind.equals(SignalKinds.EVASION);
      if (kind.equals(SignalKinds.REPORT_USER)) {
        // A crowd burying a tag reports everyone in it: each such report counts a fifth.
        double w = "flooding".equals(sig.detail().get("reporter")) ? CasePriority.FLOOD_REPORTER_WEIGHT : 1;
        reporters.merge(sig.value(), w, Math::max);
        Optional.ofNullable(sig.detail().get("report_id")).ifPresent(reportIds::add);
        continue;
      }
      if (!kind.equals(SignalKinds.ENFORCEMENT) && !kind.equals(SignalKinds.APPEAL)) {
        risk = true;
      }
      if (terms.size() < MAX_TERMS) {
        String value = sig.value().toLowerCase(Locale.ROOT);
        terms.add(value);
        int colon = value.indexOf(':');
        if (kind.equals(BankMatchDetector.KIND) && colon > 0) {
          terms.add(value.substring(colon + 1)); // the hash alone, as a person pastes it
        }
        Optional.ofNullable(sig.detail().get("term")).ifPresent(t -> terms.add(t.toLowerCase(Locale.ROOT)));
      }
    }
    boolean ring = v.ring().isPresent();
    double weighted = reporters.values().stream().mapToDouble(Double::doubleValue).sum();
    double priority = CasePriority.subject(new CasePriority.Inputs(v.severity().ordinal(), hashMatch, listed, evasion,
        ring, weighted, v.decidedBy().priority()));
    return new CaseUpdate(key, queue, s.type().wire(), s.id(), v.severity().wire(), v.actions(),
        v.actions().contains("review"), priority, reporters.size(), weighted, List.copyOf(reportIds), risk, v.ring(),
        content ? author : Optional.empty(), List.copyOf(terms), now);
  }
}
