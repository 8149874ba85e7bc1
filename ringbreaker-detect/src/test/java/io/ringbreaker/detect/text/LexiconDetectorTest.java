package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.TextField;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.TagState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconDetectorTest {

  private static final Event EVENT = new Event("e1", Instant.parse("2026-01-02T09:00:00Z"), "u1",
      new EventBody.Comment("c1", "p1", "x"));

  private final LexiconDetector detector = new LexiconDetector(() -> EvasionCorpusTest.LEXICON);

  @Test
  void disguisedTagsSignalWithTermHowAndRawSpan() {
    String text = "folders #Dr0pB0x_L1nks2020 and #dropboxpaper and #sunset";
    List<Signal> out = new ArrayList<>();
    detector.scan(EVENT, new TextField("comment.text", text), out::add);
    assertThat(out).hasSize(1);
    Signal s = out.getFirst();
    assertThat(s.kind()).isEqualTo(LexiconDetector.KIND);
    assertThat(s.detail()).containsEntry("term", "dropboxlinks").containsEntry("match", "decorated")
        .containsEntry("state", TagState.BLOCKED.wire());
    assertThat(text.substring(s.span().orElseThrow().start(), s.span().orElseThrow().end()))
        .isEqualTo("#Dr0pB0x_L1nks2020");
  }

  @Test
  void allowedTermsNeverSignal() {
    List<Signal> out = new ArrayList<>();
    detector.scanTag(EVENT, "post.hashtags[0]", "DropboxPaper", out::add);
    detector.scanTag(EVENT, "post.hashtags[1]", "dropbox", out::add);
    assertThat(out).isEmpty();
    detector.scanTag(EVENT, "post.hashtags[2]", "foldertrade_only", out::add);
    assertThat(out).singleElement().satisfies(s -> assertThat(s.detail()).containsEntry("term", "foldertrade"));
    assertThat(Lexicon.of(List.of(new LexiconTerm("x", "y", TagState.WATCH))).match("x")).isPresent();
  }
}
