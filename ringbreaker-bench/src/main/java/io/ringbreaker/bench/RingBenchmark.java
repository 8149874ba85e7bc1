package io.ringbreaker.bench;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.engine.Engine;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.sim.RingTouch;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine with its account graph on, over a simulated platform of {@code accounts} ordinary
 * accounts and {@code days} days (two rings of up to 12; about 32 events per account at 10 days):
 * <ul>
 *   <li>{@code applyWithGraph}: events per second through {@link Engine#applyAll}, {@value #BATCH}
 *       events a call, re-clustering by itself as it does in production. The engine starts already
 *       fed the first day (profiles, first follows, the first day's activity; not measured), then
 *       takes the following days in order, so every event is new to it and the graph is a
 *       platform's, not an empty one. When the days run out, a fresh engine is fed the first day
 *       again between two calls (a per-invocation setup, outside the measured time: each call is
 *       tens of milliseconds, so its timestamps cost nothing to speak of).
 *   <li>{@code reclusterNeighbourhood}: the time of {@link Engine#recluster} after three new events
 *       touch one found ring (a follow and a message between two members, a message from one to
 *       an ordinary account), on an engine fed the whole platform. The rings take turns; each
 *       operation's events are a second after the last, with ids the simulator never uses.
 * </ul>
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class RingBenchmark {

  static final int BATCH = 2_000;
  static final long SEED = 7;

  @Param("20000")
  public int accounts;

  @Param("10")
  public int days;

  private SimulatedPlatform platform;
  private List<List<Event>> batches;
  /** Batches before this one are the first day's: fed to each fresh engine before measuring. */
  private int firstMeasured;
  /** Batches measured end before this one: the last, when short, would not be {@value #BATCH} operations. */
  private int measuredEnd;
  private Instant last;
  private List<String> ordinary;

  @Setup(Level.Trial)
  public void simulate() {
    SimConfig cfg = new SimConfig(SEED, accounts, 2, 12, days, SimConfig.START_2019);
    Simulator sim = new Simulator(cfg);
    List<Event> events = new ArrayList<>();
    for (Iterator<Event> it = sim.events(); it.hasNext(); ) {
      events.add(it.next());
    }
    List<LexiconTerm> lexicon = new ArrayList<>(ListFiles.defaultLexicon());
    lexicon.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    platform = new SimulatedPlatform(events, List.of(), lexicon,
        ListFiles.readBank(new StringReader(sim.bankCsv()), "bank.csv", "bank"));
    Instant dayOne = cfg.start().plus(Duration.ofDays(1));
    batches = new ArrayList<>();
    firstMeasured = -1;
    for (int i = 0; i < events.size(); i += BATCH) {
      if (firstMeasured < 0 && !events.get(i).occurredAt().isBefore(dayOne)) {
        firstMeasured = batches.size();
      }
      batches.add(List.copyOf(events.subList(i, Math.min(events.size(), i + BATCH))));
    }
    if (firstMeasured < 0 || firstMeasured >= batches.size() - 1 || days < 2) {
      throw new IllegalArgumentException("days must be at least 2 (the first is fed before measuring), got " + days);
    }
    measuredEnd = batches.getLast().size() == BATCH ? batches.size() : batches.size() - 1;
    last = events.getLast().occurredAt();
    ordinary = sim.truth().withRole(Truth.Role.ORDINARY).stream().limit(64).map(Truth.Account::id).toList();
  }

  /** An engine fed the first day, and where it is in the following days. */
  @State(Scope.Thread)
  public static class Stream {
    Engine engine;
    int next;

    /** A fresh engine, fed the first day, when there is none yet or the days ran out. */
    @Setup(Level.Invocation)
    public void engineWithEventsLeft(RingBenchmark b) {
      if (engine != null && next < b.measuredEnd) {
        return;
      }
      engine = b.platform.newEngine();
      for (int i = 0; i < b.firstMeasured; i++) {
        engine.applyAll(b.batches.get(i));
      }
      next = b.firstMeasured;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public long applyWithGraph(Stream s) {
    s.engine.applyAll(batches.get(s.next++));
    return s.engine.eventsApplied();
  }

  /** An engine fed the whole platform and re-clustered, its rings, and the next operation's number. */
  @State(Scope.Thread)
  public static class Fed {
    Engine engine;
    List<Ring> rings;
    int op;

    @Setup(Level.Trial)
    public void feed(RingBenchmark b) {
      engine = b.platform.newEngine();
      b.batches.forEach(engine::applyAll);
      engine.recluster();
      rings = engine.rings();
      if (rings.isEmpty()) {
        throw new IllegalStateException("no ring found in " + b.accounts + " accounts over " + b.days
            + " days: nothing to re-cluster");
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long reclusterNeighbourhood(Fed f) {
    int op = f.op++;
    for (Event e : RingTouch.events(f.rings.get(op % f.rings.size()).accounts(), ordinary.get(op % ordinary.size()), op,
        last.plusSeconds(1 + op))) {
      f.engine.apply(e); // apply, unlike applyAll, never re-clusters by itself
    }
    f.engine.recluster();
    return f.engine.clusterings();
  }

  // For a setup test.

  int batches() {
    return batches.size();
  }

  int firstMeasured() {
    return firstMeasured;
  }

  int measuredEnd() {
    return measuredEnd;
  }
}
