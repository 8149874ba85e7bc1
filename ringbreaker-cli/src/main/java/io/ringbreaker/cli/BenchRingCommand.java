package io.ringbreaker.cli;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.engine.Engine;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.SubjectType;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.sim.RingTouch;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ring", mixinStandardHelpOptions = true,
    header = "Engine events/s with the account graph on; time to re-cluster rings.",
    description = {"Simulates a platform of --accounts ordinary accounts (one ring per 25,000 of",
        "them, 2 to 40) over as many days as give about --events events, and streams",
        "its events, as contract JSON lines, into a parser and an engine built as",
        "`scan` builds it (shipped and simulated lexicons, the simulator's bank, the",
        "first policy), 2,000 events per Engine.applyAll; the engine keeps its account",
        "graph and re-clusters rings by itself every 20,000 events or quarter hour.",
        "Prints events/s through the pipeline, parsing and engine (whole run, and after the first 10%% as",
        "warm-up), the re-clusterings it did, graph size, heap in use, rings found.",
        "Then, on found rings in turn, 20 times: the time of Engine.recluster() after",
        "three new events touch one ring (a follow and a message between two members,",
        "a message from a member to an ordinary account).",
        "The baseline in the same run is the simulator alone: the same events",
        "generated and written as JSON lines, no parsing, no engine. The store is not",
        "in it (see `bench ingest` and docs/BENCHMARKS.md). At the defaults (1M accounts, 20M events) this takes",
        "many minutes and several GB of heap."})
final class BenchRingCommand implements Callable<Integer> {

  static final int BATCH = 2_000;
  static final int TRIALS = 20;
  static final double TARGET_EVENTS_PER_SECOND = 20_000;
  static final double TARGET_RECLUSTER_SECONDS = 1.0;

  // The simulator's volume model (io.ringbreaker.sim.Volume, package-private there): each account's
  // profile and first follows, then events per account per day, and per ring per day.
  /** The engine's state per account, measured here at 20,000 accounts over 5 days: for a heads-up on heap. */
  static final long STATE_BYTES_PER_ACCOUNT = 4_000;

  @Option(names = "--accounts", defaultValue = "1000000", paramLabel = "N",
      description = "Ordinary accounts on the simulated platform (default: ${DEFAULT-VALUE}).")
  long accounts;

  @Option(names = "--events", defaultValue = "20000000", paramLabel = "N",
      description = "About this many events; sets the number of simulated days (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The platform the options ask for: rings scale with the accounts, days with events per account. */
  static SimConfig config(long seed, long accounts, long events) {
    if (accounts < 50 || accounts > 100_000_000) {
      throw new UserError(String.format(Locale.ROOT, "--accounts must be between 50 and 100,000,000, got %,d", accounts));
    }
    if (events < 1) {
      throw new UserError(String.format(Locale.ROOT, "--events must be positive, got %,d", events));
    }
    if (events < accounts) {
      throw new UserError(String.format(Locale.ROOT,
          "--events must be at least --accounts (every account does something), got %,d events for %,d accounts",
          events, accounts));
    }
    int rings = rings(accounts);
    double oneDay = expectedEvents(accounts, rings, 1);
    if (events < oneDay) {
      throw new UserError(String.format(Locale.ROOT, "--events %,d is less than one simulated day of %,d accounts "
          + "(about %,.0f events: each account's profile and first follows, then a day of activity); "
          + "ask for more events or fewer accounts", events, accounts, oneDay));
    }
    long days = SimConfig.daysFor(accounts, rings, events);
    if (days > 3_650) {
      throw new UserError(String.format(Locale.ROOT, "--events %,d for %,d accounts is %,d simulated days; at most 3,650",
          events, accounts, days));
    }
    return new SimConfig(seed, (int) accounts, rings, 12, (int) days, SimConfig.START_2019);
  }

  static int rings(long accounts) {
    return (int) Math.max(2, Math.min(40, accounts / 25_000));
  }

  static double expectedEvents(long accounts, int rings, int days) {
    return SimConfig.expectedEvents(accounts, rings, days);
  }

  @Override
  public Integer call() {
    SimConfig cfg = config(seed, accounts, events);
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "ringbreaker bench ring · %d cores · Java %s · max heap %s%n",
        rt.availableProcessors(), Runtime.version(), ProgressLine.bytes(rt.maxMemory()));
    long heapBefore = heapAfterGc();
    Simulator sim = new Simulator(cfg);
    System.out.printf(Locale.ROOT, "platform: %,d ordinary accounts, %d rings of up to %d, %d days from %s (seed %d): "
            + "about %,.0f events%n", cfg.ordinaryAccounts(), cfg.rings(), cfg.ringSize(), cfg.days(),
        cfg.start().toString().substring(0, 10), cfg.seed(), expectedEvents(accounts, cfg.rings(), cfg.days()));
    Truth truth = sim.truth();
    int planted = truth.rings().size();
    // Ordinary accounts for the trials' messages from a ring member to someone outside it.
    List<String> ordinary = truth.withRole(Truth.Role.ORDINARY).stream().limit(TRIALS).map(Truth.Account::id).toList();
    if (accounts * STATE_BYTES_PER_ACCOUNT > 0.6 * rt.maxMemory()) {
      System.out.printf(Locale.ROOT, "heads-up: the engine keeps about %s per account (measured at 20,000 accounts over "
              + "5 days), %s here, and the heap is at most %s: if it runs short, set RINGBREAKER_JAVA_OPTS=-Xmx%dg%n",
          ProgressLine.bytes(STATE_BYTES_PER_ACCOUNT), ProgressLine.bytes(accounts * STATE_BYTES_PER_ACCOUNT),
          ProgressLine.bytes(rt.maxMemory()), (long) Math.ceil(2.0 * accounts * STATE_BYTES_PER_ACCOUNT / (1L << 30)));
    }
    ProgressLine progress = new ProgressLine(System.err);

    // The baseline: the simulator alone, every event generated and written as a line, no parsing, no engine.
    long t0 = System.nanoTime();
    long simulated = 0;
    long touched = 0;
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      touched += ContractJson.eventLine(it.next()).length();
      if ((++simulated & 0xffff) == 0) {
        progress.show(String.format(Locale.ROOT, "simulator alone: %,d events", simulated));
      }
    }
    double simSeconds = (System.nanoTime() - t0) / 1e9;
    progress.done();
    System.out.printf(Locale.ROOT, "%nsimulator alone (the baseline): %,d events in %.1f s = %,.0f events/s%n",
        simulated, simSeconds, simulated / simSeconds);
    if (touched == 0) {
      throw new IllegalStateException("the simulation produced no events");
    }

    Engine engine = newEngine(sim);
    System.out.printf(Locale.ROOT, "engine: %,d lexicon terms, %,d bank entries (the simulator's known media), policy %s%n",
        engine.lexicon().size(), engine.bankSize(), engine.policyVersion());
    Run run = stream(sim, engine, progress);
    sim = null; // only the engine's state is left to measure
    truth = null;

    long clusterings = engine.clusterings();
    double clusterSeconds = engine.clusterSeconds();
    long t1 = System.nanoTime();
    engine.recluster();
    double finalRecluster = (System.nanoTime() - t1) / 1e9;
    long heapAfter = heapAfterGc();
    List<Ring> rings = engine.rings();
    int graphAccounts = engine.graph().accounts();

    System.out.printf(Locale.ROOT, "%npipeline with the account graph (contract JSON lines parsed, then %,d per applyAll):%n", BATCH);
    System.out.printf(Locale.ROOT, "  events:                               %,d%n", run.events());
    System.out.printf(Locale.ROOT, "  pipeline (parse + engine):            %,10.0f events/s  (%.1f s)%n",
        run.events() / run.engineSeconds(), run.engineSeconds());
    System.out.printf(Locale.ROOT, "  pipeline after the first 10%% (warm-up): %,10.0f events/s%n", run.warmEventsPerSecond());
    System.out.printf(Locale.ROOT, "  whole stream (simulator + pipeline):  %,10.0f events/s  (%.1f s; the simulator "
            + "alone would take %.1f s of it, %.0f%%)%n", run.events() / run.wallSeconds(), run.wallSeconds(),
        simSeconds, 100 * simSeconds / run.wallSeconds());
    System.out.printf(Locale.ROOT, "  re-clusterings by the engine itself:  %,d, %.2f s in all, mean %.1f ms, longest %.1f ms "
            + "(ring finder time, in the engine time above)%n", clusterings, clusterSeconds,
        clusterings == 0 ? 0 : 1000 * clusterSeconds / clusterings, 1000 * run.longestCluster());
    System.out.printf(Locale.ROOT, "  final re-cluster after the last event: %.1f ms%n", 1000 * finalRecluster);
    System.out.printf(Locale.ROOT, "  graph: %,d accounts, %,d ties; heap in use after a GC: %s (%s more than before "
            + "the simulation: %,.0f bytes per graph account)%n", graphAccounts, engine.graph().ties(),
        ProgressLine.bytes(heapAfter), ProgressLine.bytes(heapAfter - heapBefore),
        graphAccounts == 0 ? 0.0 : (heapAfter - heapBefore) / (double) graphAccounts);
    long[] high = {0};
    engine.forEachVerdict(v -> {
      if (v.subject().type() == SubjectType.ACCOUNT && v.severity().atLeast(Severity.HIGH)) {
        high[0]++;
      }
    });
    System.out.printf(Locale.ROOT, "  rings found: %d (the simulation planted %d); %,d accounts at high or above "
        + "(the ring finder starts from those at high on their own evidence)%n", rings.size(), planted, high[0]);

    double eventsPerSecond = run.warmEventsPerSecond();
    if (rings.isEmpty()) {
      System.out.printf(Locale.ROOT, "%nno ring found: the neighbourhood re-cluster cannot be measured "
          + "(try more events: rings show after a few simulated days)%n");
      printTargets(eventsPerSecond, Optional.empty());
      return 1;
    }
    Trials trials = trials(engine, rings, ordinary, run.last());
    System.out.printf(Locale.ROOT, "%nre-clustering a changed neighbourhood (%d trials over %d rings: a follow and a "
        + "message between two members, a message from one to an ordinary account, then Engine.recluster()):%n",
        TRIALS, Math.min(TRIALS, rings.size()));
    System.out.printf(Locale.ROOT, "  Engine.recluster(): median %.2f ms, max %.2f ms; of it the ring finder: median "
            + "%.2f ms, max %.2f ms (the rest: members' verdicts and tag trends)%n",
        1000 * median(trials.seconds()), 1000 * max(trials.seconds()),
        1000 * median(trials.finderSeconds()), 1000 * max(trials.finderSeconds()));
    System.out.printf(Locale.ROOT, "  the ring kept its id in %d of %d trials%n", trials.kept(), TRIALS);
    printTargets(eventsPerSecond, Optional.of(max(trials.seconds())));
    return 0;
  }

  private static void printTargets(double eventsPerSecond, Optional<Double> reclusterMax) {
    System.out.printf(Locale.ROOT, "%ntargets: pipeline >= %,.0f events/s after warm-up: %s (%,.0f); "
            + "neighbourhood re-cluster < %.0f s: %s%n", TARGET_EVENTS_PER_SECOND,
        eventsPerSecond >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met", eventsPerSecond, TARGET_RECLUSTER_SECONDS,
        reclusterMax.map(s -> (s < TARGET_RECLUSTER_SECONDS ? "met" : "NOT met")
            + String.format(Locale.ROOT, " (max %.2f ms)", 1000 * s)).orElse("not measured"));
  }

  /** An engine as {@code scan --lexicon sim/lexicon.csv --bank sim/bank.csv} builds it in memory. */
  static Engine newEngine(Simulator sim) {
    List<LexiconTerm> terms = new ArrayList<>(ListFiles.defaultLexicon());
    terms.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    List<BankEntry> bank = ListFiles.readBank(new StringReader(sim.bankCsv()), "bank.csv", "bank");
    return new Engine(terms, Banks.of(List.of(), bank), RulePolicy.defaults()).readFileMedia(true);
  }

  /**
   * What the stream gave: events, time in applyAll and on the wall, the ring finder's longest
   * re-clustering, the last event's time, and the engine time when 10% of the events were in.
   */
  record Run(long events, double engineSeconds, double wallSeconds, double longestCluster, Instant last,
             long warmEvents, double warmSeconds) {
    double warmEventsPerSecond() {
      return warmSeconds <= 0 ? events / engineSeconds : warmEvents / warmSeconds;
    }
  }

  private static Run stream(Simulator sim, Engine engine, ProgressLine progress) {
    long[] engineNanosAt = new long[1024]; // engine time after each batch, for the warm-up cut
    long[] eventsAt = new long[1024];
    int batches = 0;
    long engineNanos = 0;
    long n = 0;
    double longest = 0;
    Instant last = Instant.EPOCH;
    // Events arrive as a platform sends them, contract JSON lines; parsing them is timed with the engine.
    List<String> lines = new ArrayList<>(BATCH);
    List<Event> batch = new ArrayList<>(BATCH);
    long wall0 = System.nanoTime();
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      Event e = it.next();
      lines.add(ContractJson.eventLine(e));
      if (e.occurredAt().isAfter(last)) {
        last = e.occurredAt();
      }
      if (lines.size() == BATCH || !it.hasNext()) {
        double finderBefore = engine.clusterSeconds();
        long t = System.nanoTime();
        for (String line : lines) {
          if (EventParser.parse(line) instanceof ParseResult.Accepted a) {
            batch.add(a.event());
          }
        }
        engine.applyAll(batch);
        engineNanos += System.nanoTime() - t;
        lines.clear();
        longest = Math.max(longest, engine.clusterSeconds() - finderBefore);
        n += batch.size();
        batch.clear();
        if (batches == engineNanosAt.length) {
          engineNanosAt = Arrays.copyOf(engineNanosAt, batches * 2);
          eventsAt = Arrays.copyOf(eventsAt, batches * 2);
        }
        engineNanosAt[batches] = engineNanos;
        eventsAt[batches++] = n;
        progress.show(String.format(Locale.ROOT, "engine: %,d events · %,.0f events/s · %d rings · %,d accounts · %,d ties",
            n, n / (engineNanos / 1e9), engine.rings().size(), engine.graph().accounts(), engine.graph().ties()));
      }
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    progress.done();
    if (n == 0) {
      throw new IllegalStateException("the simulation produced no events");
    }
    // The first batch at or past 10% of the events ends the warm-up.
    int cut = 0;
    while (cut < batches - 1 && eventsAt[cut] < n / 10) {
      cut++;
    }
    long warmEvents = n - eventsAt[cut];
    double warmSeconds = (engineNanos - engineNanosAt[cut]) / 1e9;
    return new Run(n, engineNanos / 1e9, wall, longest, last, warmEvents, warmSeconds);
  }

  /** Each trial's Engine.recluster() time, the ring finder's part of it, and how often the ring kept its id. */
  record Trials(double[] seconds, double[] finderSeconds, int kept) {}

  /**
   * Touches one found ring per trial (the rings in turn) with three new events just after the
   * last one, and times the re-cluster that follows. Ids start with {@code bench-ring-}, which the
   * simulator never uses; the events go through {@link Engine#apply}, which never re-clusters by itself.
   */
  static Trials trials(Engine engine, List<Ring> rings, List<String> ordinary, Instant last) {
    double[] seconds = new double[TRIALS];
    double[] finder = new double[TRIALS];
    int kept = 0;
    for (int t = 0; t < TRIALS; t++) {
      Ring ring = rings.get(t % rings.size());
      for (Event e : RingTouch.events(ring.accounts(), ordinary.get(t % ordinary.size()), t, last.plusSeconds(1 + 10L * t))) {
        engine.apply(e);
      }
      double finderBefore = engine.clusterSeconds();
      long t0 = System.nanoTime();
      engine.recluster();
      seconds[t] = (System.nanoTime() - t0) / 1e9;
      finder[t] = engine.clusterSeconds() - finderBefore;
      if (engine.ring(ring.id()).isPresent()) {
        kept++;
      }
    }
    return new Trials(seconds, finder, kept);
  }

  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }
}
