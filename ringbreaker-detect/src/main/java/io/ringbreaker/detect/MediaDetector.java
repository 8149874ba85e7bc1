package io.ringbreaker.detect;

import io.ringbreaker.model.Event;
import io.ringbreaker.model.Media;
import java.util.Optional;

/**
 * Finds signals in one media item: from the hashes the platform sent, or from the bytes the
 * pipeline resolved for it ({@code bytes} is empty when there are none).
 */
public interface MediaDetector {
  void scan(Event event, Media media, Optional<byte[]> bytes, SignalSink out);
}
