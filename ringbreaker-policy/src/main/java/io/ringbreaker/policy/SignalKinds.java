package io.ringbreaker.policy;

/** Signal kinds the policy knows by name; detectors own the rest. */
public final class SignalKinds {
  public static final String HASHTAG_LEXICON = "hashtag.lexicon";
  public static final String MEDIA_HASH_MATCH = "media.hash_match";
  public static final String REPORT_USER = "report.user";
  public static final String ENFORCEMENT = "enforcement.platform";

  private SignalKinds() {}
}
