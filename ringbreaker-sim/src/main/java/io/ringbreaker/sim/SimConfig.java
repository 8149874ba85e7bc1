package io.ringbreaker.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * The size and span of a simulated platform. {@code ordinaryAccounts} is the population outside
 * the rings; some of it floods the tag and some of it looks like a ring without being one.
 * {@code ringSize} is the size of the largest ring; the others are smaller.
 */
public record SimConfig(long seed, int ordinaryAccounts, int rings, int ringSize, int days, Instant start) {

  /** The 2019 start of the default scenario. */
  public static final Instant START_2019 = Instant.parse("2019-01-01T00:00:00Z");

  public SimConfig {
    Objects.requireNonNull(start, "start");
    if (ordinaryAccounts < 50) {
      throw new IllegalArgumentException("ordinaryAccounts must be at least 50, got " + ordinaryAccounts);
    }
    if (rings < 0) {
      throw new IllegalArgumentException("rings must not be negative, got " + rings);
    }
    if (rings > 0 && ringSize < 3) {
      throw new IllegalArgumentException("ringSize must be at least 3, got " + ringSize);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    if (start.getNano() != 0) {
      throw new IllegalArgumentException("start must be a whole second, got " + start);
    }
  }

  /**
   * 400 ordinary accounts, four rings (12, 7, 9 and 6 members), 30 days from 2019-01-01: about 35k
   * events, with five suspensions, each followed by a return that evades in its own way.
   */
  public static SimConfig defaults(long seed) {
    return new SimConfig(seed, 400, 4, 12, 30, START_2019);
  }

  /** About how many events a scenario of this size gives (the simulator's measured rates). */
  public static double expectedEvents(long ordinaryAccounts, int rings, int days) {
    return ordinaryAccounts * Volume.perAccount(days) + rings * Volume.perRing(days);
  }

  /** The number of days that gives about {@code approxEvents} events for this many accounts and rings (at least 1). */
  public static long daysFor(long ordinaryAccounts, int rings, long approxEvents) {
    double perDay = Volume.PER_ACCOUNT_DAY * ordinaryAccounts + Volume.PER_RING_DAY * rings;
    return Math.max(1, Math.round((approxEvents - Volume.PER_ACCOUNT * ordinaryAccounts) / perDay));
  }

  /**
   * A scenario with about {@code approxEvents} events (within a few per cent above 50k): more
   * days and accounts, and more rings, as it grows.
   */
  public static SimConfig ofEvents(long seed, long approxEvents) {
    if (approxEvents < 1_000) {
      throw new IllegalArgumentException("approxEvents must be at least 1000, got " + approxEvents);
    }
    int days = (int) Math.max(30, Math.min(120, Math.round(30 * Math.cbrt(approxEvents / 30_000.0))));
    int rings = (int) Math.max(2, Math.min(40, approxEvents / 250_000));
    double perAccount = Volume.perAccount(days);
    long accounts = Math.round((approxEvents - Volume.perRing(days) * rings) / perAccount);
    return new SimConfig(seed, (int) Math.max(50, Math.min(Integer.MAX_VALUE, accounts)), rings, 12, days, START_2019);
  }
}
