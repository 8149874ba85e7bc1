package io.ringbreaker.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How urgent a case is: every weight of the review queue's order, in one place (docs/review.md
 * explains them). A subject's priority adds its severity, its child-safety signals, its user
 * reports (a report from an account in a meme flood counts a fifth) and the policy's own priority;
 * a case takes its most urgent subject's, plus reach (more subjects, more harm), plus age: an open
 * case rises by {@link #AGE_PER_HOUR} every hour, so nothing waits forever behind fresh work.
 */
public final class CasePriority {
  private CasePriority() {}

  /** By severity rank none, low, medium, high, critical. */
  static final double[] SEVERITY = {0, 10, 30, 60, 100};
  /** A known image (a hash-bank match): the most urgent evidence there is. */
  public static final double HASH_MATCH = 40;
  /** A listed hashtag or term outside a meme flood. */
  public static final double LISTED = 10;
  /** Ban evasion: a suspended account is back. */
  public static final double EVASION = 15;
  /** In a ring Ringbreaker found. */
  public static final double RING = 15;
  /** Per trusted user report, on a log scale (the tenth report adds less than the first). */
  public static final double REPORT = 8;
  /** What a report from an account posting in a meme flood counts, against 1 for any other. */
  public static final double FLOOD_REPORTER_WEIGHT = 0.2;
  /** The most user reports add. */
  public static final double REPORT_CAP = 30;
  /** Times the policy's own priority (0–100, {@code decided_by.priority}). */
  public static final double POLICY = 0.5;
  /** Per doubling of a case's subjects (its items and its account). */
  public static final double REACH = 4;
  /** The most reach adds. */
  public static final double REACH_CAP = 20;
  /** Added per hour a case has been open. */
  public static final double AGE_PER_HOUR = 0.25;

  /** The signals of one subject that weigh in its priority. */
  public record Inputs(int severityRank, boolean hashMatch, boolean listed, boolean evasion, boolean ring,
                       double weightedReports, int policyPriority) {
    public Inputs {
      if (severityRank < 0 || severityRank >= SEVERITY.length) {
        throw new IllegalArgumentException("severityRank must be 0 to 4, got " + severityRank);
      }
    }
  }

  /** A subject's priority (without age or reach). */
  public static double subject(Inputs in) {
    double p = SEVERITY[in.severityRank()];
    p += in.hashMatch() ? HASH_MATCH : 0;
    p += in.listed() ? LISTED : 0;
    p += in.evasion() ? EVASION : 0;
    p += in.ring() ? RING : 0;
    p += Math.min(REPORT_CAP, REPORT * log2(1 + in.weightedReports()));
    p += POLICY * in.policyPriority();
    return round(p);
  }

  /** A case's priority without age: its most urgent subject's, plus reach. */
  public static double ofCase(double mostUrgentSubject, int subjects) {
    return round(mostUrgentSubject + Math.min(REACH_CAP, REACH * log2(Math.max(1, subjects))));
  }

  /** The priority now of a case of {@code priority} opened at {@code openedAt}: what the queue orders by. */
  public static double now(double priority, Instant openedAt, Instant now) {
    return round(priority + AGE_PER_HOUR * Math.max(0, hours(openedAt, now)));
  }

  /** The stored order key: {@link #now} plus the same amount for every case, so it never changes with time. */
  static double sortKey(double priority, Instant openedAt) {
    return priority - AGE_PER_HOUR * hours(Instant.EPOCH, openedAt);
  }

  /** Time to decide, from opening, by severity: critical 1 h, high 4 h, medium 24 h, low (and none) 72 h. */
  public static Duration sla(int severityRank) {
    return switch (severityRank) {
      case 4 -> Duration.ofHours(1);
      case 3 -> Duration.ofHours(4);
      case 2 -> Duration.ofHours(24);
      default -> Duration.ofHours(72);
    };
  }

  private static double hours(Instant from, Instant to) {
    return ChronoUnit.MICROS.between(from, to) / 3_600_000_000.0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
