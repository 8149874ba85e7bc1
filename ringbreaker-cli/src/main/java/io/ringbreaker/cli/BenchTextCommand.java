package io.ringbreaker.cli;

import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.offplatform.OffPlatform;
import io.ringbreaker.detect.text.Lexicon;
import io.ringbreaker.detect.text.LexiconDetector;
import io.ringbreaker.detect.trade.PhraseDetector;
import io.ringbreaker.detect.trade.PhraseRules;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import io.ringbreaker.sim.SimConfig;
import io.ringbreaker.sim.Simulator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "text", mixinStandardHelpOptions = true,
    header = "Throughput of the full text pass with a large lexicon, beside a naive regex baseline.",
    description = {"Measures, on this machine, texts/s through the text detectors the engine runs on every",
        "text field (normalise, hashtags, lexicon, phrases, links, handles, payments) over simulated",
        "short texts (post, comment and message text, bios), with a lexicon of --terms terms: the",
        "shipped and simulated lexicons plus invented placeholder words.",
        "Beside it, the naive baseline: one case-insensitive regex alternation of every term (as",
        "#term) and the phrase trigger words, find() over the raw text, in java.util.regex and RE2/J.",
        "Single-thread figures are the best and median of --passes passes after one unmeasured pass."})
final class BenchTextCommand implements Callable<Integer> {

  /** A measured pass stops after this long even if texts are left: the baseline is slow. */
  static final long PASS_BUDGET_NANOS = 3_000_000_000L;

  @Option(names = "--texts", defaultValue = "200000", description = "Simulated texts to cycle through (default: ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--terms", defaultValue = "10000", description = "Lexicon size, filled with invented placeholder words (default: ${DEFAULT-VALUE}).")
  int terms;

  @Option(names = "--threads", description = "Threads for the all-cores run; 1 skips it (default: the number of cores).")
  Integer threads;

  @Option(names = "--passes", defaultValue = "3", description = "Measured passes per single-thread figure (default: ${DEFAULT-VALUE}).")
  int passes;

  @Option(names = "--skip-re2j", description = "Leave out the RE2/J baseline.") boolean skipRe2j;

  @Override
  public Integer call() throws Exception {
    if (texts < 1 || terms < 1 || passes < 1 || (threads != null && threads < 1)) {
      throw new UserError("--texts, --terms, --passes and --threads must be at least 1");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int t = threads == null ? cores : threads;
    System.out.printf(Locale.ROOT, "ringbreaker bench text · %d cores · Java %s%n", cores, Runtime.version());

    Corpus corpus = Corpus.simulate(texts);
    List<LexiconTerm> lexiconTerms = lexicon(terms);
    Lexicon lexicon = Lexicon.of(lexiconTerms);
    PhraseRules phrases = PhraseRules.defaults();
    System.out.printf(Locale.ROOT, "lexicon: %,d terms (%,d invented placeholders); %d phrase rules%n",
        lexicon.size(), lexiconTerms.size() - shippedTerms().size(), phrases.rules().size());
    System.out.printf(Locale.ROOT, "texts: %,d simulated (post, comment and message text, bios), mean %.0f chars%n",
        corpus.size(), corpus.meanLength());

    FullPass full = new FullPass(lexicon, phrases);
    Rate fullRate = measure(full::run, corpus);
    System.out.printf(Locale.ROOT, "%nsingle thread%n");
    System.out.printf(Locale.ROOT, "  %-44s %,12.0f texts/s best  %,12.0f median  (%,.1f signals per 1,000 texts)%n",
        "full text pass:", fullRate.best(), fullRate.median(), fullRate.signalsPerThousand());

    Baseline jdk = Baseline.jdk(lexiconTerms, phrases);
    Rate jdkRate = measure(jdk::run, corpus);
    System.out.printf(Locale.ROOT, "  %-44s %,12.0f texts/s best  %,12.0f median  (%,.1f matches per 1,000 texts)%n",
        "baseline, java.util.regex alternation:", jdkRate.best(), jdkRate.median(), jdkRate.signalsPerThousand());
    Rate re2Rate = null;
    if (!skipRe2j) {
      Baseline re2 = Baseline.re2j(lexiconTerms, phrases);
      re2Rate = measure(re2::run, corpus);
      System.out.printf(Locale.ROOT, "  %-44s %,12.0f texts/s best  %,12.0f median  (%,.1f matches per 1,000 texts)%n",
          "baseline, RE2/J alternation:", re2Rate.best(), re2Rate.median(), re2Rate.signalsPerThousand());
    }
    if (jdkRate.textsPerPass() < corpus.size()) {
      System.out.printf(Locale.ROOT, "  (a baseline pass stops after %d s: each baseline covered the first %,d texts or more)%n",
          PASS_BUDGET_NANOS / 1_000_000_000L, Math.min(jdkRate.textsPerPass(), re2Rate == null ? Long.MAX_VALUE : re2Rate.textsPerPass()));
    }
    System.out.printf(Locale.ROOT, "  ratio: full pass / java.util.regex baseline = %.1fx%s%n", fullRate.best() / jdkRate.best(),
        re2Rate == null ? "" : String.format(Locale.ROOT, "; full pass / RE2/J baseline = %.1fx", fullRate.best() / re2Rate.best()));

    if (t > 1) {
      double all = allThreads(lexicon, phrases, corpus, t);
      System.out.printf(Locale.ROOT, "%n%d threads%n  %-44s %,12.0f texts/s  (%,.0f per thread)%n", t, "full text pass:", all, all / t);
    }
    System.out.printf(Locale.ROOT, "%ntarget: full text pass >= 100,000 texts/s per core with a 10,000-term lexicon%n");
    return 0;
  }

  // ---- texts and lexicon ----------------------------------------------------------------------

  /** Short texts from the seed-7 simulation, each with the event and field it came from. */
  record Corpus(Event[] events, TextField[] fields) {

    static Corpus simulate(int n) {
      List<Event> events = new ArrayList<>(n);
      List<TextField> fields = new ArrayList<>(n);
      // Not every event carries text (follows, reports...): ask for more events than texts.
      Iterator<Event> it = new Simulator(SimConfig.ofEvents(7, Math.max(1_000L, 3L * n))).events();
      while (fields.size() < n && it.hasNext()) {
        Event e = it.next();
        switch (e.body()) {
          case EventBody.Post p -> p.text().ifPresent(t -> { events.add(e); fields.add(new TextField("post.text", t)); });
          case EventBody.Comment c -> { events.add(e); fields.add(new TextField("comment.text", c.text())); }
          case EventBody.Message m -> m.text().ifPresent(t -> { events.add(e); fields.add(new TextField("message.text", t)); });
          case EventBody.Account a -> a.bio().ifPresent(t -> { events.add(e); fields.add(new TextField("account.bio", t)); });
          default -> { }
        }
      }
      if (fields.isEmpty()) {
        throw new IllegalStateException("the simulation produced no text");
      }
      return new Corpus(events.toArray(Event[]::new), fields.toArray(TextField[]::new));
    }

    int size() {
      return fields.length;
    }

    double meanLength() {
      return Arrays.stream(fields).mapToInt(f -> f.text().length()).average().orElse(0);
    }
  }

  /** The shipped lexicon and the simulation's (a term in both once), as {@code scan --lexicon sim/lexicon.csv} loads them. */
  static List<LexiconTerm> shippedTerms() {
    List<LexiconTerm> all = new ArrayList<>(ListFiles.defaultLexicon());
    all.addAll(ListFiles.readLexicon(new StringReader(Simulator.lexiconCsv()), "lexicon.csv"));
    Set<String> seen = new TreeSet<>();
    return new ArrayList<>(all.stream().filter(t -> seen.add(t.term())).toList());
  }

  /** The shipped terms, then invented placeholder words (fixed seed) up to {@code size} terms in all. */
  static List<LexiconTerm> lexicon(int size) {
    List<LexiconTerm> terms = shippedTerms();
    Set<String> seen = new TreeSet<>();
    terms.forEach(t -> seen.add(t.term()));
    Random random = new Random(42);
    while (seen.size() < size) {
      String w = inventedWord(random);
      if (seen.add(w)) {
        terms.add(new LexiconTerm(w, "placeholder", TagState.WATCH));
      }
    }
    return terms;
  }

  private static final String CONSONANTS = "bdfgklmnprstvz";
  private static final String VOWELS = "aeiou";

  /** A pronounceable made-up word of 6 to 14 letters: consonant-vowel syllables, no real term. */
  static String inventedWord(Random random) {
    int length = 6 + random.nextInt(9);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      String from = i % 2 == 0 ? CONSONANTS : VOWELS;
      sb.append(from.charAt(random.nextInt(from.length())));
    }
    return sb.toString();
  }

  // ---- what is measured -----------------------------------------------------------------------

  /** The text detectors as {@code Engine}'s constructor builds them, run on one text field. */
  static final class FullPass {
    private final List<TextDetector> detectors;
    private long signals;
    private final SignalSink sink = s -> signals++;

    FullPass(Lexicon lexicon, PhraseRules phrases) {
      List<TextDetector> d = new ArrayList<>(List.of(new LexiconDetector(() -> lexicon), new PhraseDetector(() -> phrases)));
      d.addAll(OffPlatform.detectors());
      this.detectors = List.copyOf(d);
    }

    /** Signals found in the text at {@code i}, counted so the work cannot be dropped. */
    long run(Corpus c, int i) {
      signals = 0;
      for (TextDetector d : detectors) {
        d.scan(c.events()[i], c.fields()[i], sink);
      }
      return signals;
    }
  }

  /** The obvious implementation: one case-insensitive alternation over the raw text, matches counted. */
  record Baseline(ToLongFunction<String> count) {

    static List<String> alternatives(List<LexiconTerm> terms, PhraseRules phrases) {
      Set<String> words = new LinkedHashSet<>();
      terms.forEach(t -> words.add("#" + t.term()));
      phrases.rules().forEach(r -> words.addAll(r.triggers()));
      return List.copyOf(words);
    }

    static Baseline jdk(List<LexiconTerm> terms, PhraseRules phrases) {
      StringBuilder sb = new StringBuilder();
      for (String w : alternatives(terms, phrases)) {
        sb.append(sb.isEmpty() ? "" : "|").append(Pattern.quote(w));
      }
      Pattern p = Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
      return new Baseline(text -> {
        Matcher m = p.matcher(text);
        long n = 0;
        while (m.find()) {
          n++;
        }
        return n;
      });
    }

    static Baseline re2j(List<LexiconTerm> terms, PhraseRules phrases) {
      StringBuilder sb = new StringBuilder("(?i)");
      boolean first = true;
      for (String w : alternatives(terms, phrases)) {
        sb.append(first ? "" : "|").append(com.google.re2j.Pattern.quote(w));
        first = false;
      }
      com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(sb.toString());
      return new Baseline(text -> {
        com.google.re2j.Matcher m = p.matcher(text);
        long n = 0;
        while (m.find()) {
          n++;
        }
        return n;
      });
    }

    long run(Corpus c, int i) {
      return count.applyAsLong(c.fields()[i].text());
    }
  }

  /** One text's work: returns what it found. */
  @FunctionalInterface
  interface Work {
    long run(Corpus c, int i);
  }

  /** Texts per second over the measured passes, and what the work found per text. */
  record Rate(double[] perPass, double signalsPerThousand, long textsPerPass) {
    double best() {
      return Arrays.stream(perPass).max().orElse(0);
    }

    double median() {
      double[] s = perPass.clone();
      Arrays.sort(s);
      return s[s.length / 2];
    }
  }

  /** One unmeasured pass to warm up the JIT, then {@code passes} measured ones. */
  Rate measure(Work work, Corpus c) {
    pass(work, c);
    double[] rates = new double[passes];
    long found = 0;
    long done = 0;
    for (int i = 0; i < passes; i++) {
      long[] r = pass(work, c);
      rates[i] = r[0] / (r[2] / 1e9);
      done += r[0];
      found += r[1];
    }
    return new Rate(rates, 1_000.0 * found / done, done / passes);
  }

  /** Runs over the texts in order until all are done or the budget is spent: {texts, found, nanos}. */
  static long[] pass(Work work, Corpus c) {
    long found = 0;
    long start = System.nanoTime();
    long elapsed = 0;
    int i = 0;
    while (i < c.size()) {
      found += work.run(c, i++);
      if ((i & 255) == 0 && (elapsed = System.nanoTime() - start) > PASS_BUDGET_NANOS) {
        break;
      }
    }
    elapsed = System.nanoTime() - start;
    return new long[] {i, found, elapsed};
  }

  /** Every thread runs the full pass over all the texts (from its own starting point) at once. */
  static double allThreads(Lexicon lexicon, PhraseRules phrases, Corpus c, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = 0;
      for (int round = 0; round < 3; round++) { // the first round warms up the new threads' detectors
        List<Future<Long>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          int offset = (int) ((long) c.size() * t / threads);
          futures.add(pool.submit(() -> {
            FullPass full = new FullPass(lexicon, phrases);
            long found = 0;
            for (int k = 0; k < c.size(); k++) {
              found += full.run(c, (offset + k) % c.size());
            }
            return found;
          }));
        }
        for (Future<Long> f : futures) {
          f.get();
        }
        double rate = (double) c.size() * threads / ((System.nanoTime() - start) / 1e9);
        if (round > 0) {
          best = Math.max(best, rate);
        }
      }
      return best;
    } finally {
      pool.shutdown();
    }
  }
}
