package io.ringbreaker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.engine.Scan;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.sim.Evaluation;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import io.ringbreaker.sim.Truth;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    header = "Score ring detection against the truth of a simulated platform.",
    description = {"Runs events through the pipeline as 'scan' does and scores the verdicts against the "
        + "simulator's truth.json: recall and precision at high over ring accounts (members and evaders), time to "
        + "first flag, flooders, look-alikes and ordinary users at high, emerging tags proposed, evaders linked to "
        + "the ring of the account they replaced.",
        "",
        "  ringbreaker evaluate --events sim/events.jsonl --truth sim/truth.json [--out DIR]",
        "  ringbreaker evaluate --seeds 1-5     (simulates the default scenario of each seed)",
        "",
        "lexicon.csv and bank.csv next to the events file are used unless --lexicon or --bank is given. "
        + "Exit 0 when done; with --check, 1 when a target is missed; 2 for bad usage or unreadable input.", ""})
final class EvaluateCommand implements Callable<Integer> {
  private static final Pattern SEED_PART = Pattern.compile("(\\d+)(?:-(\\d+))?");
  private static final int MAX_SEEDS = 1_000;

  @Option(names = "--events", paramLabel = "FILE", description = "Events of a simulated platform (JSON Lines).")
  Optional<Path> events = Optional.empty();

  @Option(names = "--truth", paramLabel = "FILE", description = "The truth.json the simulator wrote with them.")
  Optional<Path> truth = Optional.empty();

  @Option(names = "--seeds", paramLabel = "SEEDS",
      description = "Simulate, scan and score each seed instead: a list (1,2,3), a range (1-5) or both (1-3,7).")
  Optional<String> seeds = Optional.empty();

  @Option(names = "--size", paramLabel = "default|N",
      description = "With --seeds: the default scenario (default), or about N events per seed.")
  Optional<String> size = Optional.empty();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Keep the scan output (and, with --seeds, each seed's simulation in DIR/seed-N) and write "
          + "evaluation.json; without it, everything goes to a temporary directory that is deleted.")
  Optional<Path> out = Optional.empty();

  @Option(names = "--check", description = "Exit 1 when any target is missed, to gate CI.")
  boolean check;

  @Mixin ListOptions lists;

  private ProgressLine progress;

  @Override
  public Integer call() throws IOException {
    boolean files = events.isPresent() || truth.isPresent();
    if (files && seeds.isPresent()) {
      throw new UserError("give either --events and --truth, or --seeds, not both");
    }
    if (!files && seeds.isEmpty()) {
      throw new UserError("give --events FILE and --truth FILE, or --seeds (e.g. --seeds 1-5)");
    }
    if (size.isPresent() && seeds.isEmpty()) {
      throw new UserError("--size goes with --seeds");
    }
    progress = new ProgressLine(System.err);
    Evaluation result;
    try {
      result = files ? files() : seeded();
    } finally {
      progress.done();
    }
    return check && !result.allTargetsMet() ? 1 : 0;
  }

  // ---- --events/--truth -----------------------------------------------------------------------

  private Evaluation files() throws IOException {
    if (events.isEmpty() || truth.isEmpty()) {
      throw new UserError("--events and --truth go together: give both");
    }
    Path eventsFile = ListOptions.readable(events.get(), "events");
    Truth t = readTruth(ListOptions.readable(truth.get(), "truth"));
    Path dir = out.orElseGet(EvaluateCommand::tempDir);
    try {
      Evaluation e = scanAndScore("seed " + t.config().seed(), t, eventsFile, dir, "evaluate");
      System.out.print(e.toText());
      if (out.isPresent()) {
        Files.writeString(dir.resolve("evaluation.json"), e.toJsonText());
        System.out.println("wrote " + dir.resolve("evaluation.json") + " (and the scan output beside it)");
      }
      return e;
    } finally {
      if (out.isEmpty()) {
        delete(dir);
      }
    }
  }

  // ---- --seeds --------------------------------------------------------------------------------

  private Evaluation seeded() throws IOException {
    List<Long> list = seeds(seeds.get());
    Optional<Long> approxEvents = size.map(EvaluateCommand::size).orElse(Optional.empty());
    Path root = out.orElseGet(EvaluateCommand::tempDir);
    List<Evaluation> rows = new ArrayList<>();
    try {
      for (int i = 0; i < list.size(); i++) {
        long seed = list.get(i);
        String label = String.format(Locale.ROOT, "evaluate: seed %d (%d of %d)", seed, i + 1, list.size());
        SimConfig cfg;
        try {
          cfg = approxEvents.isPresent() ? SimConfig.ofEvents(seed, approxEvents.get()) : SimConfig.defaults(seed);
        } catch (IllegalArgumentException e) {
          throw new UserError("--size: " + e.getMessage());
        }
        Path dir = root.resolve("seed-" + seed);
        Simulator sim = new Simulator(cfg);
        sim.write(dir, n -> progress.show(String.format(Locale.ROOT, "%s: simulating, %,d events", label, n)));
        Evaluation e = scanAndScore(String.valueOf(seed), sim.truth(), dir.resolve("events.jsonl"), dir, label);
        if (out.isPresent()) {
          Files.writeString(dir.resolve("evaluation.json"), e.toJsonText());
        } else {
          delete(dir);
        }
        rows.add(e);
      }
    } finally {
      if (out.isEmpty()) {
        delete(root);
      }
    }
    Evaluation all = Evaluation.pool("all", rows);
    List<Evaluation> table = new ArrayList<>(rows);
    table.add(all);
    System.out.print(Evaluation.table(table));
    if (out.isPresent()) {
      Files.writeString(root.resolve("evaluation.json"), pooledJson(rows, all));
      System.out.println("wrote " + root.resolve("evaluation.json") + " (each seed's files in seed-N/)");
    }
    return all;
  }

  /** {@code {"seeds": [each seed's evaluation], "all": the pooled one}}. */
  private static String pooledJson(List<Evaluation> rows, Evaluation all) throws JsonProcessingException {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    var seeds = o.putArray("seeds");
    rows.forEach(e -> seeds.add(e.toJson()));
    o.set("all", all.toJson());
    return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
  }

  /** {@code 1,2,3}, {@code 1-5} or both; each seed once, in the order given. */
  static List<Long> seeds(String spec) {
    List<Long> out = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      Matcher m = SEED_PART.matcher(part.strip());
      if (!m.matches()) {
        throw new UserError("--seeds: expected seeds like 1,2,3 or 1-5, got '" + spec + "'");
      }
      long from;
      long to;
      try {
        from = Long.parseLong(m.group(1));
        to = m.group(2) == null ? from : Long.parseLong(m.group(2));
      } catch (NumberFormatException e) {
        throw new UserError("--seeds: seed too large in '" + spec + "'");
      }
      if (to < from) {
        throw new UserError("--seeds: the range " + part.strip() + " runs backwards");
      }
      if (to - from >= MAX_SEEDS || out.size() + (to - from + 1) > MAX_SEEDS) {
        throw new UserError("--seeds: at most " + MAX_SEEDS + " seeds, got '" + spec + "'");
      }
      for (long s = from; s <= to; s++) {
        if (!out.contains(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** {@code default} (empty: the default scenario) or an approximate number of events. */
  static Optional<Long> size(String spec) {
    String s = spec.strip().replace("_", "").replace(",", "");
    if (s.equalsIgnoreCase("default")) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(s);
      if (n > 0) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new UserError("--size: expected 'default' or a number of events, got '" + spec + "'");
  }

  // ---- shared ---------------------------------------------------------------------------------

  /**
   * Scans {@code eventsFile} into {@code dir} exactly as {@code ringbreaker scan} does (lexicon and
   * bank: the user's, else the simulator's files next to the events) and scores the output.
   */
  private Evaluation scanAndScore(String scenario, Truth t, Path eventsFile, Path dir, String label) throws IOException {
    List<Path> userLexicons = List.copyOf(lists.lexiconFiles);
    List<Path> userBanks = List.copyOf(lists.bankFiles);
    if (userLexicons.isEmpty()) {
      lists.lexiconFiles = beside(eventsFile, "lexicon.csv");
    }
    if (userBanks.isEmpty()) {
      lists.bankFiles = beside(eventsFile, "bank.csv");
    }
    Scan.Options options;
    try {
      options = new Scan.Options(lists.lexicon(), lists.bank(), Optional.empty(), lists.phrases(), lists.banks(),
          lists.mediaFetcher()).withPolicy(lists.policy());
    } finally {
      lists.lexiconFiles = new ArrayList<>(userLexicons);
      lists.bankFiles = new ArrayList<>(userBanks);
    }
    long total = Files.size(eventsFile);
    Scan.Summary s;
    try (InputStream in = Files.newInputStream(eventsFile)) {
      s = Scan.run(in, dir, options, (bytes, lines, accepted, rejected) -> progress.show(String.format(Locale.ROOT,
          "%s: scanning %s (%d%%), %,d lines", label, ProgressLine.bytes(bytes), total > 0 ? bytes * 100 / total : 100,
          lines)));
    }
    if (s.rejected() > 0) {
      progress.done();
      System.err.printf(Locale.ROOT, "ringbreaker evaluate: %,d event lines rejected (kept with --out in %s)%n",
          s.rejected(), dir.resolve("rejected.jsonl").getFileName());
    }
    progress.show(label + ": scoring");
    try {
      return Evaluation.read(scenario, t, eventsFile, dir.resolve("verdicts.jsonl"), dir.resolve("hashtags.jsonl"));
    } catch (IOException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static List<Path> beside(Path eventsFile, String name) {
    Path p = eventsFile.toAbsolutePath().resolveSibling(name);
    return Files.isRegularFile(p) ? new ArrayList<>(List.of(p)) : new ArrayList<>();
  }

  private static Truth readTruth(Path file) {
    try {
      return Truth.read(file);
    } catch (JsonProcessingException e) {
      throw new UserError("truth file " + file + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new UserError(why.startsWith(file.toString()) ? "truth file " + why : "cannot read truth file " + file
          + ": " + why);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ringbreaker-evaluate-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
