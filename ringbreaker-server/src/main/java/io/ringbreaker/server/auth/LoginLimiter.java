package io.ringbreaker.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address in a sliding window. The per-name lock (in the store) stops
 * guessing one person's password; this stops one address guessing many people's. In memory: a
 * restart forgets it, which the per-name lock does not.
 */
final class LoginLimiter {
  private static final int MAX_ADDRESSES = 100_000;

  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginLimiter(int maxFailures, Duration window) {
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** When the address may try again; empty when it may try now. */
  Optional<Duration> retryAfter(String address, Instant now) {
    Deque<Instant> times = failures.get(address);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < maxFailures) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }
  }

  void failed(String address, Instant now) {
    if (failures.size() >= MAX_ADDRESSES) {
      failures.entrySet().removeIf(e -> {
        synchronized (e.getValue()) {
          prune(e.getValue(), now);
          return e.getValue().isEmpty();
        }
      });
    }
    Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
      times.removeFirst();
    }
  }
}
