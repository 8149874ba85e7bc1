package io.ringbreaker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.model.Event;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {

  @TempDir
  Path tmp;

  @Test
  void theSameSeedWritesByteIdenticalFiles() throws IOException {
    Written a = new Simulator(SimConfig.defaults(42)).write(tmp.resolve("a"), n -> { });
    Written b = new Simulator(SimConfig.defaults(42)).write(tmp.resolve("b"), n -> { });
    assertThat(a.events()).isEqualTo(b.events());
    for (String f : List.of("events.jsonl", "truth.json", "lexicon.csv", "bank.csv")) {
      assertThat(Files.readAllBytes(a.dir().resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.dir().resolve(f)));
    }
  }

  @Test
  void differentSeedsGiveDifferentScenarios() throws IOException {
    Written a = new Simulator(SimConfig.defaults(42)).write(tmp.resolve("a"), n -> { });
    Written b = new Simulator(SimConfig.defaults(43)).write(tmp.resolve("b"), n -> { });
    assertThat(Files.readAllBytes(a.dir().resolve("events.jsonl")))
        .isNotEqualTo(Files.readAllBytes(b.dir().resolve("events.jsonl")));
    assertThat(Files.readString(a.dir().resolve("bank.csv"))).isNotEqualTo(Files.readString(b.dir().resolve("bank.csv")));
    assertThat(new Simulator(SimConfig.defaults(42)).truth().disguises())
        .isNotEqualTo(new Simulator(SimConfig.defaults(43)).truth().disguises());
  }

  @Test
  void eachCallToEventsReplaysTheSameStream() {
    Simulator sim = new Simulator(SimConfig.defaults(5));
    Iterator<Event> first = sim.events();
    Iterator<Event> second = sim.events();
    while (first.hasNext()) {
      assertThat(second.hasNext()).isTrue();
      assertThat(second.next()).isEqualTo(first.next());
    }
    assertThat(second.hasNext()).isFalse();
    assertThatThrownBy(first::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void everyWrittenLineIsAcceptedByTheContractParserAndReadsBackAsGenerated() throws IOException {
    Generated g = Generated.of(7);
    Written w = g.sim.write(tmp, n -> { });
    assertThat(w.events()).isEqualTo(g.events.size());
    int i = 0;
    try (BufferedReader in = Files.newBufferedReader(w.dir().resolve("events.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        ParseResult r = EventParser.parse(line);
        assertThat(r).as(line).isInstanceOf(ParseResult.Accepted.class);
        assertThat(((ParseResult.Accepted) r).event()).isEqualTo(g.events.get(i));
        assertThat(line).isEqualTo(ContractJson.eventLine(g.events.get(i)));
        i++;
      }
    }
    assertThat(i).isEqualTo(g.events.size());
  }

  @Test
  void eventsAreInTimeOrderWithUniqueIdsWithinTheScenarioDays() {
    Generated g = Generated.of(7);
    Set<String> ids = new HashSet<>();
    Set<String> postIds = new HashSet<>();
    Instant start = SimConfig.START_2019;
    Instant end = start.plusSeconds(30 * 86_400L);
    Instant last = Instant.MIN;
    for (Event e : g.events) {
      assertThat(ids.add(e.eventId())).as(e.eventId()).isTrue();
      assertThat(e.occurredAt()).isAfterOrEqualTo(last).isAfterOrEqualTo(start).isBefore(end);
      last = e.occurredAt();
      if (e.body() instanceof io.ringbreaker.model.EventBody.Post p) {
        assertThat(postIds.add(p.id())).as(p.id()).isTrue();
      }
      if (e.body() instanceof io.ringbreaker.model.EventBody.Comment c) {
        assertThat(postIds).as("comment %s answers a post seen before it", e.eventId()).contains(c.postId());
      }
    }
    assertThat(g.events.get(0).eventId()).isEqualTo("e1");
  }

  @Test
  void theDefaultScenarioHasTheSizeItPromises() {
    Generated g = Generated.of(7);
    assertThat(g.events).hasSizeBetween(30_000, 40_000);
    assertThat(g.truth.withRole(Truth.Role.RING)).hasSize(12 + 7 + 9 + 6);
    assertThat(g.truth.rings()).extracting(Truth.Ring::id).containsExactly("ring-1", "ring-2", "ring-3", "ring-4");
    assertThat(g.truth.rings()).extracting(r -> r.members().size()).containsExactly(12 + 2, 7 + 1, 9 + 1, 6 + 1);
    assertThat(g.truth.suspensions()).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(s -> assertThat(s.evader()).isPresent());
    long nonRing = g.truth.accounts().stream().filter(a -> !a.role().isRing()).count();
    assertThat(nonRing).isEqualTo(400);
  }

  @Test
  void writesTheLexiconAndTheBankOfKnownMedia() throws IOException {
    Generated g = Generated.of(7);
    List<Long> progress = new ArrayList<>();
    Written w = g.sim.write(tmp, progress::add);
    assertThat(progress).isNotEmpty().last().isEqualTo(w.events());

    assertThat(Files.readAllLines(tmp.resolve("lexicon.csv"))).containsExactly(
        "term,category,state", "dropboxlinks,trade_advert,watch", "dropboxpaper,brand,allowed");

    List<String> bank = Files.readAllLines(tmp.resolve("bank.csv"));
    assertThat(bank.get(0)).isEqualTo("signal_type,signal,label");
    assertThat(bank).hasSize(1 + 3 * g.truth.knownMedia().size());
    assertThat(g.truth.knownMedia()).hasSize(16);
    for (Truth.KnownMedia k : g.truth.knownMedia()) {
      assertThat(k.label()).startsWith("synthetic-known-");
      assertThat(k.pdq()).matches("[0-9a-f]{64}");
      assertThat(k.md5()).matches("[0-9a-f]{32}");
      assertThat(k.sha256()).matches("[0-9a-f]{64}");
      assertThat(bank).contains("md5," + k.md5() + "," + k.label(), "sha256," + k.sha256() + "," + k.label(),
          "pdq," + k.pdq() + "," + k.label());
    }
  }

  @Test
  void truthJsonReadsBackEqual() throws IOException {
    Generated g = Generated.of(7);
    Path file = tmp.resolve("truth.json");
    g.truth.write(file);
    Truth back = Truth.read(file);
    assertThat(back).isEqualTo(g.truth);
    assertThat(Files.readString(file)).contains("\"listed_tag\" : \"dropboxlinks\"", "\"messaging_only\"",
        "\"role\" : \"evader\"", "\"replaces\"", "\"reused\" : [ \"");
  }

  @Test
  void aTruthFileWrittenBeforeReusedWasRecordedReadsWithNothingReused() throws IOException {
    Generated g = Generated.of(7);
    com.fasterxml.jackson.databind.node.ObjectNode json = g.truth.toJson();
    json.get("suspensions").forEach(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove("reused"));
    Path file = tmp.resolve("truth.json");
    Files.writeString(file, json.toString());

    Truth back = Truth.read(file);

    assertThat(back.suspensions()).hasSize(g.truth.suspensions().size())
        .allSatisfy(s -> assertThat(s.reused()).isEmpty());
    assertThat(back.suspensions()).extracting(Truth.Suspension::evader)
        .isEqualTo(g.truth.suspensions().stream().map(Truth.Suspension::evader).toList());
  }

  @Test
  void aBrokenTruthFileIsRefusedWithTheFileName() throws IOException {
    Path file = tmp.resolve("truth.json");
    Files.writeString(file, "{\"listed_tag\":\"x\"}");
    assertThatThrownBy(() -> Truth.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("missing field config");
  }

  @Test
  void configRefusesImpossibleScenarios() {
    Instant s = SimConfig.START_2019;
    assertThatThrownBy(() -> new SimConfig(1, 10, 2, 12, 30, s))
        .hasMessage("ordinaryAccounts must be at least 50, got 10");
    assertThatThrownBy(() -> new SimConfig(1, 400, -1, 12, 30, s)).hasMessage("rings must not be negative, got -1");
    assertThatThrownBy(() -> new SimConfig(1, 400, 2, 2, 30, s)).hasMessage("ringSize must be at least 3, got 2");
    assertThatThrownBy(() -> new SimConfig(1, 400, 2, 12, 0, s)).hasMessage("days must be at least 1, got 0");
    assertThatThrownBy(() -> SimConfig.ofEvents(1, 10)).hasMessage("approxEvents must be at least 1000, got 10");
  }

  @Test
  void smallAndRinglessScenariosStillRun() {
    for (SimConfig cfg : List.of(new SimConfig(3, 50, 0, 3, 1, SimConfig.START_2019),
        new SimConfig(3, 50, 1, 3, 3, SimConfig.START_2019), new SimConfig(3, 60, 3, 5, 8, SimConfig.START_2019))) {
      Simulator sim = new Simulator(cfg);
      long n = 0;
      for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
        Event e = it.next();
        assertThat(EventParser.parse(ContractJson.eventLine(e))).as(cfg + " " + e)
            .isInstanceOf(ParseResult.Accepted.class);
        n++;
      }
      assertThat(n).as(cfg.toString()).isPositive();
      assertThat(sim.truth().restriction().day()).isLessThan(cfg.days());
    }
  }
}
