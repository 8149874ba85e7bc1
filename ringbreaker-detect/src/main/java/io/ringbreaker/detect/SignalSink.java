package io.ringbreaker.detect;

import io.ringbreaker.model.Signal;

/** Where a detector puts what it finds; the pipeline attaches each signal to the event's subjects. */
@FunctionalInterface
public interface SignalSink {
  void accept(Signal signal);
}
