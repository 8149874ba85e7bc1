package io.ringbreaker.detect.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.lists.ListFormatException;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.Signal;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhraseRulesTest {

  static final Event EVENT = new Event("e1", Instant.parse("2019-01-02T09:00:00Z"), "u1",
      new EventBody.Comment("c1", "p1", "x"));

  static List<Signal> scan(PhraseRules rules, String text) {
    List<Signal> out = new ArrayList<>();
    new PhraseDetector(() -> rules).scan(EVENT, new TextField("comment.text", text), out::add);
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "new stuff, DM me|invite_dm|DM me",
      "you send first then I do|send_first|you send first",
      "serious traders only pls|serious_only|serious traders only",
      "link in bio|check_bio|link in bio",
      "add me on kik|add_me_on|add me on kik",
      "who wants to trade?|want_trade|who wants to trade",
      "fresh folders, inbox me|offer_folders|fresh folders",
  })
  void theDefaultRulesFindTradeTalkWithItsSpan(String text, String rule, String evidence) {
    List<Signal> found = scan(PhraseRules.defaults(), text);
    assertThat(found).extracting(Signal::value).contains(rule);
    Signal s = found.stream().filter(x -> x.value().equals(rule)).findFirst().orElseThrow();
    assertThat(text.substring(s.span().orElseThrow().start(), s.span().orElseThrow().end())).isEqualTo(evidence);
    assertThat(s.kind()).isEqualTo("trade.phrase");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lovely light this morning", "where was this taken?", "traders of the lost ark",
      "my bio teacher was great", "send me the agenda before the meeting", "the first snow"})
  void everydayTextIsNotTradeTalk(String text) {
    assertThat(scan(PhraseRules.defaults(), text)).isEmpty();
  }

  @Test
  void aBadRuleFileNamesTheLineAndColumn() {
    assertThatThrownBy(() -> PhraseRules.read(new StringReader("id,category,pattern\nok,x,abc\nbad,x,(unclosed\n"),
        "phrases.csv")).isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith("phrases.csv line 3, column pattern: not a valid RE2 pattern");
    assertThatThrownBy(() -> PhraseRules.read(new StringReader("id,pattern\na,b\n"), "p.csv"))
        .hasMessage("p.csv: header must be id,category,pattern (missing category)");
    assertThatThrownBy(() -> PhraseRules.read(new StringReader("id,category,pattern\na,x,b\na,x,c\n"), "p.csv"))
        .hasMessage("p.csv line 3, column id: 'a' is used twice");
  }

  @Test
  void aRuleRunsOnlyWhereOneOfItsTriggersAppears() {
    PhraseRules rules = PhraseRules.read(new StringReader(
        "id,category,triggers,pattern\ngated,x,swap,\\bfolders?\\b\nopen,x,,\\bfolders?\\b\n"), "p.csv");
    assertThat(scan(rules, "new folders")).extracting(Signal::value).containsExactly("open");
    assertThat(scan(rules, "SWAP folders")).extracting(Signal::value).containsExactly("gated", "open");
  }

  @Test
  void aPathologicalPatternOnAHugeTextEndsInLinearTime() {
    // (a*)*b is exponential for backtracking engines on a text of a's; RE2 answers in one pass.
    PhraseRules rules = PhraseRules.read(new StringReader("id,category,pattern\nnasty,x,(a*)*b\n"), "p.csv");
    assertThat(scan(rules, "a".repeat(1 << 20))).isEmpty();
  }

  @Test
  void oddUnicodeIsHandled() {
    assertThat(scan(PhraseRules.defaults(), "\u202Edm me\u202C \uD800 text")).extracting(Signal::value)
        .contains("invite_dm");
  }

  @Test
  void aChangedFileIsReloadedAndABrokenOneKeepsTheRulesInForce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("phrases.csv");
    Files.writeString(file, "id,category,pattern\nhello,x,\\bhello\\b\n");
    List<String> problems = new ArrayList<>();
    PhraseRulesFile rules = new PhraseRulesFile(file, problems::add, 0);
    assertThat(rules.get().rules()).extracting(PhraseRules.Rule::id).containsExactly("hello");

    Files.writeString(file, "id,category,pattern\nbye,x,\\bbye\\b\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(rules.get().rules()).extracting(PhraseRules.Rule::id).containsExactly("bye");

    Files.writeString(file, "id,category,pattern\nbroken,x,(\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
    assertThat(rules.get().rules()).extracting(PhraseRules.Rule::id).containsExactly("bye");
    assertThat(problems).singleElement().asString().contains("previous rules stay in force", "line 2");
  }
}
