package io.ringbreaker.sim;

/**
 * How often each kind of account does each thing (mean events per account per day, before its
 * own activity factor), and the event count these rates give, so {@link SimConfig#ofEvents} can
 * size a scenario.
 */
final class Volume {
  private Volume() {}

  static final double ORD_POST = 0.35;
  static final double ORD_COMMENT = 0.75;
  static final double ORD_MESSAGE = 0.7;
  static final double ORD_REPLY = 0.5;
  static final double ORD_FOLLOW = 0.05;
  static final double ORD_UNFOLLOW = 0.005;
  static final double ORD_SPAM_REPORT = 0.004;
  static final double ORD_PROFILE = 0.003;

  static final double FLOOD_POST = 1.2;
  static final double FLOOD_REPORT = 0.3;
  static final double FLOOD_COMMENT = 0.25;

  static final double CARD_POST = 0.5;
  static final double CARD_COMMENT = 0.8;
  static final double CARD_MESSAGE = 1.0;

  static final double DOC_POST = 0.12;
  static final double DOC_COMMENT = 0.3;
  static final double DOC_MESSAGE = 1.2;

  static final double RING_POST = 0.7;
  static final double RING_COMMENT = 1.2;
  static final double RING_MESSAGE = 1.6;
  static final double RING_MESSAGING_ONLY = 2.2;
  static final double RING_FOLLOW = 0.1;

  /** Measured events per ordinary-population account per day (all roles outside the rings, averaged). */
  static final double PER_ACCOUNT_DAY = 2.2;
  /** Profile and first follows of each account. */
  static final double PER_ACCOUNT = 10.0;
  /** Measured events per ring per day. */
  static final double PER_RING_DAY = 60;

  static double perAccount(int days) {
    return PER_ACCOUNT + PER_ACCOUNT_DAY * days;
  }

  static double perRing(int days) {
    return PER_RING_DAY * days;
  }
}
