package io.ringbreaker.engine;

import io.ringbreaker.detect.MediaDetector;
import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.media.BankMatchDetector;
import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.detect.media.MediaHashes;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.offplatform.OffPlatform;
import io.ringbreaker.detect.text.Hashtags;
import io.ringbreaker.detect.text.Lexicon;
import io.ringbreaker.detect.text.LexiconDetector;
import io.ringbreaker.detect.trade.PhraseDetector;
import io.ringbreaker.detect.trade.PhraseRules;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.policy.Decision;
import io.ringbreaker.policy.Policy;
import io.ringbreaker.policy.SignalKinds;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pipeline's state machine: applies events one at a time (detect → attach signals to subjects
 * → policy → verdict) and keeps the state the verdicts are made from. Single-threaded by design:
 * one writer, like a stream processor's task; the durable runner and {@code scan} drive it.
 * Every change is also recorded as dirty, so a store can persist just what changed.
 */
public final class Engine {

  /** Evidence kept per subject; more is counted ({@code signal_count}) but not kept. */
  static final int MAX_KEPT_SIGNALS = 200;

  private volatile Lexicon lexicon;
  private final Banks banks;
  private final Policy policy;
  private final LexiconDetector lexiconDetector;
  private volatile java.util.function.Supplier<PhraseRules> phraseRules;
  private final List<TextDetector> textDetectors;
  private final List<MediaDetector> mediaDetectors;

  private final Map<Subject, SubjectState> subjects = new HashMap<>();
  private final Map<String, TagStats> tags = new HashMap<>();
  /** Tags Ringbreaker has an opinion about and tracks users of; few, unlike all tags seen. */
  private final Set<String> opinionTags = new HashSet<>();

  private final Set<Subject> dirtySubjects = new LinkedHashSet<>();
  private final Set<String> dirtyTags = new LinkedHashSet<>();
  private final Set<String> dirtyTerms = new LinkedHashSet<>();
  private long eventsApplied;
  private long mediaErrors;
  private boolean readFileMedia;
  private Pdq.Limits pdqLimits = Pdq.Limits.DEFAULTS;
  private Optional<MediaFetcher> mediaFetcher = Optional.empty();
  private Consumer<MediaProblem> mediaProblems = p -> { };
  /** Media of the batch in {@link #applyAll}, read and hashed ahead; by identity, not value. */
  private final Map<Media, PreparedMedia> prepared = new IdentityHashMap<>();

  public Engine(Collection<LexiconTerm> lexiconTerms, Collection<BankEntry> bankEntries, Policy policy) {
    this(lexiconTerms, Banks.of(List.of(), bankEntries), policy);
  }

  /** An engine matching media against {@code banks}, which others may change while it runs (in effect at once). */
  public Engine(Collection<LexiconTerm> lexiconTerms, Banks banks, Policy policy) {
    this.lexicon = Lexicon.of(lexiconTerms);
    this.banks = banks;
    this.policy = policy;
    this.lexiconDetector = new LexiconDetector(() -> lexicon);
    PhraseRules defaultPhrases = PhraseRules.defaults();
    this.phraseRules = () -> defaultPhrases;
    List<TextDetector> text = new ArrayList<>(List.of(lexiconDetector, new PhraseDetector(() -> phraseRules.get())));
    text.addAll(OffPlatform.detectors());
    this.textDetectors = List.copyOf(text);
    this.mediaDetectors = List.of(new BankMatchDetector(banks));
  }

  // ---- applying events ----------------------------------------------------------------------

  public void apply(Event e) {
    eventsApplied++;
    switch (e.body()) {
      case EventBody.Account a -> {
        Subject account = Subject.account(a.id());
        List<Subject> to = List.of(account);
        a.displayName().ifPresent(t -> text(e, "account.display_name", t, to));
        a.bio().ifPresent(t -> text(e, "account.bio", t, to));
        for (int i = 0; i < a.links().size(); i++) {
          text(e, "account.links[" + i + "]", a.links().get(i), to);
        }
      }
      case EventBody.Post p -> {
        List<Subject> to = List.of(Subject.post(p.id()), Subject.account(e.actor()));
        Set<String> used = new LinkedHashSet<>();
        if (p.hashtags().isPresent()) {
          List<String> given = p.hashtags().get();
          for (int i = 0; i < given.size() && used.size() < Hashtags.MAX_TAGS_PER_TEXT; i++) {
            String tag = given.get(i);
            if (used.add(Hashtags.fold(tag))) {
              lexiconDetector.scanTag(e, "post.hashtags[" + i + "]", tag, sink(e, to));
            }
          }
          p.text().ifPresent(t -> textExceptHashtags(e, "post.text", t, to));
        } else {
          p.text().ifPresent(t -> {
            Hashtags.find(t).forEach(f -> used.add(f.folded()));
            text(e, "post.text", t, to);
          });
        }
        used.forEach(tag -> countTagUse(tag, e.actor()));
        media(e, p.media(), to);
      }
      case EventBody.Comment c -> text(e, "comment.text", c.text(),
          List.of(Subject.comment(c.id()), Subject.account(e.actor())));
      case EventBody.Message m -> {
        // Unreadable (end-to-end encrypted) messages carry no text: metadata only.
        List<Subject> to = List.of(Subject.message(m.id()), Subject.account(e.actor()));
        m.text().ifPresent(t -> text(e, "message.text", t, to));
        media(e, m.media(), to);
      }
      case EventBody.Follow f -> {
        // The follow graph is the ring-intelligence work; nothing to signal on its own.
      }
      case EventBody.Report r -> {
        Map<String, String> detail = new HashMap<>();
        r.reason().ifPresent(v -> detail.put("reason", v));
        detail.put("report_id", r.id());
        attach(new Subject(r.targetType().subjectType(), r.targetType() == io.ringbreaker.model.TargetType.HASHTAG
                ? Hashtags.fold(r.targetId()) : r.targetId()),
            Signal.of(SignalKinds.REPORT_USER, e.actor(), e).withDetail(detail), e.occurredAt());
      }
      case EventBody.Enforcement en -> enforcement(e, en);
    }
  }

  private void enforcement(Event e, EventBody.Enforcement en) {
    Optional<TagState> tagState = en.action().tagState();
    if (tagState.isPresent()) {
      String term = Hashtags.fold(en.targetId());
      lexicon = lexicon.withState(term, tagState.get(), "platform");
      dirtyTerms.add(term);
      dirtyTags.add(term);
      tags.computeIfAbsent(term, k -> new TagStats());
      return;
    }
    if (en.action() == EnforcementAction.SUSPENDED || en.action() == EnforcementAction.REMOVED) {
      attach(new Subject(en.targetType().subjectType(), en.targetId()),
          Signal.of(SignalKinds.ENFORCEMENT, en.action().wire(), e), e.occurredAt());
    }
  }

  private void text(Event e, String field, String text, List<Subject> to) {
    TextField tf = new TextField(field, text);
    SignalSink sink = sink(e, to);
    for (TextDetector d : textDetectors) {
      d.scan(e, tf, sink);
    }
  }

  /** Post text when the platform sent the hashtags itself: the tags were already checked. */
  private void textExceptHashtags(Event e, String field, String text, List<Subject> to) {
    TextField tf = new TextField(field, text);
    SignalSink sink = sink(e, to);
    for (TextDetector d : textDetectors) {
      if (d == lexiconDetector) {
        lexiconDetector.scanRunningText(e, tf, sink);
      } else {
        d.scan(e, tf, sink);
      }
    }
  }

  /**
   * Applies events in order. Their media is read and hashed first, all at once on the media pool
   * (one thread per core): hashing an image costs about as much as everything else an event does
   * a thousand times over, so on the engine's one thread it would cap a media-heavy stream at the
   * speed of one core. What the engine decides is the same as applying them one by one.
   */
  public void applyAll(List<Event> events) {
    List<Media> work = new ArrayList<>();
    for (Event e : events) {
      for (Media m : mediaOf(e)) {
        if (MediaBytes.hasBytes(m, readFileMedia, mediaFetcher)) {
          work.add(m);
        }
      }
    }
    if (work.size() > 1 && MediaPool.THREADS > 1) {
      List<Future<PreparedMedia>> futures = new ArrayList<>(work.size());
      for (Media m : work) {
        futures.add(MediaPool.submit(() -> prepare(m)));
      }
      for (int i = 0; i < work.size(); i++) {
        try {
          prepared.put(work.get(i), futures.get(i).get());
        } catch (ExecutionException | InterruptedException ex) {
          if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          // left out: apply prepares it again on this thread and reports what goes wrong
        }
      }
    }
    try {
      for (Event e : events) {
        apply(e);
      }
    } finally {
      prepared.clear();
    }
  }

  private static List<Media> mediaOf(Event e) {
    return switch (e.body()) {
      case EventBody.Post p -> p.media();
      case EventBody.Message m -> m.media();
      default -> List.of();
    };
  }

  /** What reading and hashing one media item gave; made on any thread, used on the engine's. */
  private record PreparedMedia(Optional<String> readProblem, MediaHashes hashes) {}

  private PreparedMedia prepare(Media m) {
    Optional<byte[]> bytes;
    Optional<String> problem = Optional.empty();
    try {
      bytes = MediaBytes.resolve(m, readFileMedia, mediaFetcher);
    } catch (MediaBytes.MediaException ex) {
      problem = Optional.of(ex.getMessage());
      bytes = Optional.empty();
    }
    return new PreparedMedia(problem, MediaHashes.of(m, bytes, pdqLimits));
  }

  private void media(Event e, List<Media> media, List<Subject> to) {
    SignalSink sink = sink(e, to);
    for (Media m : media) {
      PreparedMedia p = prepared.remove(m);
      if (p == null) {
        p = prepare(m);
      }
      p.readProblem().ifPresent(problem -> mediaProblem(e, problem));
      MediaHashes hashes = p.hashes();
      hashes.problem().ifPresent(problem -> mediaProblem(e, problem));
      for (MediaDetector d : mediaDetectors) {
        d.scan(e, m, hashes, sink);
      }
    }
  }

  private void mediaProblem(Event e, String problem) {
    mediaErrors++;
    mediaProblems.accept(new MediaProblem(e.eventId(), problem));
  }

  /** Media of an event that could not be read or hashed; the event itself was processed. */
  public record MediaProblem(String eventId, String problem) {}

  private SignalSink sink(Event e, List<Subject> to) {
    return s -> {
      for (Subject subject : to) {
        attach(subject, s, e.occurredAt());
      }
    };
  }

  private void attach(Subject subject, Signal signal, Instant now) {
    SubjectState st = subjects.computeIfAbsent(subject, k -> new SubjectState());
    if (!st.add(signal)) {
      return;
    }
    Decision d = policy.decide(subject, st.signals);
    if (d.severity().atLeast(Severity.HIGH) && st.firstFlaggedAt == null) {
      st.firstFlaggedAt = now;
    }
    st.verdict = new Verdict(subject, d.severity(), d.score(), d.actions(), st.signals, st.count, d.reasons(),
        Optional.empty(), Optional.ofNullable(st.firstFlaggedAt));
    dirtySubjects.add(subject);
  }

  private void countTagUse(String tag, String account) {
    TagStats ts = tags.computeIfAbsent(tag, k -> new TagStats());
    ts.posts++;
    // Who used it is kept for tags Ringbreaker has an opinion about, to count flagged accounts.
    if (lexicon.match(tag).isPresent()) {
      ts.accounts.add(account);
      opinionTags.add(tag);
      dirtyTags.add(tag);
    }
  }

  // ---- reading state ------------------------------------------------------------------------

  public Optional<Verdict> verdict(Subject s) {
    SubjectState st = subjects.get(s);
    return st == null ? Optional.empty() : Optional.ofNullable(st.verdict);
  }

  /** Every verdict, most severe first. */
  public List<Verdict> verdicts() {
    List<Verdict> out = new ArrayList<>(subjects.size());
    for (SubjectState st : subjects.values()) {
      if (st.verdict != null) {
        out.add(st.verdict);
      }
    }
    out.sort(VERDICT_ORDER);
    return out;
  }

  public static final Comparator<Verdict> VERDICT_ORDER = Comparator.comparing(Verdict::severity).reversed()
      .thenComparing(Comparator.comparingDouble(Verdict::score).reversed())
      .thenComparing(Verdict::subject);

  public Optional<HashtagOpinion> hashtag(String tag) {
    TagStats ts = tags.get(tag);
    Optional<Lexicon.Match> match = lexicon.match(tag);
    if (ts == null || match.isEmpty()) {
      return Optional.empty();
    }
    LexiconTerm term = match.get().term();
    long flagged = ts.accounts.stream().filter(a -> verdict(Subject.account(a))
        .map(v -> v.severity().atLeast(Severity.HIGH)).orElse(false)).count();
    String reason = term.state() == TagState.ALLOWED
        ? "allowed by the lexicon"
        : "listed term '" + term.term() + "' (" + term.category() + ", " + match.get().how() + " match)";
    return Optional.of(new HashtagOpinion(tag, Optional.of(term.term()), term.state(), Optional.empty(), reason,
        ts.posts, flagged, false));
  }

  /** Every hashtag Ringbreaker has an opinion about, most used first. */
  public List<HashtagOpinion> hashtags() {
    List<HashtagOpinion> out = new ArrayList<>();
    for (String tag : tags.keySet()) {
      hashtag(tag).ifPresent(out::add);
    }
    out.sort(Comparator.comparingLong(HashtagOpinion::posts).reversed().thenComparing(HashtagOpinion::tag));
    return out;
  }

  /** Where the trade-language rules come from (a file an operator edits, reloaded when it changes). */
  public Engine phraseRules(java.util.function.Supplier<PhraseRules> rules) {
    this.phraseRules = rules;
    return this;
  }

  /** Whether {@code file:} media URLs are read: yes for the operator's own files in a scan. */
  public Engine readFileMedia(boolean read) {
    this.readFileMedia = read;
    return this;
  }

  public Lexicon lexicon() {
    return lexicon;
  }

  public void addLexicon(Collection<LexiconTerm> terms) {
    lexicon = lexicon.with(terms);
  }

  /** Where media that cannot be read or hashed is reported (one call per item). */
  public Engine onMediaProblem(Consumer<MediaProblem> sink) {
    this.mediaProblems = sink;
    return this;
  }

  /** Fetches {@code http(s)} media through {@code fetcher} (off when empty, the default). */
  public Engine fetchMedia(Optional<MediaFetcher> fetcher) {
    this.mediaFetcher = fetcher;
    return this;
  }

  public Engine pdqLimits(Pdq.Limits limits) {
    this.pdqLimits = limits;
    return this;
  }

  public void addBankEntries(Collection<BankEntry> entries) {
    entries.forEach(banks::put);
  }

  public Banks banks() {
    return banks;
  }

  public int bankSize() {
    return banks.size();
  }

  public long eventsApplied() {
    return eventsApplied;
  }

  public long mediaErrors() {
    return mediaErrors;
  }

  public String policyVersion() {
    return policy.version();
  }

  // ---- changes and restore, for a store -----------------------------------------------------

  /** What changed since the last drain. */
  public record Changes(List<Verdict> verdicts, List<HashtagOpinion> hashtags, Map<String, TagUse> tagUses,
                        List<LexiconTerm> terms) {
    public boolean isEmpty() {
      return verdicts.isEmpty() && hashtags.isEmpty() && tagUses.isEmpty() && terms.isEmpty();
    }
  }

  /** A tag's internal counters: posts, and who used it (for tags with an opinion). */
  public record TagUse(long posts, List<String> accounts) {}

  public Changes drainChanges() {
    List<Verdict> vs = new ArrayList<>(dirtySubjects.size());
    for (Subject s : dirtySubjects) {
      verdict(s).ifPresent(vs::add);
    }
    // An account's new verdict can change the flagged count of the tags it used.
    Set<String> tagsToWrite = new LinkedHashSet<>(dirtyTags);
    if (dirtySubjects.stream().anyMatch(x -> x.type() == io.ringbreaker.model.SubjectType.ACCOUNT)) {
      tagsToWrite.addAll(opinionTags);
    }
    List<HashtagOpinion> hs = new ArrayList<>();
    Map<String, TagUse> uses = new HashMap<>();
    for (String t : tagsToWrite) {
      hashtag(t).ifPresent(hs::add);
      TagStats ts = tags.get(t);
      if (ts != null) {
        uses.put(t, new TagUse(ts.posts, List.copyOf(ts.accounts)));
      }
    }
    List<LexiconTerm> terms = new ArrayList<>();
    for (String t : dirtyTerms) {
      lexicon.term(t).ifPresent(terms::add);
    }
    dirtySubjects.clear();
    dirtyTags.clear();
    dirtyTerms.clear();
    return new Changes(vs, hs, uses, terms);
  }

  /** Restores a subject from its stored verdict (the verdict carries the kept evidence). */
  public void restore(Verdict v) {
    SubjectState st = new SubjectState();
    v.signals().forEach(st::add);
    st.count = v.signalCount();
    st.firstFlaggedAt = v.firstFlaggedAt().orElse(null);
    st.verdict = v;
    subjects.put(v.subject(), st);
  }

  public void restore(String tag, TagUse use) {
    TagStats ts = new TagStats();
    ts.posts = use.posts();
    ts.accounts.addAll(use.accounts());
    tags.put(tag, ts);
    if (!ts.accounts.isEmpty()) {
      opinionTags.add(tag);
    }
  }

  /**
   * A person set a term's state or added a term (the lexicon API): in force for the next event,
   * and kept with the engine's state like an enforcement event's change.
   */
  public void setTerm(LexiconTerm term) {
    String key = Hashtags.fold(term.term());
    lexicon = lexicon.with(List.of(new LexiconTerm(key, term.category(), term.state())));
    dirtyTerms.add(key);
    dirtyTags.add(key);
    tags.computeIfAbsent(key, k -> new TagStats());
  }

  public void restoreTerm(LexiconTerm term) {
    lexicon = lexicon.with(List.of(term));
  }

  /** Visits every subject's verdict without sorting. */
  public void forEachVerdict(Consumer<Verdict> c) {
    subjects.values().forEach(st -> {
      if (st.verdict != null) {
        c.accept(st.verdict);
      }
    });
  }

  // ---- state --------------------------------------------------------------------------------

  private static final class SubjectState {
    final List<Signal> signals = new ArrayList<>();
    final Set<String> keys = new HashSet<>();
    int count;
    Instant firstFlaggedAt;
    Verdict verdict;

    /** False when this exact evidence (kind, value, event) is already known. */
    boolean add(Signal s) {
      String key = s.kind() + '\u0000' + s.value() + '\u0000' + s.eventId();
      if (!keys.add(key)) {
        return false;
      }
      count++;
      if (signals.size() < MAX_KEPT_SIGNALS) {
        signals.add(s);
      }
      return true;
    }
  }

  private static final class TagStats {
    long posts;
    final Set<String> accounts = new HashSet<>();
  }
}
