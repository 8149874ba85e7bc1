package io.ringbreaker.store;

import java.time.Instant;
import java.util.Optional;

/** One queue at a moment: open and claimed cases, the oldest open one, and how many are past their SLA. */
public record QueueStats(String queue, long open, long claimed, long awaitingConfirmation,
                         Optional<Instant> oldestOpenedAt, long slaBreaches) {}
