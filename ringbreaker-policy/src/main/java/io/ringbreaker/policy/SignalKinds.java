package io.ringbreaker.policy;

/** Signal kinds the engine makes itself (from reports and enforcement); detectors own theirs. */
public final class SignalKinds {
  public static final String REPORT_USER = "report.user";
  public static final String ENFORCEMENT = "enforcement.platform";
  /** The subject appealed an action: not evidence against it; it sends the subject to the appeals queue. */
  public static final String APPEAL = "appeal.filed";
  /** In a ring Ringbreaker found; the value is the ring's id. */
  public static final String RING_MEMBER = "ring.member";
  /** Reuses a suspended account's identities off the platform; the value is the suspended account. */
  public static final String EVASION = "evasion.linked";

  private SignalKinds() {}
}
