package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashtagsTest {

  private static List<String> tags(String text) {
    return Hashtags.find(text).stream().map(Hashtags.Found::raw).toList();
  }

  @Test
  void findsTagsInAnyScriptWithMarksDigitsAndUnderscores() {
    assertThat(tags("morning walk #sunrise #NoFilter")).containsExactly("sunrise", "NoFilter");
    assertThat(tags("#café #東京 #привет #नमस्ते #tag_2019")).containsExactly("café", "東京", "привет", "नमस्ते", "tag_2019");
    assertThat(tags("full width ＃ｔａｇ")).containsExactly("ｔａｇ");
  }

  @Test
  void keepsInvisibleJoinersInsideTheTagSoDisguisesStayVisible() {
    assertThat(tags("#drop\u200Bbox")).containsExactly("drop\u200Bbox");
  }

  @Test
  void ignoresHashesInsideWordsAndUrlsAndNumberOnlyTags() {
    assertThat(tags("https://mega.nz/folder/abc#keyXYZ and a#b and #2019 and C#")).isEmpty();
    assertThat(tags("see&#tag")).isEmpty();
  }

  @Test
  void spansPointAtTheRawText() {
    String text = "new #Tag here";
    Hashtags.Found f = Hashtags.find(text).getFirst();
    assertThat(text.substring(f.start(), f.end())).isEqualTo("#Tag");
    assertThat(f.folded()).isEqualTo("tag");
  }

  @Test
  void tenThousandTagsInOneTextAreCappedNotFatal() {
    String text = "#t ".repeat(10_000).replace("#t", "#tag");
    assertThat(Hashtags.find(text)).hasSize(Hashtags.MAX_TAGS_PER_TEXT);
  }

  @Test
  void oddUnicodeIsHandled() {
    assertThat(tags("#\uD800broken #ok")).containsExactly("ok");
    assertThat(tags("#\u202Eevil")).isEmpty();
    assertThat(tags("#")).isEmpty();
    assertThat(tags("##double")).isEmpty();
  }
}
