package io.ringbreaker.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.Event;
import java.time.Instant;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class ScaleTest {

  @Test
  void ofEventsGivesAboutAMillionEventsStreamedNotHeld() {
    SimConfig cfg = SimConfig.ofEvents(11, 1_000_000);
    Iterator<Event> it = new Simulator(cfg).events();
    long n = 0;
    Instant last = Instant.MIN;
    while (it.hasNext()) {
      Event e = it.next();
      // Only counted and checked for order; nothing is kept.
      if (e.occurredAt().isBefore(last)) {
        throw new AssertionError("out of order at " + e.eventId());
      }
      last = e.occurredAt();
      n++;
    }
    assertThat(n).isBetween(800_000L, 1_200_000L);
    assertThat(cfg.rings()).isGreaterThan(2);
  }

  @Test
  void ofEventsScalesSmallScenariosToo() {
    for (long target : new long[] {20_000, 100_000}) {
      long n = 0;
      for (Iterator<Event> it = new Simulator(SimConfig.ofEvents(3, target)).events(); it.hasNext(); it.next()) {
        n++;
      }
      assertThat(n).as("target %d", target).isBetween(target * 8 / 10, target * 12 / 10);
    }
  }
}
