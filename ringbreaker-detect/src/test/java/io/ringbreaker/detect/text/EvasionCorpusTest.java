package io.ringbreaker.detect.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The project's evasion corpus (test data, never read by main code): disguised spellings of
 * placeholder listed terms must match their term, innocent look-alikes must match nothing.
 */
class EvasionCorpusTest {

  static final Lexicon LEXICON = Lexicon.of(List.of(
      new LexiconTerm("dropboxlinks", "trade", TagState.BLOCKED),
      new LexiconTerm("exampletradetag", "trade", TagState.RESTRICTED),
      new LexiconTerm("foldertrade", "trade", TagState.WATCH),
      new LexiconTerm("samplevaultcode", "trade", TagState.BLOCKED),
      // a brand's own tags
      new LexiconTerm("dropbox", "brand", TagState.ALLOWED),
      new LexiconTerm("dropboxpaper", "brand", TagState.ALLOWED)));

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = EvasionCorpusTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank() && !l.startsWith("#")) {
          out.add(l);
        }
      }
      return out;
    }
  }

  private static Optional<Lexicon.Match> listed(String tag) {
    return LEXICON.match(Hashtags.fold(tag)).filter(m -> m.term().state() != TagState.ALLOWED);
  }

  @Test
  void disguisesMatchTheirTermAndInnocentLookAlikesMatchNothing() throws IOException {
    List<String> disguises = lines("/evasion/disguises.txt");
    List<String> innocent = lines("/evasion/innocent.txt");
    assertThat(disguises).hasSizeGreaterThanOrEqualTo(300);
    assertThat(innocent).hasSizeGreaterThanOrEqualTo(300);

    int matched = 0;
    List<String> missed = new ArrayList<>();
    for (String line : disguises) {
      String[] f = line.split("\t");
      assertThat(f).as(line).hasSize(2);
      Optional<Lexicon.Match> m = listed(f[0]);
      if (m.isPresent() && m.get().term().term().equals(f[1])) {
        matched++;
      } else {
        missed.add(f[0] + " -> " + m.map(x -> x.term().term()).orElse("nothing"));
      }
    }
    int falseMatches = 0;
    List<String> wrong = new ArrayList<>();
    for (String tag : innocent) {
      Optional<Lexicon.Match> m = listed(tag);
      if (m.isPresent()) {
        falseMatches++;
        wrong.add(tag + " -> " + m.get().term().term() + " (" + m.get().how() + ")");
      }
    }
    double matchRate = 100.0 * matched / disguises.size();
    double falseRate = 100.0 * falseMatches / innocent.size();
    System.out.printf("evasion corpus: %d/%d disguises matched (%.1f%%), %d/%d innocent matched (%.1f%%)%n",
        matched, disguises.size(), matchRate, falseMatches, innocent.size(), falseRate);
    if (!missed.isEmpty()) {
      System.out.println("missed disguises: " + missed);
    }
    if (!wrong.isEmpty()) {
      System.out.println("innocent matched: " + wrong);
    }
    assertThat(matchRate).as("disguises matched, missed: %s", missed).isGreaterThanOrEqualTo(99.0);
    assertThat(falseRate).as("innocent false matches: %s", wrong).isLessThanOrEqualTo(0.5);
  }

  @Test
  void everyDisguiseClassIsInTheCorpus() throws IOException {
    String all = String.join("\n", lines("/evasion/disguises.txt"));
    assertThat(all).contains("\u200B").contains("\u0430").contains("\u03BF").contains("\uFF44").contains("_")
        .contains("0").contains("2020").contains("4trade").containsPattern("ooo");
  }
}
