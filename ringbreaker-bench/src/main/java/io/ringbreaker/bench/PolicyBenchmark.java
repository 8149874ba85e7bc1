package io.ringbreaker.bench;

import io.ringbreaker.engine.Engine;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.policy.Decision;
import io.ringbreaker.policy.RulePolicy;
import java.util.ArrayList;
import java.util.List;
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
 * One policy decision: a subject and its signals in, severity, actions, queue and reasons out, over
 * the subjects a simulated platform's engine decided (their real signal lists, cycled):
 * <ul>
 *   <li>{@code shippedPolicy}: the shipped default policy, every rule's CEL condition evaluated
 *       until the first match, then the {@code also} rules;
 *   <li>{@code oneRuleBaseline}: a policy of one rule ({@code score >= 0.7}): the floor every
 *       policy pays (scoring the evidence, building the CEL facts, one evaluation).
 * </ul>
 * The difference is what the readable rules cost over a single threshold.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class PolicyBenchmark {
  static final String ONE_RULE = """
      policy: baseline
      version: 1
      rules:
        - id: high-score
          when: score >= 0.70
          severity: high
          actions: [review]
      """;

  /** Simulated events whose verdicts give the subjects decided. */
  @Param("100000")
  public int events;

  private Subject[] subjects;
  private List<Signal>[] signals;
  private RulePolicy shipped;
  private RulePolicy oneRule;
  private int next;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    SimulatedPlatform platform = SimulatedPlatform.generate(events);
    Engine engine = platform.newEngine();
    List<Event> batch = new ArrayList<>(1_000);
    for (Event e : platform.events()) {
      batch.add(e);
      if (batch.size() == 1_000) {
        engine.applyAll(batch);
        batch.clear();
      }
    }
    engine.applyAll(batch);
    List<Verdict> decided = engine.verdicts().stream().filter(v -> !v.signals().isEmpty()).toList();
    if (decided.isEmpty()) {
      throw new IllegalStateException("the simulation of " + events + " events gave no subject with signals");
    }
    subjects = decided.stream().map(Verdict::subject).toArray(Subject[]::new);
    signals = decided.stream().map(Verdict::signals).toArray(List[]::new);
    shipped = RulePolicy.defaults();
    oneRule = RulePolicy.parse(ONE_RULE, "baseline.yaml", msg -> {
      throw new IllegalStateException(msg);
    });
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == subjects.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public Decision shippedPolicy() {
    int i = nextIndex();
    return shipped.decide(subjects[i], signals[i]);
  }

  @Benchmark
  public Decision oneRuleBaseline() {
    int i = nextIndex();
    return oneRule.decide(subjects[i], signals[i]);
  }
}
