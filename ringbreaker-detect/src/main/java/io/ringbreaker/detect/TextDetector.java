package io.ringbreaker.detect;

import io.ringbreaker.model.Event;

/**
 * Finds signals in one text field of an event. Pure: reads the text and the detector's own lists,
 * does no I/O. The next detectors (trade language, links, handles, payments) plug in here.
 */
public interface TextDetector {
  void scan(Event event, TextField field, SignalSink out);
}
