package io.ringbreaker.bench;

import io.ringbreaker.engine.Engine;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through the in-memory pipeline, one event per operation, over the simulated
 * platform's events in time order:
 * <ul>
 *   <li>{@code parse}: the baseline, {@link EventParser#parse(String)} of the contract JSON line;
 *   <li>{@code apply}: {@link Engine#apply} of an already parsed event (detect, attach, policy, verdict);
 *   <li>{@code parseAndApply}: both, what {@code ringbreaker scan} does per line.
 * </ul>
 * Each iteration starts from an empty engine, and the engine is replaced again when the events run
 * out and start over, so no event is ever applied twice to the same state (a replayed event only
 * repeats known evidence, which is cheaper and would flatter the figure).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Three warm-up iterations: parseAndApply is one large compilation unit and C2 takes ~4 s on 2 busy cores.
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class IngestBenchmark {

  /** About how many simulated events to cycle through (the seed-7 scenario of 200k has 199,136). */
  @Param("200000")
  public int events;

  private Event[] parsed;
  private String[] lines;
  private SimulatedPlatform platform;
  private Engine engine;
  private int next;

  @Setup(Level.Trial)
  public void simulate() {
    platform = SimulatedPlatform.generate(events);
    parsed = platform.events().toArray(Event[]::new);
    lines = platform.lines().toArray(String[]::new);
  }

  @Setup(Level.Iteration)
  public void freshEngine() {
    engine = platform.newEngine();
    next = 0;
  }

  @Benchmark
  public ParseResult parse() {
    if (next == lines.length) {
      next = 0; // parsing keeps no state: no engine to replace
    }
    return EventParser.parse(lines[next++]);
  }

  @Benchmark
  public void apply() {
    engine().apply(parsed[next++]);
  }

  @Benchmark
  public void parseAndApply() {
    Engine e = engine();
    if (EventParser.parse(lines[next++]) instanceof ParseResult.Accepted a) {
      e.apply(a.event());
    } else {
      throw new IllegalStateException("simulated event " + lines[next - 1] + " was rejected");
    }
  }

  /** The engine for the next event: a fresh one when the events start over. */
  private Engine engine() {
    if (next == parsed.length) {
      engine = platform.newEngine();
      next = 0;
    }
    return engine;
  }

  /** For the smoke test: the engine being fed. */
  Engine currentEngine() {
    return engine;
  }
}
