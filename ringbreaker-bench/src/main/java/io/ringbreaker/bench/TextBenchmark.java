package io.ringbreaker.bench;

import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.offplatform.OffPlatform;
import io.ringbreaker.detect.text.Lexicon;
import io.ringbreaker.detect.text.LexiconDetector;
import io.ringbreaker.detect.trade.PhraseDetector;
import io.ringbreaker.detect.trade.PhraseRules;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Texts per second through the full text pass, one text per operation, over the short texts of the
 * simulated platform (post, comment and message text, bios) with a lexicon of {@code terms} terms:
 * <ul>
 *   <li>{@code fullPass}: every text detector the engine runs on a text field, built as
 *       {@code Engine}'s constructor builds them (lexicon with hashtags and normalisation, phrase
 *       rules, links, handles, payments);
 *   <li>{@code naiveRegexBaseline}: the obvious implementation, one case-insensitive
 *       {@link java.util.regex.Pattern} alternation of every term (as {@code #term}) and the phrase
 *       trigger words, {@code find()} over the raw text.
 * </ul>
 * The lexicon is the shipped and simulated terms, filled up with invented placeholder words.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class TextBenchmark {

  /** Simulated events to take texts from (about two in three carry one). */
  @Param("200000")
  public int events;

  /** Lexicon size. */
  @Param("10000")
  public int terms;

  private Event[] textEvents;
  private TextField[] fields;
  private List<TextDetector> detectors;
  private Pattern baseline;
  private long signals;
  private final SignalSink sink = s -> signals++;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SimulatedPlatform platform = SimulatedPlatform.generate(events);
    List<Event> es = new ArrayList<>();
    List<TextField> fs = new ArrayList<>();
    for (Event e : platform.events()) {
      switch (e.body()) {
        case EventBody.Post p -> p.text().ifPresent(t -> { es.add(e); fs.add(new TextField("post.text", t)); });
        case EventBody.Comment c -> { es.add(e); fs.add(new TextField("comment.text", c.text())); }
        case EventBody.Message m -> m.text().ifPresent(t -> { es.add(e); fs.add(new TextField("message.text", t)); });
        case EventBody.Account a -> a.bio().ifPresent(t -> { es.add(e); fs.add(new TextField("account.bio", t)); });
        default -> { }
      }
    }
    textEvents = es.toArray(Event[]::new);
    fields = fs.toArray(TextField[]::new);

    List<LexiconTerm> lexiconTerms = lexicon(platform.lexicon(), terms);
    Lexicon lexicon = Lexicon.of(lexiconTerms);
    PhraseRules phrases = PhraseRules.defaults();
    List<TextDetector> d = new ArrayList<>(List.of(new LexiconDetector(() -> lexicon), new PhraseDetector(() -> phrases)));
    d.addAll(OffPlatform.detectors());
    detectors = List.copyOf(d);

    Set<String> words = new LinkedHashSet<>();
    lexiconTerms.forEach(t -> words.add("#" + t.term()));
    phrases.rules().forEach(r -> words.addAll(r.triggers()));
    StringBuilder alternation = new StringBuilder();
    for (String w : words) {
      alternation.append(alternation.isEmpty() ? "" : "|").append(Pattern.quote(w));
    }
    baseline = Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** Signals the detectors found in the next text: counted, so the work cannot be dropped. */
  @Benchmark
  public long fullPass() {
    int i = next();
    signals = 0;
    for (TextDetector d : detectors) {
      d.scan(textEvents[i], fields[i], sink);
    }
    return signals;
  }

  /** Matches of the alternation in the next text. */
  @Benchmark
  public long naiveRegexBaseline() {
    Matcher m = baseline.matcher(fields[next()].text());
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private int next() {
    if (next == fields.length) {
      next = 0;
    }
    return next++;
  }

  /** The given terms (once each), then invented placeholder words (fixed seed) up to {@code size}. */
  static List<LexiconTerm> lexicon(List<LexiconTerm> given, int size) {
    Set<String> seen = new LinkedHashSet<>();
    List<LexiconTerm> out = new ArrayList<>();
    for (LexiconTerm t : given) {
      if (seen.add(t.term())) {
        out.add(t);
      }
    }
    Random random = new Random(42);
    while (seen.size() < size) {
      String w = inventedWord(random);
      if (seen.add(w)) {
        out.add(new LexiconTerm(w, "placeholder", TagState.WATCH));
      }
    }
    return out;
  }

  /** A pronounceable made-up word of 6 to 14 letters: consonant-vowel syllables, no real term. */
  static String inventedWord(Random random) {
    String consonants = "bdfgklmnprstvz";
    String vowels = "aeiou";
    int length = 6 + random.nextInt(9);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      String from = i % 2 == 0 ? consonants : vowels;
      sb.append(from.charAt(random.nextInt(from.length())));
    }
    return sb.toString();
  }

  /** For the smoke test: how many texts are cycled through. */
  int texts() {
    return fields.length;
  }
}
