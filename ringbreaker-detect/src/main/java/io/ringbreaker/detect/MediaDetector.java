package io.ringbreaker.detect;

import io.ringbreaker.detect.media.MediaHashes;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Media;

/**
 * Finds signals in one media item from its hashes: the platform's own, or those the pipeline
 * computed from the item's bytes. Detectors do no I/O and no decoding.
 */
public interface MediaDetector {
  void scan(Event event, Media media, MediaHashes hashes, SignalSink out);
}
