package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputTest {

  private static final Lexicon LEX = Lexicon.of(List.of(
      new LexiconTerm("dropboxlinks", "trade", TagState.BLOCKED),
      new LexiconTerm("dropbox", "brand", TagState.ALLOWED)));

  @Test
  void aOneMebibyteCaptionIsScanned() {
    StringBuilder b = new StringBuilder();
    while (b.length() < 1 << 20) {
      b.append("sunny day at the beach #summer ");
    }
    b.append(" #dr0pb0xlinks");
    String text = b.toString();
    List<Hashtags.Found> tags = Hashtags.find(text);
    assertThat(tags).hasSize(Hashtags.MAX_TAGS_PER_TEXT);
    List<Lexicon.Found> found = LEX.find(text);
    assertThat(found).hasSize(1);
    assertThat(text.substring(found.getFirst().start(), found.getFirst().end())).isEqualTo("dr0pb0xlinks");
  }

  @Test
  void bidiOverridesControlsAndUnpairedSurrogatesGiveAClearAnswer() {
    assertThat(LEX.match(Hashtags.fold("\u202Edropboxlinks\u202C")).map(Lexicon.Match::how)).contains("normalized");
    assertThat(LEX.match("\uD800dropboxlinks\uDFFF").map(Lexicon.Match::how)).contains("normalized");
    // a valid pair is a letter of its own (U+10000), so this is a longer word, not the term
    assertThat(LEX.match("\uD800\uDC00dropboxlinksbelow")).isEmpty();
    assertThat(LEX.match("\u0000\u0001\u0002")).isEmpty();
    assertThat(LEX.match("")).isEmpty();
    assertThat(LEX.find("\uDC00\u202E\uD800")).isEmpty();
  }

  @Test
  void aHugeTagIsRefusedCheaply() {
    assertThat(LEX.match("dropboxlinks".repeat(100_000))).isEmpty();
    assertThat(LEX.match("a1".repeat(500)).isPresent()).isFalse();
    assertThat(LEX.match("2019".repeat(250) + "dropboxlinks").map(Lexicon.Match::how)).contains("decorated");
    // four ambiguous ones make sixteen readings of a 1,000-character tag: still one clear answer
    assertThat(LEX.match("1".repeat(4) + "ab".repeat(498))).isEmpty();
    assertThat(LEX.match("1a1b1c1d" + "links".repeat(198) + "dropboxlinkz")).isEmpty();
  }

  @Test
  void tenThousandTagsInOnePostAreAllAnswered() {
    String text = "#dr0pboxlinks #tag ".repeat(5_000);
    int matched = 0;
    for (Hashtags.Found f : Hashtags.find(text)) {
      matched += LEX.match(f.folded()).isPresent() ? 1 : 0;
    }
    assertThat(matched).isEqualTo(Hashtags.MAX_TAGS_PER_TEXT / 2);
  }
}
