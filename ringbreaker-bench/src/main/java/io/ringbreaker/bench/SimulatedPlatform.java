package io.ringbreaker.bench;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.engine.Engine;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The first {@code n} events of the seed-7 simulation, as records and as contract JSON lines, and
 * the lists {@code ringbreaker scan --lexicon sim/lexicon.csv --bank sim/bank.csv} would load.
 */
record SimulatedPlatform(List<Event> events, List<String> lines, List<LexiconTerm> lexicon, List<BankEntry> bank) {

  static final long SEED = 7;

  SimulatedPlatform {
    events = List.copyOf(events);
    lines = List.copyOf(lines);
    lexicon = List.copyOf(lexicon);
    bank = List.copyOf(bank);
  }

  static SimulatedPlatform generate(int n) {
    if (n < 1_000) {
      throw new IllegalArgumentException("events must be at least 1000, got " + n);
    }
    Simulator sim = new Simulator(SimConfig.ofEvents(SEED, n));
    List<Event> events = new ArrayList<>(n);
    List<String> lines = new ArrayList<>(n);
    for (Iterator<Event> it = sim.events(); it.hasNext() && events.size() < n; ) {
      Event e = it.next();
      events.add(e);
      lines.add(ContractJson.eventLine(e));
    }
    List<LexiconTerm> lexicon = new ArrayList<>(ListFiles.defaultLexicon());
    lexicon.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    List<BankEntry> bank = ListFiles.readBank(new StringReader(sim.bankCsv()), "bank.csv", "bank");
    return new SimulatedPlatform(events, lines, lexicon, bank);
  }

  /** An engine with no state yet, as {@code scan} builds it. */
  Engine newEngine() {
    return new Engine(lexicon, bank, RulePolicy.defaults());
  }

  /** Mean length of a JSON line, in characters (ASCII here, so bytes too). */
  double meanLineLength() {
    return lines.stream().mapToInt(String::length).average().orElse(0);
  }
}
