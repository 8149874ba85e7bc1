package io.ringbreaker.detect.offplatform;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs a detector over one text and checks every span points at its evidence in that text. */
final class Scan {
  static final Event EVENT =
      new Event("ev-1", Instant.parse("2026-01-01T00:00:00Z"), "acct-1",
          new EventBody.Comment("c-1", "p-1", "placeholder"));

  private Scan() {}

  static List<Signal> scan(TextDetector d, String text) {
    List<Signal> out = new ArrayList<>();
    d.scan(EVENT, new TextField("post.text", text), out::add);
    for (Signal s : out) {
      assertThat(s.span()).isPresent();
      assertThat(s.span().get().field()).isEqualTo("post.text");
      assertThat(s.span().get().end()).isLessThanOrEqualTo(text.length());
      assertThat(s.eventId()).isEqualTo("ev-1");
    }
    return out;
  }

  /** The one signal a detector finds in the text; fails when it finds none or several. */
  static Signal only(TextDetector d, String text) {
    List<Signal> found = scan(d, text);
    assertThat(found).as(text).hasSize(1);
    return found.get(0);
  }

  static String evidence(String text, Signal s) {
    return text.substring(s.span().get().start(), s.span().get().end());
  }
}
