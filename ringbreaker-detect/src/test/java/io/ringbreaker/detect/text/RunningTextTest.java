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

class RunningTextTest {

  static final Event EVENT = new Event("e1", Instant.parse("2019-01-02T09:00:00Z"), "u1",
      new EventBody.Comment("c1", "p1", "x"));
  static final Lexicon LEXICON = Lexicon.of(List.of(new LexiconTerm("dropboxlinks", "trade_advert", TagState.WATCH),
      new LexiconTerm("dropboxpaper", "brand", TagState.ALLOWED)));

  static List<Signal> scan(String text) {
    List<Signal> out = new ArrayList<>();
    new LexiconDetector(() -> LEXICON).scan(EVENT, new TextField("comment.text", text), out::add);
    return out;
  }

  @Test
  void aTermWrittenOutInTextIsFoundWithItsSpan() {
    String text = "new stuff, drop box links in my bio";
    List<Signal> found = scan(text);
    assertThat(found).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("lexicon.text");
      assertThat(s.detail()).containsEntry("term", "dropboxlinks");
      int start = s.span().orElseThrow().start();
      int end = s.span().orElseThrow().end();
      assertThat(text.substring(start, end)).isEqualTo("drop box links");
    });
  }

  @Test
  void aHashtagIsSignalledOnceAsAHashtagNotAgainAsText() {
    assertThat(scan("more #dropboxlinks here")).extracting(Signal::kind).containsExactly("hashtag.lexicon");
  }

  @Test
  void ordinaryTextAndAllowedTermsGiveNothing() {
    assertThat(scan("I keep my notes in dropbox paper and share links by email")).isEmpty();
    assertThat(scan("lovely light this morning")).isEmpty();
  }

  @Test
  void textWhoseHashtagsWereCheckedApartStillGetsRunningTextMatches() {
    List<Signal> out = new ArrayList<>();
    new LexiconDetector(() -> LEXICON).scanRunningText(EVENT,
        new TextField("post.text", "#dropboxlinks and drop.box.links"), out::add);
    assertThat(out).extracting(Signal::kind).containsExactly("lexicon.text");
  }
}
