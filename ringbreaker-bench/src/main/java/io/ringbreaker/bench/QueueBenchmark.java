package io.ringbreaker.bench;

import io.ringbreaker.store.CaseQuery;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.QueueBench;
import io.ringbreaker.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The review queue at {@code cases} open cases on SQLite ({@code jdbc=""}, a temporary file) or the
 * database named by {@code jdbc} (an empty PostgreSQL schema): the next case (a leased claim), a
 * page of a queue, and a search by word, beside the baselines of the same run — the same page and
 * search without the indexes' help.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class QueueBenchmark {
  @Param("1000000")
  public int cases;

  /** Empty: SQLite in a temporary directory. */
  @Param("")
  public String jdbc;

  private Store store;
  private Instant now;
  private long reviewer;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    String url = jdbc.isEmpty()
        ? Store.sqliteUrl(Files.createTempDirectory("rb-queue-bench-").resolve("queue.db")) : jdbc;
    store = Store.open(url);
    now = Instant.now();
    if (QueueBench.openCases(store) == 0) {
      QueueBench.fill(store, cases, now, n -> { });
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  @Benchmark
  public long claimNext() {
    return store.cases().claimNext("triage", "bench-" + (reviewer++ % 8), now, Duration.ofMinutes(15))
        .map(CaseRow::id).orElse(0L);
  }

  @Benchmark
  public int page() {
    return store.cases().list(CaseQuery.open("hashtags", 50)).items().size();
  }

  @Benchmark
  public int search() {
    return store.cases().list(new CaseQuery(Optional.empty(), Optional.empty(),
        Optional.of("acct-" + ThreadLocalRandom.current().nextInt(cases)), Optional.empty(), 50)).items().size();
  }

  @Benchmark
  public long baselinePageWithoutIndex() {
    return QueueBench.pageWithoutIndex(store, "hashtags", 50);
  }

  @Benchmark
  public long baselineSearchByScan() {
    return QueueBench.searchWithoutIndex(store, "acct-" + ThreadLocalRandom.current().nextInt(cases));
  }
}
