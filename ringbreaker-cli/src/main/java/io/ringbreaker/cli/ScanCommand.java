package io.ringbreaker.cli;

import io.ringbreaker.engine.Scan;
import io.ringbreaker.model.Severity;
import io.ringbreaker.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true,
    header = "Scan a JSON Lines file of events: verdicts, hashtags, rejected lines, summary.",
    description = {"Runs a JSON Lines file of events through the pipeline and writes, in the output directory:",
        "  verdicts.jsonl  one line per subject any signal touched (most severe first)",
        "  hashtags.jsonl  one line per hashtag spelling Ringbreaker has an opinion about",
        "  rejected.jsonl  every line that broke the contract, with its line number and reasons",
        "  summary.json    counts and timings",
        "Exit 0 when done (also with rejected lines); 2 for bad usage or unreadable input."})
final class ScanCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "EVENTS.jsonl", description = "Events, one JSON object per line ('-' for stdin).")
  String events;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
  Path out;

  @Mixin ListOptions lists;
  @Mixin EvidenceOptions evidence;

  @Option(names = "--db", paramLabel = "JDBC-URL",
      description = "Also journal the events and keep the state in this store (jdbc:sqlite:FILE or jdbc:postgresql://…).")
  Optional<String> db = Optional.empty();

  @Override
  public Integer call() throws IOException {
    var lexicon = lists.lexicon();
    var bank = lists.bank();
    var policy = lists.policy();
    long total = 0;
    InputStream in;
    if ("-".equals(events)) {
      in = System.in;
    } else {
      Path p = ListOptions.readable(Path.of(events), "events");
      total = Files.size(p);
      in = Files.newInputStream(p);
    }
    Optional<Store> store = db.map(StoreOption::open);
    ProgressLine progress = new ProgressLine(System.err);
    long started = System.nanoTime();
    long size = total;
    Scan.Summary s;
    try {
      s = Scan.run(in, out, new Scan.Options(lexicon, bank, store, lists.phrases(), lists.banks(), lists.mediaFetcher()).withPolicy(policy), (bytes, lines, accepted, rejected) -> {
        double secs = (System.nanoTime() - started) / 1e9;
        String pct = size > 0 ? String.format(Locale.ROOT, " (%d%%)", bytes * 100 / size) : "";
        progress.show(String.format(Locale.ROOT, "scan: %s%s · %,d lines · %,d rejected · %,.0f events/s",
            ProgressLine.bytes(bytes), pct, lines, rejected, secs > 0 ? accepted / secs : 0));
      });
      if (store.isPresent()) {
        preserved = preserve(store.get());
      }
    } finally {
      progress.done();
      store.ifPresent(Store::close);
    }
    System.out.printf(Locale.ROOT, "%,d events read: %,d accepted, %,d duplicates, %,d rejected (%.1f s, %,.0f events/s)%n",
        s.lines(), s.accepted(), s.duplicates(), s.rejected(), s.seconds(), s.eventsPerSecond());
    System.out.printf(Locale.ROOT, "subjects: %,d critical, %,d high, %,d medium, %,d low · %,d hashtags%n",
        s.subjectsBySeverity().get(Severity.CRITICAL), s.subjectsBySeverity().get(Severity.HIGH),
        s.subjectsBySeverity().get(Severity.MEDIUM), s.subjectsBySeverity().get(Severity.LOW), s.hashtags());
    System.out.println("wrote " + out.resolve("verdicts.jsonl") + ", hashtags.jsonl, rejected.jsonl, media-errors.jsonl, summary.json");
    if (store.isPresent()) {
      System.out.printf(Locale.ROOT, "evidence preserved about %,d subject(s) in the store (ringbreaker evidence --help)%n",
          preserved);
    }
    return 0;
  }

  private long preserved;


  /** What the policy asked to preserve goes into the evidence store before the scan ends. */
  private long preserve(Store store) {
    var keeper = new io.ringbreaker.engine.EvidenceKeeper(store, evidence.keys(StoreOption.home(db, Path.of("ringbreaker-data"))), evidence.retention(),
        java.time.Clock.systemUTC());
    long n = 0;
    for (int done; (done = keeper.preservePending()) > 0; ) {
      n += done;
    }
    return n;
  }
}
