package io.ringbreaker.cli;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.engine.EvidenceKeeper;
import io.ringbreaker.engine.JsonLines;
import io.ringbreaker.engine.Scan;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.server.ApiKeyFile;
import io.ringbreaker.server.RingbreakerServer;
import io.ringbreaker.server.ServerConfig;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.store.Evidence;
import io.ringbreaker.store.EvidenceKeys;
import io.ringbreaker.store.IngestBench;
import io.ringbreaker.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Scan and HTTP ingest throughput, latency at a fixed load.",
    description = {"Measures ingest on this machine:",
        "  scan: events/s through the whole pipeline from a simulated JSON Lines file, beside a baseline",
        "        that only reads and parses the same file (the ratio is what the pipeline costs);",
        "  http: POST /v1/events with durable acknowledgement, on SQLite and (when reachable) PostgreSQL,",
        "        single-event and batched: the most events/s it takes (closed loop, --concurrency clients),",
        "        and request latency p50/p99 at a fixed offered load (open loop, --rate events/s).",
        "        Each run is what serve runs: the processor (verdicts, platform actions, review cases and",
        "        preservation requests committed together) and the evidence keeper beside the server. After",
        "        the load the bench waits for both to finish and says how fast events were processed and",
        "        what the response path wrote.",
        "Both run with the built-in lexicon, as serve does by default; --sim-lists adds the simulated",
        "platform's lexicon and bank (serve --lexicon --bank), so its known media match."})
final class BenchIngestCommand implements Callable<Integer> {

  @Option(names = "--events", defaultValue = "1000000", description = "Events in the scan benchmark (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--http-events", defaultValue = "100000", description = "Events per HTTP run (default: ${DEFAULT-VALUE}).")
  int httpEvents;

  @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--rate", defaultValue = "5000",
      description = "Offered load for the latency run, events/s (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--batch", split = ",", defaultValue = "1,100", description = "Events per request, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(names = "--pg", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
      description = "PostgreSQL to measure against, in a fresh schema (default: ${DEFAULT-VALUE}); skipped when unreachable.")
  String pgUrl;

  @Option(names = "--sim-lists",
      description = "Also the simulated platform's lexicon and bank, as serve --lexicon --bank would run (default: the built-in lexicon only).")
  boolean simLists;

  @Option(names = "--skip-scan", description = "Only the HTTP benchmark.") boolean skipScan;
  @Option(names = "--skip-http", description = "Only the scan benchmark.") boolean skipHttp;

  private List<LexiconTerm> lexicon = List.of();
  private List<BankEntry> bank = List.of();
  /** One line per HTTP run: what its response path wrote. */
  private final List<String> responses = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    // Each run opens a store; its open and migration messages would break up the table.
    System.setProperty("org.slf4j.simpleLogger.log.io.ringbreaker.store", "warn");
    Path work = Files.createTempDirectory("ringbreaker-bench");
    try {
      System.out.printf(Locale.ROOT, "ringbreaker bench ingest · %d cores · Java %s · max heap %s%n",
          Runtime.getRuntime().availableProcessors(), Runtime.version(), ProgressLine.bytes(Runtime.getRuntime().maxMemory()));
      Simulator sim = new Simulator(SimConfig.ofEvents(7, events));
      ProgressLine progress = new ProgressLine(System.err);
      var written = sim.write(work.resolve("sim"), n -> progress.show(String.format(Locale.ROOT, "simulating: %,d events", n)));
      progress.done();
      Path file = work.resolve("sim/events.jsonl");
      if (simLists) {
        lexicon = ListFiles.readLexicon(work.resolve("sim/lexicon.csv"));
        bank = ListFiles.readBank(work.resolve("sim/bank.csv"));
      }
      System.out.printf(Locale.ROOT, "lists: the built-in lexicon%s%n", !simLists ? " only"
          : String.format(Locale.ROOT, " and the simulated platform's: %,d lexicon terms, %,d bank entries",
              lexicon.size(), bank.size()));
      if (!skipScan) {
        scan(file, written.events());
      }
      if (!skipHttp) {
        List<String> lines = new ArrayList<>(httpEvents);
        try (var r = Files.newBufferedReader(file)) {
          String l;
          while (lines.size() < httpEvents && (l = r.readLine()) != null) {
            lines.add(l);
          }
        }
        System.out.printf(Locale.ROOT, "%nhttp: POST /v1/events, %,d events per run, %d clients, acknowledged after the journal commit%n",
            lines.size(), concurrency);
        System.out.printf(Locale.ROOT, "  %-10s %6s  %-18s %12s %10s %10s %13s %11s%n", "store", "batch", "load",
            "events/s", "p50 ms", "p99 ms", "processed/s", "lag after");
        int run = 0;
        for (int batch : batches) {
          for (Optional<Double> load : List.of(Optional.<Double>empty(), Optional.of(rate))) {
            try (Store s = Store.open("jdbc:sqlite:" + work.resolve("bench-" + run++ + ".db"))) {
              http("sqlite", s, work, lines, batch, load);
            }
          }
        }
        Optional<String> schema = pgSchema();
        if (schema.isEmpty()) {
          System.out.println("  postgresql: not reachable at " + pgUrl + " — skipped");
        } else {
          for (int batch : batches) {
            for (Optional<Double> load : List.of(Optional.<Double>empty(), Optional.of(rate))) {
              String name = schema.get() + "_" + run++;
              createSchema(name);
              try (Store s = Store.open(pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + name)) {
                http("postgresql", s, work, lines, batch, load);
              } finally {
                dropSchema(name);
              }
            }
          }
        }
      }
      if (!responses.isEmpty()) {
        System.out.printf(Locale.ROOT, "%nwhat each run's response path wrote (processor and evidence keeper, after the load)%n");
        System.out.printf(Locale.ROOT, "  %-10s %6s  %-18s %9s %9s %8s %10s %9s %12s%n", "store", "batch", "load",
            "verdicts", "actions", "cases", "evidence", "pending", "keeper done");
        responses.forEach(System.out::println);
      }
      System.out.println("\ntargets on a 2-core machine: scan >= 50,000 events/s; HTTP >= 5,000 events/s with p99 <= 50 ms");
      return 0;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void scan(Path file, long n) throws IOException {
    System.out.printf(Locale.ROOT, "%nscan: %,d simulated events, %s%n", n, ProgressLine.bytes(Files.size(file)));
    // Warm up the JIT on a slice, then measure the baseline and the pipeline on the whole file.
    long t0 = System.nanoTime();
    long parsed = parseOnly(file);
    double baseline = parsed / ((System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    parsed = parseOnly(file);
    baseline = Math.max(baseline, parsed / ((System.nanoTime() - t0) / 1e9));
    Scan.Summary s;
    try (InputStream in = Files.newInputStream(file)) {
      s = Scan.run(in, file.getParent().resolve("out"), new Scan.Options(lexicon, bank, Optional.empty()),
          Scan.Progress.NONE);
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "  baseline (read + parse only): %,10.0f events/s%n", baseline);
    System.out.printf(Locale.ROOT, "  scan (whole pipeline):        %,10.0f events/s  (%.2fx the baseline's time)  heap in use after: %s%n",
        s.eventsPerSecond(), baseline / s.eventsPerSecond(), ProgressLine.bytes(rt.totalMemory() - rt.freeMemory()));
  }

  private static long parseOnly(Path file) throws IOException {
    long n = 0;
    try (JsonLines in = new JsonLines(Files.newInputStream(file), Scan.MAX_LINE_BYTES)) {
      Optional<JsonLines.Line> l;
      while ((l = in.next()).isPresent()) {
        if (EventParser.parse(l.get().text().orElse("")) instanceof ParseResult.Accepted) {
          n++;
        }
      }
    }
    return n;
  }

  /** One HTTP measurement: throughput and request latency. */
  private record Result(double eventsPerSecond, double p50Ms, double p99Ms, long failures, long journaled) {}

  /** How long the processor and the evidence keeper may take to finish after the load. */
  private static final Duration DRAIN = Duration.ofMinutes(10);

  private void http(String name, Store store, Path work, List<String> lines, int batch, Optional<Double> rate)
      throws Exception {
    Path dataDir = work.resolve("data-" + name + "-" + batch + rate.map(r -> "-rate").orElse(""));
    String key = ApiKeyFile.ensure(store.apiKeys(), dataDir).createdKey().orElseThrow();
    EvidenceKeys keys = EvidenceKeys.ensure(dataDir.resolve(EvidenceOptions.KEY_FILE));
    Result r;
    String processed;
    String keeperDone;
    // As serve wires them: the processor thread, the evidence keeper beside it, then the server.
    try (DurablePipeline pipeline = DurablePipeline.open(store, lexicon, List.of(), bank, true);
         EvidenceKeeper keeper = new EvidenceKeeper(store, keys, Evidence.MIN_RETENTION, Clock.systemUTC()).start();
         RingbreakerServer server = RingbreakerServer.start(pipeline, ServerConfig.defaults(dataDir, 0))) {
      List<byte[]> bodies = new ArrayList<>();
      for (int i = 0; i < lines.size(); i += batch) {
        List<String> part = lines.subList(i, Math.min(lines.size(), i + batch));
        bodies.add((batch == 1 ? part.getFirst() : "[" + String.join(",", part) + "]")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      long started = System.nanoTime();
      r = rate.isPresent()
          ? openLoop(URI.create(server.url() + "v1/events"), key, bodies, batch, rate.get())
          : closedLoop(URI.create(server.url() + "v1/events"), key, bodies, batch);
      long loaded = System.nanoTime();
      // The acknowledgement is only half of it: the events must also be processed, and their
      // verdicts, actions, cases and preservation requests committed.
      boolean caughtUp = pipeline.awaitProcessed(store.journal().lastSeq(), DRAIN);
      long done = System.nanoTime();
      processed = caughtUp
          ? String.format(Locale.ROOT, "%,13.0f %9.1f s", lines.size() / ((done - started) / 1e9), (done - loaded) / 1e9)
          : String.format(Locale.ROOT, "%13s %11s", "not in " + DRAIN.toMinutes() + " min", "-");
      keeperDone = awaitKeeper(store, done);
      r = new Result(r.eventsPerSecond(), r.p50Ms(), r.p99Ms(), r.failures(), store.journal().count());
    }
    String load = rate.map(x -> String.format(Locale.ROOT, "at %,.0f events/s", x)).orElse("as fast as it goes");
    System.out.printf(Locale.ROOT, "  %-10s %6d  %-18s %,12.0f %10.1f %10.1f %s%s%n", name, batch, load,
        r.eventsPerSecond(), r.p50Ms(), r.p99Ms(), processed,
        (r.failures() > 0 ? "  (" + r.failures() + " failed requests; first: " + FIRST_FAILURE.getAndSet(null) + ")" : "")
            + (r.journaled() != lines.size() ? "  !! journal holds " + r.journaled() + " of " + lines.size() : ""));
    IngestBench.Response w = IngestBench.response(store);
    responses.add(String.format(Locale.ROOT, "  %-10s %6d  %-18s %,9d %,9d %,8d %,10d %,9d %12s", name, batch, load,
        w.verdicts(), w.actions(), w.cases(), w.evidenceItems(), w.pendingPreservations(), keeperDone));
  }

  /** Waits for the evidence keeper to work off the preservation requests; how long after processing it took. */
  private static String awaitKeeper(Store store, long processedAt) throws InterruptedException {
    long deadline = processedAt + DRAIN.toNanos();
    while (IngestBench.response(store).pendingPreservations() > 0) {
      if (System.nanoTime() > deadline) {
        return "not in " + DRAIN.toMinutes() + " min";
      }
      Thread.sleep(100);
    }
    return String.format(Locale.ROOT, "+%.1f s", (System.nanoTime() - processedAt) / 1e9);
  }

  /** {@code concurrency} clients, each sending its next request when the last is answered. */
  private Result closedLoop(URI uri, String key, List<byte[]> bodies, int batch) throws InterruptedException {
    LoadClient http = new LoadClient(uri, key, concurrency);
    int warm = bodies.size() / 20; // the first 5% warm the JIT and are not measured
    long[] latencies = new long[bodies.size() - warm];
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    long[] started = new long[1];
    try (http; var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < concurrency; c++) {
        pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < bodies.size()) {
            if (i == warm) {
              started[0] = System.nanoTime();
            }
            long t = System.nanoTime();
            send(http, bodies.get(i), failures);
            if (i >= warm) {
              latencies[i - warm] = System.nanoTime() - t;
            }
          }
          return null;
        });
      }
    }
    double secs = (System.nanoTime() - started[0]) / 1e9;
    return summarize(latencies, (long) latencies.length * batch / secs, failures.get());
  }

  /**
   * Requests sent on a fixed schedule whatever the answers do (an open loop), latency counted
   * from when each was due: a slow answer cannot hide the queueing behind it.
   */
  private Result openLoop(URI uri, String key, List<byte[]> bodies, int batch, double eventsPerSecond)
      throws InterruptedException {
    LoadClient http = new LoadClient(uri, key, 512);
    long interval = (long) (1e9 * batch / eventsPerSecond);
    int warm = bodies.size() / 20;
    long[] latencies = new long[bodies.size() - warm];
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime() + 10_000_000L;
    // At most this many requests in flight: past it the server is not keeping up, and sending is
    // held back (still counted from when each request was due) instead of opening sockets without end.
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(512);
    try (http; var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < bodies.size(); i++) {
        long due = start + i * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        inFlight.acquire();
        int n = i;
        pool.submit(() -> {
          try {
            send(http, bodies.get(n), failures);
            if (n >= warm) {
              latencies[n - warm] = System.nanoTime() - due;
            }
          } finally {
            inFlight.release();
          }
        });
      }
    }
    double secs = (System.nanoTime() - (start + warm * interval)) / 1e9;
    return summarize(latencies, (long) latencies.length * batch / secs, failures.get());
  }

  /** The first failure of a run, shown beside its figures. */
  private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_FAILURE =
      new java.util.concurrent.atomic.AtomicReference<>();

  private static void send(LoadClient http, byte[] body, AtomicLong failures) {
    try {
      int status = http.post(body);
      if (status != 200) {
        failures.incrementAndGet();
        FIRST_FAILURE.compareAndSet(null, "HTTP " + status);
      }
    } catch (IOException e) {
      failures.incrementAndGet();
      FIRST_FAILURE.compareAndSet(null, e.toString());
    }
  }

  private static Result summarize(long[] latencies, double eventsPerSecond, long failures) {
    Arrays.sort(latencies);
    return new Result(eventsPerSecond, latencies[latencies.length / 2] / 1e6,
        latencies[(int) (latencies.length * 0.99)] / 1e6, failures, 0);
  }

  private Optional<String> pgSchema() {
    try (Connection c = DriverManager.getConnection(pgUrl)) {
      return Optional.of("rb_bench_" + Long.toHexString(System.nanoTime()));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private void createSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(pgUrl); var st = c.createStatement()) {
      st.execute("create schema " + schema);
    }
  }

  private void dropSchema(String schema) {
    try (Connection c = DriverManager.getConnection(pgUrl); var st = c.createStatement()) {
      st.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException ignored) {
      // a leftover bench schema is harmless
    }
  }
}
