package io.ringbreaker.cli;

import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.ApiKeyFile;
import io.ringbreaker.server.RingbreakerServer;
import io.ringbreaker.server.ServerConfig;
import io.ringbreaker.server.auth.FirstAdmin;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.VerdictQuery;
import io.ringbreaker.store.VerdictRow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Run the API on a simulated platform and show the verdicts.",
    description = {"Starts the API on the embedded store, feeds it a simulated platform through POST /v1/events,",
        "and prints the URL, the API key, the admin's password and the first verdicts.",
        "Keeps serving until stopped (Ctrl-C)."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data-dir", defaultValue = "ringbreaker-data/demo", paramLabel = "DIR",
      description = "Where the demo keeps its store and key (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--exit", description = "Stop after loading and printing (for scripts and tests).")
  boolean exit;

  @Override
  public Integer call() throws Exception {
    Store store = Store.openDefault(dataDir);
    var key = ApiKeyFile.ensure(store.apiKeys(), dataDir);
    String apiKey = key.createdKey().or(() -> ApiKeyFile.read(dataDir))
        .orElseThrow(() -> new UserError("the demo store has a key but " + key.file() + " is gone: delete " + dataDir));
    var admin = FirstAdmin.ensure(store, dataDir);
    Optional<String> adminPassword = admin.createdPassword().or(() -> FirstAdmin.read(dataDir));
    Simulator sim = new Simulator(SimConfig.defaults(seed));
    // The simulated platform's own lexicon and bank, as an operator would load them.
    Path lists = Files.createTempDirectory("ringbreaker-demo");
    sim.write(lists, n -> {});
    List<io.ringbreaker.model.BankEntry> bank;
    try (var reader = Files.newBufferedReader(lists.resolve("bank.csv"))) {
      bank = new ArrayList<>(ListFiles.readBank(reader, "bank.csv", DemoPictures.BANK));
    }
    DemoPictures pictures = new DemoPictures(sim.truth().knownMedia());
    bank.addAll(pictures.bank());
    DurablePipeline pipeline = DurablePipeline.open(store, ListFiles.readLexicon(lists.resolve("lexicon.csv")), bank,
        false);
    // A policy applied in the demo's console is kept in its data dir, as serve keeps it.
    try {
      io.ringbreaker.server.PolicyHome.saved(dataDir).putInForce(pipeline,
          problem -> System.err.println("ringbreaker: " + problem));
    } catch (IllegalArgumentException e) {
      pipeline.close();
      store.close();
      throw new UserError(e.getMessage());
    }
    pipeline.start();
    var keeper = new EvidenceOptions().startKeeper(store, dataDir);
    RingbreakerServer server = ServeCommand.startServer(pipeline, ServerConfig.defaults(dataDir, port)
        .withEvidenceKeys(keeper.keys()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      keeper.close();
      pipeline.close();
      store.close();
    }));
    System.out.println("Ringbreaker demo: " + server.url());
    System.out.println("  API key:  " + apiKey + "   (also in " + key.file().toAbsolutePath() + ")");
    System.out.println("  sign in:  user " + FirstAdmin.NAME + ", password " + adminPassword.orElse("(see "
        + admin.file().toAbsolutePath() + ")") + "   (also in " + admin.file().toAbsolutePath() + ")");
    System.out.println("  store:    " + store.describe());

    var events = sim.events();
    long sent = post(server.url(), apiKey, new java.util.Iterator<io.ringbreaker.model.Event>() {
      @Override
      public boolean hasNext() {
        return events.hasNext();
      }

      @Override
      public io.ringbreaker.model.Event next() {
        return pictures.withPictures(events.next());
      }
    });
    pipeline.awaitProcessed(pipeline.journaledSeq(), Duration.ofMinutes(5));
    Page<VerdictRow> top = store.state().verdicts(new VerdictQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("high"), 10, Optional.empty()));
    var counts = store.state().verdictCountsBySeverity();
    System.out.printf(Locale.ROOT, "%nsent %,d simulated events through POST /v1/events; verdicts: %d critical, %d high, %d medium, %d low%n",
        sent, counts.getOrDefault("critical", 0L), counts.getOrDefault("high", 0L),
        counts.getOrDefault("medium", 0L), counts.getOrDefault("low", 0L));
    System.out.println("most severe:");
    for (VerdictRow r : top.items()) {
      var v = ContractJson.mapper().readTree(r.json());
      System.out.printf(Locale.ROOT, "  %-8s %-8s %-22s %.2f  %s%n", r.severity(), r.subjectType(), clip(r.subjectId(), 22),
          r.score(), v.path("reasons").path(0).asText(""));
    }
    System.out.println();
    System.out.println("Open " + server.url() + "console (the review console) and sign in as " + FirstAdmin.NAME + " with the password above, or:");
    System.out.println("  curl -H 'Authorization: Bearer " + apiKey + "' '" + server.url() + "v1/verdicts?min_severity=high'");
    deleteQuietly(lists);
    if (exit) {
      return 0;
    }
    System.out.println("Serving until stopped (Ctrl-C).");
    Thread.currentThread().join();
    return 0;
  }

  /** Sends the events through the public API in batches, as a platform would. */
  private static long post(String url, String key, Iterator<Event> events) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ProgressLine progress = new ProgressLine(System.err);
    long sent = 0;
    List<String> batch = new ArrayList<>(500);
    while (events.hasNext() || !batch.isEmpty()) {
      while (events.hasNext() && batch.size() < 500) {
        batch.add(ContractJson.eventLine(events.next()));
      }
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "v1/events"))
          .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", batch) + "]")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new UserError("the server refused the simulated events: " + r.statusCode() + " " + r.body());
      }
      sent += batch.size();
      batch.clear();
      progress.show(String.format(Locale.ROOT, "demo: sent %,d events", sent));
    }
    progress.done();
    return sent;
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
