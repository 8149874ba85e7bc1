package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.sim.SimConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchRingCommandTest {

  @Test
  void printsEventsPerSecondTheReclusterTimesAndTheRingsFound() {
    MainTest.Run r = MainTest.run("bench", "ring", "--accounts", "2000", "--events", "40000");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    String out = r.out();
    assertThat(out).startsWith("ringbreaker bench ring · ")
        .contains("platform: 2,000 ordinary accounts, 2 rings of up to 12, ")
        .contains("simulator alone (the baseline): ", "the ring kept its id in ", "targets: pipeline >= 20,000 events/s");
    assertThat(number(out, "pipeline \\(parse \\+ engine\\):\\s+([\\d,]+) events/s")).isPositive();
    assertThat(number(out, "pipeline after the first 10% \\(warm-up\\):\\s+([\\d,]+) events/s")).isPositive();
    assertThat(number(out, "simulator alone \\(the baseline\\): [\\d,]+ events in [\\d.]+ s = ([\\d,]+) events/s")).isPositive();
    long events = (long) number(out, "events:\\s+([\\d,]+)");
    assertThat(events).as("about the events asked for").isBetween(30_000L, 50_000L);
    assertThat(number(out, "graph: ([\\d,]+) accounts")).as("every account is in the graph").isGreaterThanOrEqualTo(2_000);
    assertThat(number(out, "rings found: (\\d+)")).as("the simulated rings are found").isPositive();
    Matcher recluster = Pattern.compile("Engine\\.recluster\\(\\): median ([\\d.]+) ms, max ([\\d.]+) ms").matcher(out);
    assertThat(recluster.find()).as(out).isTrue();
    assertThat(Double.parseDouble(recluster.group(1))).isPositive()
        .isLessThanOrEqualTo(Double.parseDouble(recluster.group(2)));
    assertThat(out).as("a small platform re-clusters a neighbourhood well within a second")
        .contains("neighbourhood re-cluster < 1 s: met");
  }

  @Test
  void daysFollowTheEventsPerAccountAndRingsTheAccounts() {
    SimConfig full = BenchRingCommand.config(7, 1_000_000, 20_000_000);
    assertThat(full.ordinaryAccounts()).isEqualTo(1_000_000);
    assertThat(full.rings()).isEqualTo(40);
    assertThat(BenchRingCommand.expectedEvents(1_000_000, full.rings(), full.days()))
        .as("within a day's events of what was asked").isCloseTo(20_000_000, org.assertj.core.data.Offset.offset(2_300_000.0));
    assertThat(BenchRingCommand.config(7, 2_000, 40_000).rings()).isEqualTo(2);
  }

  @Test
  void helpShowsTheOptionsAndTheirDefaults() {
    MainTest.Run help = MainTest.run("bench", "ring", "--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: ringbreaker bench ring [", "--accounts=N", "1000000).",
        "--events=N", "20000000).", "the first 10% as");
    assertThat(help.err()).as("the description formats cleanly").isEmpty();
  }

  @Test
  void badOptionsAreExit2WithOneLine() {
    MainTest.Run negative = MainTest.run("bench", "ring", "--accounts=-5");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err().strip().lines()).singleElement().asString()
        .isEqualTo("ringbreaker bench ring: --accounts must be between 50 and 100,000,000, got -5");

    MainTest.Run negativeEvents = MainTest.run("bench", "ring", "--events=-1");
    assertThat(negativeEvents.exit()).isEqualTo(2);
    assertThat(negativeEvents.err()).isEqualTo("ringbreaker bench ring: --events must be positive, got -1"
        + System.lineSeparator());

    MainTest.Run fewer = MainTest.run("bench", "ring", "--accounts", "2000", "--events", "1000");
    assertThat(fewer.exit()).isEqualTo(2);
    assertThat(fewer.err().strip().lines()).singleElement().asString()
        .isEqualTo("ringbreaker bench ring: --events must be at least --accounts (every account does something), "
            + "got 1,000 events for 2,000 accounts");

    MainTest.Run underADay = MainTest.run("bench", "ring", "--accounts", "2000", "--events", "5000");
    assertThat(underADay.exit()).isEqualTo(2);
    assertThat(underADay.err()).startsWith("ringbreaker bench ring: --events 5,000 is less than one simulated day of 2,000 accounts");
    assertThat(underADay.out()).as("nothing measured").isEmpty();
  }

  private static double number(String printed, String regex) {
    Matcher m = Pattern.compile(regex).matcher(printed);
    assertThat(m.find()).as(regex + " in:\n" + printed).isTrue();
    return Double.parseDouble(m.group(1).replace(",", ""));
  }
}
