package io.ringbreaker.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.policy.Policy;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.Appended;
import io.ringbreaker.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ringbreaker scan}: streams a JSON Lines file of events through the pipeline and writes
 * {@code verdicts.jsonl}, {@code hashtags.jsonl}, {@code rejected.jsonl}, {@code media-errors.jsonl}
 * (media that could not be read or hashed, with the reason), {@code rings.jsonl}, {@code tag-series.jsonl}
 * (listed and followed tags day by day), {@code aftermath.jsonl} (who used a restricted tag before
 * and is still active) and {@code summary.json}.
 * Memory does not grow with the file: lines are read one at a time; what grows is the state (the
 * subjects that signals touched, the tags) and 16 bytes per event id for deduplication. With a
 * store, events are journaled and the state is kept there too.
 */
public final class Scan {

  /** Longest line read; longer lines are rejected with their number. */
  public static final int MAX_LINE_BYTES = 24 << 20;
  private static final int DURABLE_BATCH = 10_000;
  /** Events applied together in memory, their media hashed in parallel; small, as each may carry an image. */
  private static final int MEDIA_BATCH = 64;

  /**
   * @param bank entries to match media against
   * @param banks settings of the banks those entries are in (an allow bank, a threshold); a bank
   *     not listed gets the defaults
   * @param fetcher fetches http(s) media when present (off by default)
   */
  public record Options(List<LexiconTerm> lexicon, List<BankEntry> bank, Optional<Store> store,
                        Optional<java.util.function.Supplier<io.ringbreaker.detect.trade.PhraseRules>> phrases,
                        List<Bank> banks, Optional<MediaFetcher> fetcher, Optional<Policy> policy) {
    public Options {
      lexicon = List.copyOf(lexicon);
      bank = List.copyOf(bank);
      banks = List.copyOf(banks);
    }

    public Options(List<LexiconTerm> lexicon, List<BankEntry> bank, Optional<Store> store,
                   Optional<java.util.function.Supplier<io.ringbreaker.detect.trade.PhraseRules>> phrases,
                   List<Bank> banks, Optional<MediaFetcher> fetcher) {
      this(lexicon, bank, store, phrases, banks, fetcher, Optional.empty());
    }

    public Options(List<LexiconTerm> lexicon, List<BankEntry> bank, Optional<Store> store) {
      this(lexicon, bank, store, Optional.empty(), List.of(), Optional.empty());
    }

    /** The same, deciding with {@code p} instead of the default policy. */
    public Options withPolicy(Optional<? extends Policy> p) {
      return new Options(lexicon, bank, store, phrases, banks, fetcher, p.map(Policy.class::cast));
    }
  }

  /** Called now and then with the bytes read so far and the lines read so far. */
  @FunctionalInterface
  public interface Progress {
    void update(long bytesRead, long lines, long accepted, long rejected);

    Progress NONE = (b, l, a, r) -> {};
  }

  public record Summary(long lines, long accepted, long duplicates, long rejected, long mediaErrors,
                        Map<Severity, Long> subjectsBySeverity, long hashtags, long rings, double seconds) {
    public double eventsPerSecond() {
      return seconds <= 0 ? 0 : accepted / seconds;
    }
  }

  private Scan() {}

  public static Summary run(InputStream events, Path outDir, Options options, Progress progress) throws IOException {
    Files.createDirectories(outDir);
    long started = System.nanoTime();
    Target target = options.store().isPresent()
        ? new Durable(DurablePipeline.open(options.store().get(), options.lexicon(), options.banks(), options.bank(),
            false).readFileMedia(true))
        : new InMemory(options.lexicon(), options.banks(), options.bank());
    options.phrases().ifPresent(target.engine()::phraseRules);
    options.policy().ifPresent(target.engine()::policy);
    target.engine().fetchMedia(options.fetcher());
    Writer mediaErrors = Files.newBufferedWriter(outDir.resolve("media-errors.jsonl"), StandardCharsets.UTF_8);
    target.engine().onMediaProblem(p -> writeMediaProblem(mediaErrors, p));
    long lines = 0;
    long accepted = 0;
    long duplicates = 0;
    long rejected = 0;
    try (JsonLines in = new JsonLines(events, MAX_LINE_BYTES);
         Writer rej = Files.newBufferedWriter(outDir.resolve("rejected.jsonl"), StandardCharsets.UTF_8)) {
      Optional<JsonLines.Line> next;
      while ((next = in.next()).isPresent()) {
        JsonLines.Line line = next.get();
        lines++;
        ParseResult r = line.text().isPresent()
            ? EventParser.parse(line.text().get())
            : new ParseResult.Rejected(Optional.empty(), List.of(line.problem().orElseThrow()));
        switch (r) {
          case ParseResult.Accepted a -> {
            if (target.accept(a.event())) {
              accepted++;
            } else {
              duplicates++;
            }
          }
          case ParseResult.Rejected x -> {
            rejected++;
            writeRejected(rej, line, x);
          }
        }
        if ((lines & 0x3fff) == 0) {
          progress.update(in.bytesRead(), lines, accepted, rejected);
        }
      }
      duplicates += target.finish();
      target.recluster();
      accepted -= target.lateDuplicates();
      progress.update(in.bytesRead(), lines, accepted, rejected);
    }
    Engine engine = target.engine();
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0L);
    }
    try (BufferedWriter w = Files.newBufferedWriter(outDir.resolve("verdicts.jsonl"), StandardCharsets.UTF_8)) {
      for (Verdict v : engine.verdicts()) {
        bySeverity.merge(v.severity(), 1L, Long::sum);
        w.write(ContractJson.write(ContractJson.verdict(v)));
        w.write('\n');
      }
    }
    List<HashtagOpinion> tags = engine.hashtags();
    try (BufferedWriter w = Files.newBufferedWriter(outDir.resolve("hashtags.jsonl"), StandardCharsets.UTF_8)) {
      for (HashtagOpinion h : tags) {
        w.write(ContractJson.write(ContractJson.hashtag(h)));
        w.write('\n');
      }
    }
    writeLines(outDir.resolve("rings.jsonl"), engine.rings().stream().map(IntelJson::ring).toList());
    List<com.fasterxml.jackson.databind.JsonNode> days = new ArrayList<>();
    for (String tag : new java.util.TreeSet<>(engine.seriesTags())) {
      engine.series(tag).forEach(d -> days.add(IntelJson.day(tag, d)));
    }
    writeLines(outDir.resolve("tag-series.jsonl"), days);
    writeLines(outDir.resolve("aftermath.jsonl"), engine.aftermath().stream().map(IntelJson::aftermath).toList());
    target.close();
    mediaErrors.close();
    double seconds = (System.nanoTime() - started) / 1e9;
    Summary summary = new Summary(lines, accepted, duplicates, rejected, engine.mediaErrors(), bySeverity,
        tags.size(), engine.rings().size(), seconds);
    Files.writeString(outDir.resolve("summary.json"), ContractJson.write(summaryJson(summary, engine)) + "\n");
    return summary;
  }

  private static void writeLines(Path file, List<? extends com.fasterxml.jackson.databind.JsonNode> lines)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (var n : lines) {
        w.write(ContractJson.write(n));
        w.write('\n');
      }
    }
  }

  private static void writeMediaProblem(Writer w, Engine.MediaProblem p) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("event_id", p.eventId());
    o.put("problem", p.problem());
    try {
      w.write(ContractJson.write(o));
      w.write('\n');
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write media-errors.jsonl", e);
    }
  }

  private static void writeRejected(Writer w, JsonLines.Line line, ParseResult.Rejected x) throws IOException {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("line", line.number());
    if (x.eventId().isPresent()) {
      o.put("event_id", x.eventId().get());
    } else {
      o.putNull("event_id");
    }
    x.reasons().forEach(o.putArray("reasons")::add);
    line.text().ifPresent(t -> o.put("text", t.length() <= 1024 ? t : t.substring(0, 1024) + "…"));
    w.write(ContractJson.write(o));
    w.write('\n');
  }

  private static ObjectNode summaryJson(Summary s, Engine engine) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    ObjectNode events = o.putObject("events");
    events.put("read", s.lines());
    events.put("accepted", s.accepted());
    events.put("duplicates", s.duplicates());
    events.put("rejected", s.rejected());
    o.put("media_errors", s.mediaErrors());
    ObjectNode subjects = o.putObject("subjects");
    s.subjectsBySeverity().forEach((k, v) -> subjects.put(k.wire(), v));
    o.put("hashtags", s.hashtags());
    o.put("rings", s.rings());
    o.put("policy", engine.policyVersion());
    ObjectNode lists = o.putObject("lists");
    lists.put("lexicon_terms", engine.lexicon().size());
    lists.put("bank_entries", engine.bankSize());
    ObjectNode timings = o.putObject("timings");
    timings.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
    timings.put("events_per_second", Math.round(s.eventsPerSecond()));
    timings.put("clusterings", engine.clusterings());
    timings.put("clustering_seconds", Math.round(engine.clusterSeconds() * 1000) / 1000.0);
    return o;
  }

  /** Where accepted events go: the engine in memory, or the journal and then the engine. */
  private interface Target extends AutoCloseable {
    /** False when the event id was seen before (known at once in memory). */
    boolean accept(Event e);

    /** Flushes what is buffered; returns duplicates found only now. */
    long finish();

    /** Brings the rings up to date with the last events. */
    void recluster();

    /** Events counted as accepted that turned out to be duplicates at flush time. */
    long lateDuplicates();

    Engine engine();

    @Override
    void close();
  }

  private static final class InMemory implements Target {
    private final Engine engine;
    private final EventIdSet seen = new EventIdSet();
    private final List<Event> pending = new ArrayList<>(MEDIA_BATCH);

    InMemory(List<LexiconTerm> lexicon, List<Bank> banks, List<BankEntry> bank) {
      List<LexiconTerm> terms = new ArrayList<>(ListFiles.defaultLexicon());
      terms.addAll(lexicon);
      engine = new Engine(terms, Banks.of(banks, bank), RulePolicy.defaults()).readFileMedia(true);
    }

    @Override public boolean accept(Event e) {
      if (!seen.add(e.eventId())) {
        return false;
      }
      pending.add(e);
      if (pending.size() >= MEDIA_BATCH) {
        finish();
      }
      return true;
    }

    /** Applies what is pending: in batches so their media is hashed on every core. */
    @Override public long finish() {
      engine.applyAll(pending);
      pending.clear();
      return 0;
    }
    @Override public void recluster() { engine.recluster(); }
    @Override public long lateDuplicates() { return 0; }
    @Override public Engine engine() { return engine; }
    @Override public void close() {}
  }

  private static final class Durable implements Target {
    private final DurablePipeline pipeline;
    private final List<Event> buffer = new ArrayList<>(DURABLE_BATCH);
    private long late;

    Durable(DurablePipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override public boolean accept(Event e) {
      buffer.add(e);
      if (buffer.size() >= DURABLE_BATCH) {
        flush();
      }
      return true;
    }

    private void flush() {
      if (buffer.isEmpty()) {
        return;
      }
      for (Appended a : pipeline.appendNow(buffer)) {
        if (a.duplicate()) {
          late++;
        }
      }
      buffer.clear();
      pipeline.processAvailable();
    }

    @Override public long finish() {
      flush();
      return late;
    }

    @Override public void recluster() { pipeline.recluster(); }
    @Override public long lateDuplicates() { return late; }
    @Override public Engine engine() { return pipeline.engine(); }
    @Override public void close() { pipeline.close(); }
  }
}
