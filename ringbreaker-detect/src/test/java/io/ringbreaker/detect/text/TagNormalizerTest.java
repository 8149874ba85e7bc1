package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagNormalizerTest {

  private static String fold(String s) {
    return TagNormalizer.fold(s);
  }

  @Test
  void step1NfkcCaseFoldFoldsCaseFullWidthAndStyledLetters() {
    assertThat(fold("DropBox")).isEqualTo("dropbox");
    assertThat(fold("\uFF44\uFF52\uFF4F\uFF50")).isEqualTo("drop");          // ｄｒｏｐ
    assertThat(fold("\uD835\uDC1D\uD835\uDC2B\uD835\uDC28\uD835\uDC29")).isEqualTo("drop"); // bold
    assertThat(fold("\u24D3\u24E1\u24DE\u24DF")).isEqualTo("drop");          // circled
    assertThat(fold("STRASSE")).isEqualTo(fold("straße"));
  }

  @Test
  void step2InvisibleAndFormatCharactersAreRemoved() {
    assertThat(fold("drop\u200Bbox")).isEqualTo("dropbox");
    assertThat(fold("d\u200Cr\u200Do\u2060p\uFEFFb\u00ADox")).isEqualTo("dropbox");
    assertThat(fold("drop\uFE0Fbox")).isEqualTo("dropbox");                 // variation selector
    assertThat(fold("\u202Edropbox\u202C")).isEqualTo("dropbox");           // bidi override
  }

  @Test
  void step3LookAlikesFromOtherScriptsAndDiacriticsFoldToLatin() {
    assertThat(fold("\u0501\u0433\u043E\u0440\u042C\u043E\u0445")).isEqualTo("dropbox"); // Cyrillic
    assertThat(fold("dr\u03BFpb\u03BFx")).isEqualTo("dropbox");                         // Greek omicron
    assertThat(fold("dröpböx")).isEqualTo("dropbox");
    assertThat(fold("dro\u0302pbox")).isEqualTo("dropbox");                             // combining
  }

  @Test
  void step4DigitsAndSymbolsUsedAsLettersAreRead() {
    assertThat(fold("dr0pb0x")).isEqualTo("dropbox");
    assertThat(fold("3x4mp73")).isEqualTo("exarnpte"); // the skeleton of m is rn, on both sides
    assertThat(fold("3x4mp73")).isEqualTo(fold("exampte"));
    assertThat(fold("@$!|")).isEqualTo("asil");
    assertThat(fold("8ig")).isEqualTo("big");
    assertThat(fold("9o")).isEqualTo("go");
  }

  @Test
  void digitOneIsReadAsBothLAndI() {
    TagNormalizer.Normalized n = TagNormalizer.normalize("1ink1");
    List<String> forms = n.variants().stream().map(TagNormalizer.Normalized::text).toList();
    assertThat(forms).containsExactlyInAnyOrder("linkl", "inkl", "linki", "inki");
    assertThat(forms.getFirst()).isEqualTo(n.text());
    // many ambiguous ones: still bounded
    assertThat(TagNormalizer.normalize("1a1b1c1d1e1f1g").variants()).hasSize(2);
  }

  @Test
  void step5SeparatorsAreDropped() {
    assertThat(fold("drop_box.links-2·x y")).isEqualTo("dropboxlinks2xy");
    assertThat(fold("d#r%o(p)")).isEqualTo("drop");
  }

  @Test
  void step6RunsOfOneLetterCollapse() {
    assertThat(fold("drooooopbbox")).isEqualTo("dropbox");
    assertThat(fold("dr00opbox")).isEqualTo("dropbox"); // 0 becomes o, then the run collapses
    assertThat(fold("and dropbox")).isEqualTo("anddropbox");  // not across white space
  }

  @Test
  void theOrderIsFixedSoAllStepsCombine() {
    assertThat(fold("Ｄ\u200Br\u043E\u043E0_p-b\u00F6x")).isEqualTo("dropbox");
  }

  @Test
  void everyFoldedCharacterMapsBackToItsRawSpan() {
    String raw = "x_Ｄ\u200Broooop\uD835\uDC1B";
    TagNormalizer.Normalized n = TagNormalizer.normalize(raw);
    assertThat(n.text()).isEqualTo("xdropb");
    assertThat(raw.substring(n.rawStart(0), n.rawEnd(0))).isEqualTo("x");
    assertThat(raw.substring(n.rawStart(1), n.rawEnd(1))).isEqualTo("Ｄ");
    assertThat(raw.substring(n.rawStart(3), n.rawEnd(3))).isEqualTo("oooo");
    assertThat(raw.substring(n.rawStart(5), n.rawEnd(5))).isEqualTo("\uD835\uDC1B");
    int[] span = n.rawSpan(1, 5);
    assertThat(raw.substring(span[0], span[1])).isEqualTo("Ｄ\u200Broooop");
    assertThatThrownBy(() -> n.rawSpan(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void digitOriginIsKept() {
    TagNormalizer.Normalized n = TagNormalizer.normalize("ab2019");
    assertThat(n.text()).isEqualTo("ab2olg");
    assertThat(n.fromDigit(1)).isFalse();
    assertThat(n.fromDigit(2)).isTrue();
    assertThat(n.fromDigit(5)).isTrue();
  }

  @Test
  void badInputFoldsWithoutFailing() {
    assertThat(fold("")).isEmpty();
    assertThat(fold("\uD800ab\uDC00")).isEqualTo("ab");                 // unpaired surrogates
    assertThat(fold("\u0000\u0007\u202E\u2066")).isEmpty();              // controls, bidi
    assertThat(fold("e" + "\u0301".repeat(10_000))).isEqualTo("e");      // endless marks
    String big = "drop box ".repeat(120_000);                            // ~1 MiB
    TagNormalizer.Normalized n = TagNormalizer.normalize(big);
    assertThat(n.length()).isEqualTo(7 * 120_000); // no run crosses "x d"
    assertThat(n.rawEnd(n.length() - 1)).isEqualTo(big.length() - 1);
  }
}
