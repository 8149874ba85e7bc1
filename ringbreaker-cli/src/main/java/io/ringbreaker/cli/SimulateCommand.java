package io.ringbreaker.cli;

import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    header = "Write a synthetic platform (events and the truth about it).",
    description = {"Writes a synthetic platform: ordinary users, trading rings with a listed hashtag and its disguises,",
        "a tag restriction, ban evaders, a meme flood and innocent look-alikes. All text is placeholder-level",
        "and media are hashes. Deterministic for a seed. Writes DIR/events.jsonl, truth.json, lexicon.csv, bank.csv."})
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--events", paramLabel = "N",
      description = "Scale the platform to about N events (default: the demo scenario, a few tens of thousands).")
  Optional<Long> events = Optional.empty();

  @Override
  public Integer call() throws IOException {
    SimConfig cfg = events.map(n -> SimConfig.ofEvents(seed, n)).orElseGet(() -> SimConfig.defaults(seed));
    ProgressLine progress = new ProgressLine(System.err);
    var written = new Simulator(cfg).write(out, n -> progress.show(String.format(Locale.ROOT, "simulate: %,d events", n)));
    progress.done();
    System.out.printf(Locale.ROOT, "wrote %,d events to %s (events.jsonl, truth.json, lexicon.csv, bank.csv)%n",
        written.events(), out);
    return 0;
  }
}
