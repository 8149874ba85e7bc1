package io.ringbreaker.policy;

/** Signal kinds the engine makes itself (from reports and enforcement); detectors own theirs. */
public final class SignalKinds {
  public static final String REPORT_USER = "report.user";
  public static final String ENFORCEMENT = "enforcement.platform";

  private SignalKinds() {}
}
