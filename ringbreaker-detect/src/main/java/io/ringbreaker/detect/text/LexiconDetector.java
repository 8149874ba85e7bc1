package io.ringbreaker.detect.text;

import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import io.ringbreaker.model.TagState;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hashtags in text that are listed terms: a {@code hashtag.lexicon} signal per use, with the
 * term, its state, how it matched ({@code exact}, {@code normalized}, {@code decorated}, {@code near};
 * see {@link Lexicon}) and the span of the tag in the raw text. Terms in the {@code allowed} state
 * never signal.
 */
public final class LexiconDetector implements TextDetector {

  public static final String KIND = "hashtag.lexicon";

  private final Supplier<Lexicon> lexicon;

  public LexiconDetector(Supplier<Lexicon> lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public void scan(Event event, TextField field, SignalSink out) {
    Lexicon lex = lexicon.get();
    for (Hashtags.Found tag : Hashtags.find(field.text())) {
      signal(lex, event, tag.folded(), new Span(field.name(), tag.start(), tag.end()), out);
    }
  }

  /** The same check for a tag the platform sent in a list rather than in text. */
  public void scanTag(Event event, String fieldName, String tag, SignalSink out) {
    signal(lexicon.get(), event, Hashtags.fold(tag), new Span(fieldName, 0, tag.length()), out);
  }

  private static void signal(Lexicon lex, Event event, String folded, Span span, SignalSink out) {
    lex.match(folded).filter(m -> m.term().state() != TagState.ALLOWED).ifPresent(m -> out.accept(
        Signal.of(KIND, folded, event).withSpan(span)
            .withDetail(Map.of("term", m.term().term(), "state", m.term().state().wire(),
                "category", m.term().category(), "match", m.how()))));
  }
}
