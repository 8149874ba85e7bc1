package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LexiconTest {

  private static final Lexicon LEX = Lexicon.of(List.of(
      new LexiconTerm("dropboxlinks", "trade", TagState.BLOCKED),
      new LexiconTerm("foldertrade", "trade", TagState.WATCH),
      new LexiconTerm("tagx", "trade", TagState.RESTRICTED),
      new LexiconTerm("dropbox", "brand", TagState.ALLOWED),
      new LexiconTerm("dropboxpaper", "brand", TagState.ALLOWED)));

  private static String how(String tag) {
    return LEX.match(Hashtags.fold(tag)).map(m -> m.term().term() + "/" + m.how()).orElse("none");
  }

  @Test
  void exactIsTheFoldedSpelling() {
    assertThat(how("DropboxLinks")).isEqualTo("dropboxlinks/exact");
    assertThat(how("dropbox")).isEqualTo("dropbox/exact"); // allowed terms answer too: the caller decides
  }

  @Test
  void normalizedIsADisguisedSpellingOfTheWholeTag() {
    assertThat(how("dr0pb0x_l1nks")).isEqualTo("dropboxlinks/normalized");
    assertThat(how("ԁгорЬохlinks")).isEqualTo("dropboxlinks/normalized");
    assertThat(how("drop\u200Bboxxxlinks")).isEqualTo("dropboxlinks/normalized");
  }

  @Test
  void decoratedIsTheTermWithDecorationWordsOrNumbersAround() {
    assertThat(how("dropboxlinks2019")).isEqualTo("dropboxlinks/decorated");
    assertThat(how("new_dropboxlinks_4trade")).isEqualTo("dropboxlinks/decorated");
    assertThat(how("2020foldertradeonly")).isEqualTo("foldertrade/decorated");
    assertThat(how("dropboxlinksale")).isEqualTo("dropboxlinks/decorated"); // links+sale share an s
    assertThat(how("tagx123")).isEqualTo("tagx/decorated");
  }

  @Test
  void aTermInsideALongerOrdinaryWordIsNoMatch() {
    assertThat(how("dropboxlinksbelow")).isEqualTo("none");
    assertThat(how("foldertrader2")).isEqualTo("none");
    assertThat(how("foldertradesmen")).isEqualTo("none");
    assertThat(how("supertagxbox")).isEqualTo("none");
  }

  @Test
  void nearIsASmallEditDistanceScaledWithLength() {
    assertThat(how("dropboxlnks")).isEqualTo("dropboxlinks/near");     // dropped letter
    assertThat(how("dropboxlniks")).isEqualTo("dropboxlinks/near");    // swapped letters
    assertThat(how("droboxlinks2020")).isEqualTo("dropboxlinks/near"); // near plus decoration
    assertThat(how("foldrtrade")).isEqualTo("foldertrade/near");
    assertThat(how("tagy")).isEqualTo("none");                         // short terms: exact only
    assertThat(how("dropboxlin")).isEqualTo("none");                   // three edits away
  }

  @Test
  void allowedTermsWin() {
    assertThat(how("Dropbox_Paper")).isEqualTo("dropboxpaper/normalized");
    assertThat(how("dropboxpaper2020")).isEqualTo("none");   // allowed, decorated: no listed term
    assertThat(how("dropboxpapers")).isEqualTo("none");      // near the allowed term only
    Lexicon listedDropbox = LEX.withState("dropbox", TagState.BLOCKED, "x")
        .with(List.of(new LexiconTerm("dropboxpaper", "brand", TagState.ALLOWED)));
    // "dropbox" listed now, but the brand's own "dropboxpaper" covers it and reaches beyond
    assertThat(listedDropbox.match("dropboxpaper2020")).isEmpty();
    assertThat(listedDropbox.match("dropbox2020").map(Lexicon.Match::how)).contains("decorated");
  }

  @Test
  void allowedStateOfTheSameNormalFormWins() {
    Lexicon lex = Lexicon.of(List.of(new LexiconTerm("foldertrade", "trade", TagState.BLOCKED),
        new LexiconTerm("folder_trade", "ok", TagState.ALLOWED)));
    assertThat(lex.match("f0ldertrade").map(m -> m.term().state())).contains(TagState.ALLOWED);
  }

  @Test
  void snapshotsAreImmutableAndKeepTheEngineApi() {
    Lexicon a = Lexicon.of(List.of(new LexiconTerm("FolderTrade", "trade", TagState.WATCH)));
    Lexicon b = a.withState("foldertrade", TagState.BLOCKED, "ignored");
    Lexicon c = b.withState("newterm", TagState.RESTRICTED, "platform");
    assertThat(a.term("foldertrade").map(LexiconTerm::state)).contains(TagState.WATCH);
    assertThat(b.term("FOLDERTRADE").map(LexiconTerm::state)).contains(TagState.BLOCKED);
    assertThat(c.term("newterm").map(LexiconTerm::category)).contains("platform");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.terms()).extracting(LexiconTerm::term).containsExactlyInAnyOrder("foldertrade", "newterm");
    assertThat(b.match("f0ldertrade").map(m -> m.term().state())).contains(TagState.BLOCKED);
    assertThat(a.match("f0ldertrade").map(m -> m.term().state())).contains(TagState.WATCH);
  }

  @Test
  void findsTermsInRunningTextWithRawSpans() {
    String text = "folders here: Drop Box . Links and d\u200Br0pb0x_links, not dropboxlinksbelow or dropboxpaper";
    List<Lexicon.Found> found = LEX.find(text);
    assertThat(found).hasSize(2);
    assertThat(text.substring(found.get(0).start(), found.get(0).end())).isEqualTo("Drop Box . Links");
    assertThat(text.substring(found.get(1).start(), found.get(1).end())).isEqualTo("d\u200Br0pb0x_links");
    assertThat(found).allMatch(f -> f.term().term().equals("dropboxlinks"));
    assertThat(LEX.find("")).isEmpty();
  }

  @Test
  void tenThousandTermsAndTenThousandTagsStayCheap() {
    List<LexiconTerm> terms = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      terms.add(new LexiconTerm("term" + Integer.toString(i * 7919, 36) + "word", "x", TagState.WATCH));
    }
    terms.add(new LexiconTerm("dropboxlinks", "trade", TagState.BLOCKED));
    Lexicon big = Lexicon.of(terms);
    long b0 = System.nanoTime();
    big.match("warm-up builds the index");
    long build = System.nanoTime() - b0;
    int matched = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      Optional<Lexicon.Match> m = big.match(i % 2 == 0 ? "dr0pb0xlinks" + i : "sunset" + i);
      matched += m.isPresent() ? 1 : 0;
    }
    long ns = System.nanoTime() - t0;
    System.out.printf("lexicon of %d terms: index built in %.1f ms, 10000 tags matched in %.1f ms%n",
        big.size(), build / 1e6, ns / 1e6);
    assertThat(matched).isEqualTo(5_000);
    assertThat(big.match("term" + Integer.toString(5 * 7919, 36) + "word").map(Lexicon.Match::how)).contains("exact");
  }
}
