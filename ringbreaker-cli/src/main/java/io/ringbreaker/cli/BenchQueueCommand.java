package io.ringbreaker.cli;

import io.ringbreaker.store.CaseQuery;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.QueueBench;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "queue", mixinStandardHelpOptions = true,
    header = "The review queue at scale: next case, a page, a search, the queue overview, beside baselines.",
    description = {"Fills a new store with --cases open review cases (SQLite in a temporary directory,",
        "and PostgreSQL too when --postgres is given and reachable), then times, --samples times each:",
        "claimNext of a queue (the most urgent open case, leased), the first and a deep page of a",
        "queue (50 cases, keyset cursor), a page in any state, a search by an account id and by a word",
        "a tenth of the cases have, and the queue overview (GET /v1/queues). The baselines in the same",
        "run ask the same questions without the indexes' help (an ORDER BY no index holds; a substring",
        "scan of every case's key), as the code asked them before (one query over every state; the",
        "overview before the covering index of V8), and the overview counted in Java. Prints median",
        "and 99th percentile in milliseconds."})
final class BenchQueueCommand implements Callable<Integer> {
  static final double TARGET_MS = 50;

  @Option(names = "--cases", defaultValue = "1000000", paramLabel = "N",
      description = "Open cases in the store (default: ${DEFAULT-VALUE}).")
  int cases;

  @Option(names = "--samples", defaultValue = "200", paramLabel = "N",
      description = "Timed runs of each query (baselines: a tenth, at least 3) (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--postgres", paramLabel = "JDBC_URL",
      description = "Also on this PostgreSQL database (use an empty one: tables are filled), e.g. "
          + "jdbc:postgresql://127.0.0.1:5432/bench?user=postgres")
  Optional<String> postgres;

  @Override
  public Integer call() throws Exception {
    if (cases < 1000 || samples < 1) {
      throw new UserError("--cases must be at least 1,000 and --samples at least 1");
    }
    System.out.printf(Locale.ROOT, "bench queue: %,d open cases, %d samples, %d cores, Java %s%n", cases, samples,
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    Path dir = Files.createTempDirectory("ringbreaker-bench-queue-");
    run(Store.sqliteUrl(dir.resolve("queue.db")));
    if (postgres.isPresent()) {
      try {
        run(postgres.get());
      } catch (StoreException e) {
        System.out.println("PostgreSQL skipped: " + e.getMessage());
      }
    }
    return 0;
  }

  private void run(String url) {
    try (Store store = Store.open(url)) {
      if (QueueBench.openCases(store) > 0) {
        throw new UserError(store.describe() + " already has cases: give an empty database");
      }
      ProgressLine progress = new ProgressLine(System.err);
      Instant now = Instant.now();
      long t0 = System.nanoTime();
      QueueBench.fill(store, cases, now, n -> progress.show(String.format(Locale.ROOT, "filling: %,d / %,d cases", n, cases)));
      progress.done();
      System.out.printf(Locale.ROOT, "%n%s: filled %,d cases in %.1f s%n", store.describe(), cases,
          (System.nanoTime() - t0) / 1e9);
      Random rnd = new Random(7);
      int[] i = {0};
      Optional<String>[] deep = deepCursor(store);
      row("claimNext(child-safety)", samples, () -> store.cases().claimNext("child-safety", "bench-" + (i[0]++ % 8),
          now, Duration.ofMinutes(15)).map(CaseRow::id).orElse(0L));
      row("page 1 of triage (50)", samples, () -> store.cases().list(CaseQuery.open("triage", 50)).items().size());
      row("page 21 of triage (50)", samples, () -> store.cases().list(new CaseQuery(Optional.of("triage"),
          Optional.of(io.ringbreaker.store.CaseState.OPEN), Optional.empty(), deep[0], 50)).items().size());
      row("page 1, any state (50)", samples, () -> store.cases().list(new CaseQuery(Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), 50)).items().size());
      row("page 1 of triage, any state (50)", samples, () -> store.cases().list(new CaseQuery(Optional.of("triage"),
          Optional.empty(), Optional.empty(), Optional.empty(), 50)).items().size());
      row("search q=acct-<random>", samples, () -> store.cases().list(new CaseQuery(Optional.empty(),
          Optional.empty(), Optional.of("acct-" + rnd.nextInt(cases)), Optional.empty(), 50)).items().size());
      String word = QueueBench.COMMON_WORD;
      row("search q=" + word + " in triage", samples, () -> search(store, "triage", word));
      row("search q=" + word + " in child-safety", samples, () -> search(store, "child-safety", word));
      row("queue overview (GET /v1/queues)", samples, () -> store.cases().queues(now).size());
      int base = Math.max(3, samples / 10);
      row("baseline: page 1 without index", base, () -> QueueBench.pageWithoutIndex(store, "triage", 50));
      row("baseline: search by substring scan", base, () -> QueueBench.searchWithoutIndex(store,
          "acct-" + rnd.nextInt(cases)));
      row("baseline: any state in one query", base, () -> QueueBench.anyStateInOneQuery(store, Optional.empty(), 50));
      row("baseline: triage, any state, one query", base, () -> QueueBench.anyStateInOneQuery(store,
          Optional.of("triage"), 50));
      row("baseline: " + word + " in triage, one query", base, () -> QueueBench.searchInOneQuery(store, "triage",
          word, 50));
      row("baseline: " + word + " in child-safety, 1 query", base, () -> QueueBench.searchInOneQuery(store,
          "child-safety", word, 50));
      row("baseline: overview without V8's index", base, () -> QueueBench.queuesWithoutIndex(store, now).size());
      row("baseline: overview counted in Java", base, () -> QueueBench.queuesInJava(store, now).size());
      var overview = store.cases().queues(now);
      System.out.println("  the overview and both its baselines agree: "
          + (overview.equals(QueueBench.queuesWithoutIndex(store, now))
              && overview.equals(QueueBench.queuesInJava(store, now)) ? "yes" : "NO"));
      System.out.printf(Locale.ROOT, "target: next case and a page under %.0f ms at 1M open cases%n", TARGET_MS);
    }
  }

  /** The console's search: open cases of a queue found by a word. */
  private static long search(Store store, String queue, String word) {
    return store.cases().list(new CaseQuery(Optional.of(queue), Optional.of(io.ringbreaker.store.CaseState.OPEN),
        Optional.of(word), Optional.empty(), 50)).items().size();
  }

  @SuppressWarnings("unchecked")
  private static Optional<String>[] deepCursor(Store store) {
    Optional<String> after = Optional.empty();
    for (int p = 0; p < 20; p++) {
      Page<CaseRow> page = store.cases().list(new CaseQuery(Optional.of("triage"),
          Optional.of(io.ringbreaker.store.CaseState.OPEN), Optional.empty(), after, 50));
      after = page.next();
    }
    return new Optional[] {after};
  }

  private static void row(String what, int n, LongSupplier op) {
    long[] ns = new long[n];
    long sink = 0;
    for (int k = 0; k < Math.min(5, n); k++) {
      sink += op.getAsLong(); // warm-up
    }
    for (int k = 0; k < n; k++) {
      long t = System.nanoTime();
      sink += op.getAsLong();
      ns[k] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    System.out.printf(Locale.ROOT, "  %-46s median %8.2f ms   p99 %8.2f ms   (n=%d%s)%n", what, ns[n / 2] / 1e6,
        ns[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, n, sink == Long.MIN_VALUE ? "!" : "");
  }
}
