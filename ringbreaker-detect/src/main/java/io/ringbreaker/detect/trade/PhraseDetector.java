package io.ringbreaker.detect.trade;

import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Soliciting and trading talk: a {@code trade.phrase} signal per rule that matches, valued by the
 * rule's id. Weak alone; the policy makes it strong beside a listed tag or an off-platform
 * identity on the same subject.
 */
public final class PhraseDetector implements TextDetector {

  public static final String KIND = "trade.phrase";
  /** Text shown as evidence is cut here. */
  private static final int MAX_EVIDENCE_CHARS = 120;

  private final Supplier<PhraseRules> rules;

  public PhraseDetector(Supplier<PhraseRules> rules) {
    this.rules = rules;
  }

  @Override
  public void scan(Event event, TextField field, SignalSink out) {
    String text = field.text();
    if (text.length() < 4) {
      return;
    }
    for (PhraseRules.Hit hit : rules.get().find(text)) {
      String said = text.substring(hit.start(), Math.min(hit.end(), hit.start() + MAX_EVIDENCE_CHARS));
      out.accept(Signal.of(KIND, hit.rule().id(), event).withSpan(new Span(field.name(), hit.start(), hit.end()))
          .withDetail(Map.of("category", hit.rule().category(), "text", said)));
    }
  }
}
