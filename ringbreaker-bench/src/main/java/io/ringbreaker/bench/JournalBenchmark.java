package io.ringbreaker.bench;

import io.ringbreaker.model.Event;
import io.ringbreaker.store.Appended;
import io.ringbreaker.store.JournalRecord;
import io.ringbreaker.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal appends per second on SQLite (a file in a temporary directory; WAL, synchronous=FULL as
 * the store opens it), one operation per record. One append is one transaction, so the batch size
 * is how many records share a commit: {@code append1} (a commit per event) is the baseline for
 * {@code append100} and {@code append1000} (the durable writer's group commits).
 *
 * <p>The batch sizes are separate methods, not a {@code @Param}, because
 * {@code @OperationsPerInvocation} is fixed per method and the figure should be records per second.
 * Records are the simulated platform's contract JSON lines (a mix of every event type); each
 * append gets fresh event ids, so nothing is deduplicated. Each iteration writes a new database.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class JournalBenchmark {

  /** How many simulated events' JSON lines to cycle through as record bodies. */
  @Param("20000")
  public int templates;

  private Path dir;
  private Event[] events;
  private String[] lines;
  private Store store;
  private int iteration;
  private long nextId;

  @Setup(Level.Trial)
  public void simulate() throws IOException {
    SimulatedPlatform platform = SimulatedPlatform.generate(templates);
    events = platform.events().toArray(Event[]::new);
    lines = platform.lines().toArray(String[]::new);
    dir = Files.createTempDirectory("ringbreaker-bench-journal");
  }

  @Setup(Level.Iteration)
  public void openStore() {
    store = Store.open(Store.sqliteUrl(dir.resolve("journal-" + ++iteration + ".db")));
  }

  @TearDown(Level.Iteration)
  public void closeStore() {
    store.close();
  }

  @TearDown(Level.Trial)
  public void deleteDir() {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Benchmark
  public List<Appended> append1() {
    return store.journal().append(batch(1));
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public List<Appended> append100() {
    return store.journal().append(batch(100));
  }

  @Benchmark
  @OperationsPerInvocation(1000)
  public List<Appended> append1000() {
    return store.journal().append(batch(1000));
  }

  /**
   * The next {@code n} records: a simulated event's type, time and JSON line under a new id. The
   * JSON keeps the simulated event's own id; the journal stores it as given, so only its size matters.
   */
  List<JournalRecord> batch(int n) {
    List<JournalRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = (int) (nextId % events.length);
      Event e = events[k];
      out.add(new JournalRecord("bench-" + nextId++, e.type().wire(), e.occurredAt(), lines[k]));
    }
    return out;
  }

  /** For the smoke test. */
  Store store() {
    return store;
  }

  Path dir() {
    return dir;
  }
}
