package io.ringbreaker.cli;

import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.engine.JsonLines;
import io.ringbreaker.engine.Scan;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.server.ApiKeyFile;
import io.ringbreaker.server.RingbreakerServer;
import io.ringbreaker.server.ServerConfig;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
    description = {"Measures ingest on this machine:",
        "  scan: events/s through the whole pipeline from a simulated JSON Lines file, beside a baseline",
        "        that only reads and parses the same file (the ratio is what the pipeline costs);",
        "  http: events/s and request latency p50/p99 of POST /v1/events with durable acknowledgement,",
        "        on SQLite and (when reachable) PostgreSQL, for single-event and batched requests."})
final class BenchIngestCommand implements Callable<Integer> {

  @Option(names = "--events", defaultValue = "1000000", description = "Events in the scan benchmark (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--http-events", defaultValue = "100000", description = "Events per HTTP run (default: ${DEFAULT-VALUE}).")
  int httpEvents;

  @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--batch", split = ",", defaultValue = "1,100", description = "Events per request, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> batches;

  @Option(names = "--pg", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
      description = "PostgreSQL to measure against, in a fresh schema (default: ${DEFAULT-VALUE}); skipped when unreachable.")
  String pgUrl;

  @Option(names = "--skip-scan", description = "Only the HTTP benchmark.") boolean skipScan;
  @Option(names = "--skip-http", description = "Only the scan benchmark.") boolean skipHttp;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("ringbreaker-bench");
    try {
      System.out.printf(Locale.ROOT, "ringbreaker bench ingest · %d cores · Java %s · max heap %s%n",
          Runtime.getRuntime().availableProcessors(), Runtime.version(), ProgressLine.bytes(Runtime.getRuntime().maxMemory()));
      Simulator sim = new Simulator(SimConfig.ofEvents(7, events));
      ProgressLine progress = new ProgressLine(System.err);
      var written = sim.write(work.resolve("sim"), n -> progress.show(String.format(Locale.ROOT, "simulating: %,d events", n)));
      progress.done();
      Path file = work.resolve("sim/events.jsonl");
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
        System.out.printf(Locale.ROOT, "  %-10s %6s %12s %10s %10s %10s%n", "store", "batch", "events/s", "req/s", "p50 ms", "p99 ms");
        for (int batch : batches) {
          try (Store s = Store.open("jdbc:sqlite:" + work.resolve("bench-" + batch + ".db"))) {
            http("sqlite", s, work, lines, batch);
          }
        }
        Optional<String> schema = pgSchema();
        if (schema.isEmpty()) {
          System.out.println("  postgresql: not reachable at " + pgUrl + " — skipped");
        } else {
          for (int batch : batches) {
            String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema.get() + "_" + batch;
            createSchema(schema.get() + "_" + batch);
            try (Store s = Store.open(url)) {
              http("postgresql", s, work, lines, batch);
            } finally {
              dropSchema(schema.get() + "_" + batch);
            }
          }
        }
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
      s = Scan.run(in, file.getParent().resolve("out"), new Scan.Options(List.of(), List.of(), Optional.empty()),
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

  private void http(String name, Store store, Path work, List<String> lines, int batch) throws Exception {
    Path dataDir = work.resolve("data-" + name + "-" + batch);
    String key = ApiKeyFile.ensure(store.apiKeys(), dataDir).createdKey().orElseThrow();
    try (DurablePipeline pipeline = DurablePipeline.open(store, List.of(), List.of(), true);
         RingbreakerServer server = RingbreakerServer.start(pipeline, ServerConfig.defaults(dataDir, 0))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri = URI.create(server.url() + "v1/events");
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < lines.size(); i += batch) {
        List<String> part = lines.subList(i, Math.min(lines.size(), i + batch));
        bodies.add(batch == 1 ? part.getFirst() : "[" + String.join(",", part) + "]");
      }
      // Warm-up: the first 5% of requests are sent but not measured.
      int warm = bodies.size() / 20;
      long[] latencies = new long[bodies.size() - warm];
      AtomicInteger next = new AtomicInteger();
      AtomicLong failures = new AtomicLong();
      long[] started = new long[1];
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < concurrency; c++) {
          pool.submit(() -> {
            int i;
            while ((i = next.getAndIncrement()) < bodies.size()) {
              if (i == warm) {
                started[0] = System.nanoTime();
              }
              long t = System.nanoTime();
              try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                    .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                  failures.incrementAndGet();
                }
              } catch (IOException | InterruptedException e) {
                failures.incrementAndGet();
              }
              if (i >= warm) {
                latencies[i - warm] = System.nanoTime() - t;
              }
            }
            return null;
          });
        }
      }
      double secs = (System.nanoTime() - started[0]) / 1e9;
      Arrays.sort(latencies);
      long measuredEvents = (long) (bodies.size() - warm) * batch;
      System.out.printf(Locale.ROOT, "  %-10s %6d %,12.0f %,10.0f %10.1f %10.1f%s%n", name, batch, measuredEvents / secs,
          latencies.length / secs, latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
          failures.get() > 0 ? "  (" + failures.get() + " failed requests)" : "");
      if (store.journal().count() != lines.size()) {
        System.out.println("  !! journal holds " + store.journal().count() + " events, expected " + lines.size());
      }
    }
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
