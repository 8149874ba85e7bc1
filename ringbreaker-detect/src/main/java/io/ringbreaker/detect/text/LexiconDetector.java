package io.ringbreaker.detect.text;

import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Span;
import io.ringbreaker.model.TagState;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Listed terms in text. Hashtags that are listed terms give a {@code hashtag.lexicon} signal per
 * use, with the term, its state, how it matched ({@code exact}, {@code normalized},
 * {@code decorated}, {@code near}; see {@link Lexicon}) and the span of the tag in the raw text.
 * A listed term written out in running text ("drop box links in my bio"), outside any hashtag,
 * gives a {@code lexicon.text} signal the same way. Terms in the {@code allowed} state never signal.
 */
public final class LexiconDetector implements TextDetector {

  public static final String KIND = "hashtag.lexicon";
  public static final String TEXT_KIND = "lexicon.text";

  private final Supplier<Lexicon> lexicon;

  public LexiconDetector(Supplier<Lexicon> lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public void scan(Event event, TextField field, SignalSink out) {
    scan(event, field, out, true);
  }

  /** Terms in running text only, for text whose hashtags the platform sent (and were checked) apart. */
  public void scanRunningText(Event event, TextField field, SignalSink out) {
    scan(event, field, out, false);
  }

  private void scan(Event event, TextField field, SignalSink out, boolean hashtags) {
    Lexicon lex = lexicon.get();
    List<Hashtags.Found> tags = Hashtags.find(field.text());
    if (hashtags) {
      for (Hashtags.Found tag : tags) {
        signal(lex, event, tag.folded(), new Span(field.name(), tag.start(), tag.end()), out);
      }
    }
    for (Lexicon.Found found : lex.find(field.text())) {
      if (found.term().state() == TagState.ALLOWED || insideATag(found, tags)) {
        continue;
      }
      String said = Hashtags.fold(field.text().substring(found.start(), found.end()));
      out.accept(Signal.of(TEXT_KIND, said, event).withSpan(new Span(field.name(), found.start(), found.end()))
          .withDetail(Map.of("term", found.term().term(), "state", found.term().state().wire(),
              "category", found.term().category(), "match", found.how())));
    }
  }

  private static boolean insideATag(Lexicon.Found found, List<Hashtags.Found> tags) {
    for (Hashtags.Found t : tags) {
      if (found.start() < t.end() && t.start() < found.end()) {
        return true;
      }
    }
    return false;
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
