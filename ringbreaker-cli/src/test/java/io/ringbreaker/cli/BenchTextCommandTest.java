package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.model.LexiconTerm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchTextCommandTest {

  @Test
  void printsTheFullPassTheBaselinesTheRatioAndTheAllThreadsFigure() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = new CommandLine(new BenchTextCommand())
          .execute("--texts", "2000", "--terms", "500", "--threads", "2", "--passes", "1");
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed).startsWith("ringbreaker bench text · ")
        .contains("lexicon: 500 terms", "texts: 2,000 simulated", "ratio: full pass / java.util.regex baseline = ",
            "full pass / RE2/J baseline = ", "2 threads");
    assertThat(rate(printed, "full text pass:")).isPositive();
    assertThat(rate(printed, "baseline, java.util.regex alternation:")).isPositive();
    assertThat(rate(printed, "baseline, RE2/J alternation:")).isPositive();
    assertThat(printed).as("the simulated texts carry signals: the pass does real work")
        .doesNotContain("(0.0 signals per 1,000 texts)");
  }

  @Test
  void lexiconIsTheShippedTermsThenDistinctInventedWords() {
    List<LexiconTerm> terms = BenchTextCommand.lexicon(10_000);
    assertThat(terms).hasSize(10_000);
    assertThat(terms.stream().map(LexiconTerm::term).distinct()).hasSize(10_000);
    assertThat(terms).startsWith(BenchTextCommand.shippedTerms().toArray(LexiconTerm[]::new));
    assertThat(BenchTextCommand.lexicon(10_000)).as("fixed seed").isEqualTo(terms);
    Random r = new Random(1);
    for (int i = 0; i < 1_000; i++) {
      assertThat(BenchTextCommand.inventedWord(r)).matches("[a-z]{6,14}");
    }
  }

  @Test
  void badNumbersAreAUsageError() {
    BenchTextCommand c = new BenchTextCommand();
    new CommandLine(c).parseArgs("--texts", "0");
    assertThatThrownBy(c::call).isInstanceOf(UserError.class)
        .hasMessage("--texts, --terms, --passes and --threads must be at least 1");
  }

  private static double rate(String printed, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+([\\d,]+) texts/s").matcher(printed);
    assertThat(m.find()).as(label + " in:\n" + printed).isTrue();
    return Double.parseDouble(m.group(1).replace(",", ""));
  }
}
