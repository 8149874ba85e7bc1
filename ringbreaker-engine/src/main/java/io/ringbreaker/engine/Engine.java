package io.ringbreaker.engine;

import io.ringbreaker.detect.MediaDetector;
import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.detect.TextDetector;
import io.ringbreaker.detect.TextField;
import io.ringbreaker.detect.media.BankMatchDetector;
import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.detect.media.MediaHashes;
import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.media.index.HammingIndex;
import io.ringbreaker.detect.offplatform.OffPlatform;
import io.ringbreaker.detect.ring.FloodWatch;
import io.ringbreaker.detect.ring.Ring;
import io.ringbreaker.detect.ring.RingFinder;
import io.ringbreaker.detect.ring.TagTrends;
import io.ringbreaker.detect.ring.TieKind;
import io.ringbreaker.detect.text.Hashtags;
import io.ringbreaker.detect.text.Lexicon;
import io.ringbreaker.detect.text.LexiconDetector;
import io.ringbreaker.detect.trade.PhraseDetector;
import io.ringbreaker.detect.trade.PhraseRules;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.DecidedBy;
import io.ringbreaker.model.EnforcementAction;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.EventBody;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Subject;
import io.ringbreaker.model.SubjectType;
import io.ringbreaker.model.TagEvidence;
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
import java.util.LinkedHashMap;
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
  /** Volatile: the console reads which policy is in force from its own threads. */
  private volatile Policy policy;
  private final LexiconDetector lexiconDetector;
  private volatile java.util.function.Supplier<PhraseRules> phraseRules;
  private final List<TextDetector> textDetectors;
  private final List<MediaDetector> mediaDetectors;

  private final Map<Subject, SubjectState> subjects = new HashMap<>();
  private final Map<String, TagStats> tags = new HashMap<>();
  /** Tags Ringbreaker has an opinion about and tracks users of; few, unlike all tags seen. */
  private final Set<String> opinionTags = new HashSet<>();

  private final Set<Subject> dirtySubjects = new LinkedHashSet<>();
  /** Item → its author (the actor of the event that made it), for items with evidence. */
  private final Map<Subject, String> authors = new HashMap<>();
  private final Set<Subject> dirtyAuthors = new LinkedHashSet<>();
  /** Handles seen since the last drain (folded handle → account); kept in the store, not here. */
  private final Map<String, String> dirtyHandles = new LinkedHashMap<>();
  private final Set<String> confirmedSeeds = new HashSet<>();
  private final Set<String> dirtyConfirmedSeeds = new LinkedHashSet<>();
  private final Set<String> dirtyTags = new LinkedHashSet<>();
  private final Set<String> dirtyTerms = new LinkedHashSet<>();
  private long eventsApplied;
  private long mediaErrors;
  private boolean readFileMedia;
  private Pdq.Limits pdqLimits = Pdq.Limits.DEFAULTS;
  private Optional<MediaFetcher> mediaFetcher = Optional.empty();
  private Consumer<MediaProblem> mediaProblems = p -> { };
  private final RingIntel intel = new RingIntel();
  /** Set while a post that is part of a meme flood of a listed tag is applied. */
  private boolean floodPost;
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
    intel.eventsSinceCluster++;
    if (e.occurredAt().isAfter(intel.now)) {
      intel.now = e.occurredAt();
    }
    if (!(e.body() instanceof EventBody.Enforcement)) {
      intel.graph.active(e.actor(), e.occurredAt());
    }
    switch (e.body()) {
      case EventBody.Account a -> {
        Subject account = Subject.account(a.id());
        dirtyHandles.put(io.ringbreaker.store.CaseQuery.term(a.handle()), a.id());
        List<Subject> to = List.of(account);
        a.displayName().ifPresent(t -> text(e, "account.display_name", t, to));
        a.bio().ifPresent(t -> text(e, "account.bio", t, to));
        for (int i = 0; i < a.links().size(); i++) {
          text(e, "account.links[" + i + "]", a.links().get(i), to);
        }
      }
      case EventBody.Post p -> post(e, p);
      case EventBody.Comment c -> {
        intel.graph.postAuthor(c.postId())
            .ifPresent(author -> intel.graph.tie(e.actor(), author, TieKind.COMMENT, e.occurredAt(), e.eventId(), 1));
        text(e, "comment.text", c.text(), List.of(Subject.comment(c.id()), Subject.account(e.actor())));
      }
      case EventBody.Message m -> {
        // Unreadable (end-to-end encrypted) messages carry no text: metadata only.
        List<Subject> to = List.of(Subject.message(m.id()), Subject.account(e.actor()));
        // A group message ties its writer to each reader less than a one-to-one conversation does.
        double share = Math.min(1, 3.0 / Math.max(1, m.to().size()));
        for (String reader : m.to()) {
          intel.graph.tie(e.actor(), reader, TieKind.MESSAGE, e.occurredAt(), e.eventId(), share);
        }
        m.text().ifPresent(t -> text(e, "message.text", t, to));
        media(e, m.media(), to);
      }
      case EventBody.Follow f -> {
        // An unfollow adds nothing; the tie fades with time like every other.
        if (f.active()) {
          intel.graph.tie(e.actor(), f.target(), TieKind.FOLLOW, e.occurredAt(), e.eventId(), 1);
        }
      }
      case EventBody.Report r -> {
        Map<String, String> detail = new HashMap<>();
        r.reason().ifPresent(v -> detail.put("reason", v));
        detail.put("report_id", r.id());
        if (intel.floodPosters.contains(e.actor())) {
          // A crowd burying a tag reports everyone in it: its reports say little about each one.
          detail.put("reporter", "flooding");
        }
        attach(new Subject(r.targetType().subjectType(), r.targetType() == io.ringbreaker.model.TargetType.HASHTAG
                ? Hashtags.fold(r.targetId()) : r.targetId()),
            Signal.of(SignalKinds.REPORT_USER, e.actor(), e).withDetail(detail), e.occurredAt());
      }
      case EventBody.Enforcement en -> enforcement(e, en);
      case EventBody.Appeal ap -> {
        Map<String, String> detail = new HashMap<>();
        ap.actionId().ifPresent(v -> detail.put("action_id", v));
        ap.action().ifPresent(v -> detail.put("action", v));
        attach(new Subject(ap.targetType().subjectType(), ap.targetType() == io.ringbreaker.model.TargetType.HASHTAG
                ? Hashtags.fold(ap.targetId()) : ap.targetId()),
            Signal.of(SignalKinds.APPEAL, ap.id(), e).withDetail(detail), e.occurredAt());
      }
    }
  }

  private void enforcement(Event e, EventBody.Enforcement en) {
    Optional<TagState> tagState = en.action().tagState();
    if (tagState.isPresent()) {
      String term = Hashtags.fold(en.targetId());
      if (tagState.get().compareTo(TagState.RESTRICTED) >= 0) {
        snapshotUsers(lexicon.match(term).map(m -> m.term().term()).orElse(term), e.occurredAt());
      }
      lexicon = lexicon.withState(term, tagState.get(), "platform");
      dirtyTerms.add(term);
      dirtyTags.add(term);
      tags.computeIfAbsent(term, k -> new TagStats());
      return;
    }
    if (en.action() == EnforcementAction.SUSPENDED && en.targetType() == io.ringbreaker.model.TargetType.ACCOUNT) {
      intel.suspended.put(en.targetId(), e.occurredAt());
      intel.unsavedSuspended.add(en.targetId());
    }
    if (en.action() == EnforcementAction.SUSPENDED || en.action() == EnforcementAction.REMOVED) {
      attach(new Subject(en.targetType().subjectType(), en.targetId()),
          Signal.of(SignalKinds.ENFORCEMENT, en.action().wire(), e), e.occurredAt());
    }
  }

  private void post(Event e, EventBody.Post p) {
    intel.graph.post(p.id(), e.actor(), e.occurredAt());
    List<Subject> to = List.of(Subject.post(p.id()), Subject.account(e.actor()));
    Set<String> used = new LinkedHashSet<>();
    if (p.hashtags().isPresent()) {
      List<String> given = p.hashtags().get();
      for (int i = 0; i < given.size() && used.size() < Hashtags.MAX_TAGS_PER_TEXT; i++) {
        used.add(Hashtags.fold(given.get(i)));
      }
    } else {
      p.text().ifPresent(t -> Hashtags.find(t).forEach(f -> used.add(f.folded())));
    }
    Map<String, Lexicon.Match> listed = new HashMap<>();
    for (String tag : used) {
      lexicon.match(tag).filter(m -> m.term().state() != TagState.ALLOWED).ifPresent(m -> listed.put(tag, m));
    }
    // Media first: whether the post is part of a meme flood decides how its listed tags count.
    List<PreparedMedia> media = new ArrayList<>(p.media().size());
    for (Media m : p.media()) {
      PreparedMedia pm = prepared.remove(m);
      media.add(pm != null ? pm : prepare(m));
    }
    boolean flagged = flaggedNow(e.actor());
    List<FloodWatch.Post> memes = List.of();
    if (!listed.isEmpty()) {
      List<long[]> pdqs = new ArrayList<>();
      for (PreparedMedia pm : media) {
        if (!pm.hashes().pdq().isEmpty()) {
          pdqs.add(HammingIndex.words(pm.hashes().pdq().getFirst().hex()));
        }
      }
      FloodWatch.Post self = new FloodWatch.Post(e.eventId(), p.id(), e.actor(), e.occurredAt());
      memes = new ArrayList<>();
      for (String term : new LinkedHashSet<>(listed.values().stream().map(m -> m.term().term()).toList())) {
        memes.addAll(intel.flood.observe(term, self, pdqs));
      }
      floodPost = memes.stream().anyMatch(x -> x.eventId().equals(e.eventId()));
    }
    boolean meme = floodPost;
    try {
      if (p.hashtags().isPresent()) {
        List<String> given = p.hashtags().get();
        Set<String> scanned = new HashSet<>();
        for (int i = 0; i < given.size() && scanned.size() < Hashtags.MAX_TAGS_PER_TEXT; i++) {
          String tag = given.get(i);
          if (scanned.add(Hashtags.fold(tag))) {
            lexiconDetector.scanTag(e, "post.hashtags[" + i + "]", tag, sink(e, to));
          }
        }
        p.text().ifPresent(t -> textExceptHashtags(e, "post.text", t, to));
      } else {
        p.text().ifPresent(t -> text(e, "post.text", t, to));
      }
      used.forEach(tag -> countTagUse(tag, e.actor()));
      media(e, p.media(), media, to);
    } finally {
      floodPost = false;
    }
    for (FloodWatch.Post m : memes) {
      if (intel.floodPosters.add(m.account())) {
        intel.unsavedFloodPosters.add(m.account());
      }
      if (!m.eventId().equals(e.eventId())) {
        markFlood(m);
      }
    }
    List<String> tags = List.copyOf(used);
    Map<String, List<String>> ties = intel.trends.post(tags, listed::containsKey, e.actor(), flagged, meme,
        e.occurredAt());
    ties.forEach((tag, others) -> others.forEach(o ->
        intel.graph.tie(e.actor(), o, TieKind.SHARED_TAG, e.occurredAt(), e.eventId(), 1)));
    if (!intel.restrictions.isEmpty()) {
      intel.afterRestriction(e.actor(), tags, t -> lexicon.match(t).map(m -> intel.restrictions.containsKey(m.term().term()))
          .orElse(false));
    }
  }

  /** A post seen to be part of a meme flood after its signals were attached: they now say so. */
  private void markFlood(FloodWatch.Post post) {
    for (Subject s : List.of(Subject.post(post.postId()), Subject.account(post.account()))) {
      SubjectState st = subjects.get(s);
      if (st != null && st.mark(post.eventId())) {
        decide(s, st, post.at());
      }
    }
  }

  private static boolean isListedTagSignal(Signal s) {
    return s.kind().startsWith("hashtag.") || s.kind().startsWith("lexicon.");
  }

  static Signal asFlood(Signal s) {
    Map<String, String> d = new HashMap<>(s.detail());
    d.put("flood", "meme");
    return s.withDetail(d);
  }

  /** At high, or in a ring: what a tag's "flagged users" counts. */
  private boolean flaggedNow(String account) {
    SubjectState st = subjects.get(Subject.account(account));
    return st != null && (st.ring != null || (st.verdict != null && st.verdict.severity().atLeast(Severity.HIGH)));
  }

  private void snapshotUsers(String term, Instant at) {
    if (intel.restrictions.containsKey(term)) {
      return;
    }
    Set<String> before = new HashSet<>();
    tags.forEach((tag, ts) -> {
      if (lexicon.match(tag).filter(m -> m.term().term().equals(term)).isPresent()) {
        before.addAll(ts.accounts);
      }
    });
    intel.restrictions.put(term, new RingIntel.Restriction(term, at, before));
    intel.unsavedRestrictions.add(term);
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
    if (intel.due()) {
      recluster();
    }
  }

  // ---- rings --------------------------------------------------------------------------------

  /**
   * Re-clusters the rings around what changed since the last time and updates their members'
   * verdicts; then re-reads the tag trends for emerging tags. {@link #applyAll} does this every
   * 20,000 events or quarter hour of event time; call it after the last event.
   */
  public void recluster() {
    RingFinder.Changes c = intel.cluster();
    for (String id : c.removed()) {
      for (String a : intel.applied.getOrDefault(id, Set.of())) {
        setRing(a, Optional.empty());
      }
      intel.applied.remove(id);
    }
    for (Ring r : c.changed()) {
      Set<String> now = new HashSet<>(r.accounts());
      for (String a : intel.applied.getOrDefault(r.id(), Set.of())) {
        if (!now.contains(a)) {
          setRing(a, Optional.empty());
        }
      }
      for (Ring.Member m : r.members()) {
        setRing(m.account(), Optional.of(ringSignal(r, m)));
      }
      intel.applied.put(r.id(), now);
    }
    List<TagTrends.Proposal> before = intel.trends.proposals();
    List<TagTrends.Proposal> after = intel.trends.propose(this::flaggedNow,
        t -> lexicon.match(t).isPresent(), intel.now);
    if (!before.equals(after)) {
      before.forEach(pr -> dirtyTags.add(pr.tag()));
      after.forEach(pr -> dirtyTags.add(pr.tag()));
    }
  }

  private Signal ringSignal(Ring r, Ring.Member m) {
    Map<String, String> detail = new HashMap<>();
    detail.put("role", m.seed() ? "seed" : "tied");
    detail.put("share", String.format(java.util.Locale.ROOT, "%.2f", m.share()));
    detail.put("tied_members", Integer.toString(m.tiedMembers()));
    detail.put("size", Integer.toString(r.members().size()));
    detail.put("ring_score", String.format(java.util.Locale.ROOT, "%.2f", r.score()));
    String event = intel.graph.lastTieEvent(m.account()).orElse("");
    return new Signal(SignalKinds.RING_MEMBER, r.id(), event, r.foundAt(), Optional.empty(), detail);
  }

  private void setRing(String account, Optional<Signal> ring) {
    Subject s = Subject.account(account);
    SubjectState st = subjects.get(s);
    if (st == null) {
      if (ring.isEmpty()) {
        return;
      }
      st = new SubjectState();
      subjects.put(s, st);
    }
    String id = ring.map(Signal::value).orElse(null);
    boolean sameRole = ring.isPresent() && st.signals.stream().anyMatch(x -> x.kind().equals(SignalKinds.RING_MEMBER)
        && x.value().equals(id) && x.detail().get("role").equals(ring.get().detail().get("role")));
    if (java.util.Objects.equals(st.ring, id) && (ring.isEmpty() || sameRole)) {
      return;
    }
    st.replaceKind(SignalKinds.RING_MEMBER, ring);
    st.ring = id;
    decide(s, st, intel.now);
  }

  /** Events applied since the rings were last re-clustered. */
  public long eventsSinceCluster() {
    return intel.eventsSinceCluster;
  }

  /** The rings found so far. */
  public List<Ring> rings() {
    return intel.rings();
  }

  public Optional<Ring> ring(String id) {
    return intel.rings().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The account graph (read it on the engine's thread, or when the engine is idle). */
  public io.ringbreaker.detect.ring.AccountGraph graph() {
    return intel.graph;
  }

  /** A listed or followed tag's days: volume, share of flagged accounts, share of flood. */
  public List<TagTrends.Day> series(String tag) {
    return intel.trends.series(tag);
  }

  /** Tags with a day series. */
  public java.util.Set<String> seriesTags() {
    return intel.trends.followed();
  }

  /** How many re-clusterings ran and how long they took in all. */
  public long clusterings() {
    return intel.clusterings;
  }

  public double clusterSeconds() {
    return intel.clusterNanos / 1e9;
  }

  /** An account that used a restricted tag before the restriction and is still active, and where it went. */
  public record Remaining(String account, Instant lastActive, List<String> newTags, List<String> apps,
                          List<String> payments, boolean bioChanged, Optional<String> ring) {}

  /** "The tag is dead, the accounts remain": who used a restricted term before and is still here. */
  public record Aftermath(String term, Instant restrictedAt, int usedBefore, List<Remaining> remaining) {}

  public List<Aftermath> aftermath() {
    List<Aftermath> out = new ArrayList<>();
    for (RingIntel.Restriction r : intel.restrictions.values()) {
      List<Remaining> remaining = new ArrayList<>();
      for (String a : new java.util.TreeSet<>(r.usedBefore())) {
        Instant last = intel.graph.lastActive(a).orElse(Instant.EPOCH);
        if (!last.isAfter(r.at()) || intel.suspended.containsKey(a)) {
          continue;
        }
        Set<String> apps = new java.util.TreeSet<>();
        Set<String> payments = new java.util.TreeSet<>();
        boolean bio = false;
        SubjectState st = subjects.get(Subject.account(a));
        for (Signal s : st == null ? List.<Signal>of() : st.signals) {
          if (s.at().isAfter(r.at())) {
            if (s.kind().startsWith("contact.")) {
              apps.add(s.kind().substring("contact.".length()));
            } else if (s.kind().startsWith("payment.")) {
              payments.add(s.kind().substring("payment.".length()));
            }
            bio |= s.span().map(sp -> sp.field().startsWith("account.")).orElse(false);
          }
        }
        remaining.add(new Remaining(a, last, List.copyOf(intel.tagsAfter.getOrDefault(a, Set.of())), List.copyOf(apps),
            List.copyOf(payments), bio, st == null ? Optional.empty() : Optional.ofNullable(st.ring)));
      }
      out.add(new Aftermath(r.term(), r.at(), r.usedBefore().size(), remaining));
    }
    return out;
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
    List<PreparedMedia> ready = new ArrayList<>(media.size());
    for (Media m : media) {
      PreparedMedia p = prepared.remove(m);
      ready.add(p != null ? p : prepare(m));
    }
    media(e, media, ready, to);
  }

  private void media(Event e, List<Media> media, List<PreparedMedia> ready, List<Subject> to) {
    SignalSink sink = sink(e, to);
    for (int i = 0; i < media.size(); i++) {
      Media m = media.get(i);
      PreparedMedia p = ready.get(i);
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
      Signal x = floodPost && isListedTagSignal(s) ? asFlood(s) : s;
      for (Subject subject : to) {
        if (isContent(subject) && !(e.body() instanceof EventBody.Report) && authors.putIfAbsent(subject, e.actor()) == null) {
          dirtyAuthors.add(subject);
        }
        attach(subject, x, e.occurredAt());
      }
    };
  }

  private static boolean isContent(Subject s) {
    return s.type() == SubjectType.POST || s.type() == SubjectType.COMMENT || s.type() == SubjectType.MESSAGE;
  }

  /**
   * Who wrote an item Ringbreaker has evidence about: its review case is its author's. Known for
   * items with signals of their own; for a post only reported, the graph knows its author.
   */
  public Optional<String> author(Subject item) {
    String a = authors.get(item);
    if (a == null && item.type() == SubjectType.POST) {
      return intel.graph.postAuthor(item.id());
    }
    return Optional.ofNullable(a);
  }

  /**
   * A person confirmed the account violates: it seeds the ring finder from now on, whatever its
   * own evidence says later, so the ring around it is found and grows from it.
   */
  public void confirmSeed(String account) {
    if (confirmedSeeds.add(account)) {
      dirtyConfirmedSeeds.add(account);
    }
    Double before = intel.seeds.put(account, 1.0);
    if (before == null || before != 1.0) {
      intel.seedChanges.add(account);
    }
  }

  /** Accounts a person confirmed (see {@link #confirmSeed}). */
  public Set<String> confirmedSeeds() {
    return java.util.Collections.unmodifiableSet(confirmedSeeds);
  }

  /** Restores an engine-state row this class writes itself (authors, confirmed seeds); false for another kind. */
  public boolean restoreOwn(io.ringbreaker.store.StateRow row) {
    switch (row.kind()) {
      case AUTHOR_STATE -> {
        int colon = row.key().indexOf(':');
        SubjectType.fromWire(row.key().substring(0, colon)).ifPresent(t ->
            authors.put(new Subject(t, row.key().substring(colon + 1)), readText(row.json())));
        return true;
      }
      case SEED_STATE -> {
        confirmedSeeds.add(row.key());
        intel.seeds.put(row.key(), 1.0);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private static String readText(String json) {
    try {
      return io.ringbreaker.model.contract.ContractJson.mapper().readTree(json).asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored author does not parse: " + json, e);
    }
  }

  /** Engine-state kinds for an item's author and for accounts a person confirmed. */
  public static final String AUTHOR_STATE = "author";
  /** State kind: a handle (as a search word, {@code CaseQuery.term}) → the account that last had it. */
  public static final String HANDLE_STATE = "handle";
  public static final String SEED_STATE = "seed.confirmed";

  private void attach(Subject subject, Signal signal, Instant now) {
    SubjectState st = subjects.computeIfAbsent(subject, k -> new SubjectState());
    if (!st.add(signal)) {
      return;
    }
    decide(subject, st, now);
    if (subject.type() == SubjectType.ACCOUNT && isIdentity(signal.kind())) {
      identity(subject.id(), signal);
    }
  }

  private void decide(Subject subject, SubjectState st, Instant now) {
    Decision d = policy.decide(subject, st.signals);
    if (d.severity().atLeast(Severity.HIGH) && st.firstFlaggedAt == null) {
      st.firstFlaggedAt = now;
    }
    st.verdict = new Verdict(subject, d.severity(), d.score(), d.actions(), st.signals, st.count, d.reasons(),
        Optional.ofNullable(st.ring), Optional.ofNullable(st.firstFlaggedAt),
        new DecidedBy(policy.version(), d.rules(), d.queue(), d.priority(), d.automatic()));
    dirtySubjects.add(subject);
    if (subject.type() == SubjectType.ACCOUNT) {
      // A seed stands on its own evidence: the ring's signal must not make it one.
      Decision own = st.ring == null ? d : policy.decide(subject, st.signals.stream()
          .filter(x -> !x.kind().equals(SignalKinds.RING_MEMBER)).toList());
      boolean seed = own.severity().atLeast(Severity.HIGH) || confirmedSeeds.contains(subject.id());
      double weight = confirmedSeeds.contains(subject.id()) ? 1.0 : own.score();
      Double before = seed ? intel.seeds.put(subject.id(), weight) : intel.seeds.remove(subject.id());
      if (seed != (before != null)) {
        intel.seedChanges.add(subject.id());
      }
    }
  }

  /** Off-platform identities tie accounts, and tie a new account to the suspended one it replaces. */
  private static boolean isIdentity(String kind) {
    return kind.startsWith("contact.") || kind.startsWith("payment.") || kind.equals("link.cloud_storage")
        || kind.equals(BankMatchDetector.KIND);
  }

  private void identity(String account, Signal s) {
    String identity = s.kind() + ":" + s.value();
    List<String> others = intel.graph.identity(account, identity, s.at(), s.eventId());
    Instant firstSeen = intel.graph.firstSeen(account).orElse(s.at());
    for (String other : others) {
      Instant suspendedAt = intel.suspended.get(other);
      if (suspendedAt != null && !firstSeen.isBefore(suspendedAt) && !intel.suspended.containsKey(account)) {
        Map<String, String> detail = new HashMap<>();
        detail.put("shared", identity);
        detail.put("suspended_at", suspendedAt.toString());
        attach(Subject.account(account), new Signal(SignalKinds.EVASION, other, s.eventId(), s.at(), Optional.empty(),
            detail), s.at());
      }
    }
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
    boolean flooded = intel.flood.flood(term.term()).isPresent();
    return Optional.of(new HashtagOpinion(tag, Optional.of(term.term()), term.state(), Optional.empty(), reason,
        ts.posts, flagged, flooded));
  }

  private Optional<HashtagOpinion> emerging(String tag) {
    return intel.trends.proposal(tag).filter(p -> lexicon.match(tag).isEmpty()).map(p -> new HashtagOpinion(tag,
        Optional.empty(), TagState.NONE, Optional.of(p.state()), p.reason(), p.posts(),
        Math.round(p.flaggedShare() * p.users()), false, Optional.of(p.firstProposedAt()),
        Optional.of(new TagEvidence(p.users(), p.coListedPosts(), p.lift(), p.flaggedShare(), p.growth()))));
  }

  /** Every hashtag Ringbreaker has an opinion about, most used first. */
  public List<HashtagOpinion> hashtags() {
    List<HashtagOpinion> out = new ArrayList<>();
    for (String tag : tags.keySet()) {
      hashtag(tag).or(() -> emerging(tag)).ifPresent(out::add);
    }
    for (TagTrends.Proposal p : intel.trends.proposals()) {
      if (!tags.containsKey(p.tag())) {
        emerging(p.tag()).ifPresent(out::add);
      }
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

  public Policy policy() {
    return policy;
  }

  /**
   * Puts another policy in force (a changed policy file) and decides every subject again with it,
   * so every verdict names the policy now in force; what changed is handed out as changes, like an
   * event's. Call it on the engine's thread, between events.
   */
  public void policy(Policy next) {
    this.policy = java.util.Objects.requireNonNull(next, "policy");
    for (Map.Entry<Subject, SubjectState> en : subjects.entrySet()) {
      if (!en.getValue().signals.isEmpty()) {
        decide(en.getKey(), en.getValue(), intel.now);
      }
    }
  }

  // ---- changes and restore, for a store -----------------------------------------------------

  /** What changed since the last drain. */
  public record Changes(List<Verdict> verdicts, List<HashtagOpinion> hashtags, Map<String, TagUse> tagUses,
                        List<LexiconTerm> terms, List<io.ringbreaker.store.StateRow> intel,
                        List<io.ringbreaker.store.StateBatch.StateKey> intelDeleted, Map<Subject, String> authors) {
    public Changes {
      authors = Map.copyOf(authors);
    }

    public Changes(List<Verdict> verdicts, List<HashtagOpinion> hashtags, Map<String, TagUse> tagUses,
                   List<LexiconTerm> terms, List<io.ringbreaker.store.StateRow> intel,
                   List<io.ringbreaker.store.StateBatch.StateKey> intelDeleted) {
      this(verdicts, hashtags, tagUses, terms, intel, intelDeleted, Map.of());
    }

    /** The author of a changed item's verdict, when known. */
    public Optional<String> author(Subject item) {
      return Optional.ofNullable(authors.get(item));
    }

    public boolean isEmpty() {
      return verdicts.isEmpty() && hashtags.isEmpty() && tagUses.isEmpty() && terms.isEmpty() && intel.isEmpty()
          && intelDeleted.isEmpty();
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
      hashtag(t).or(() -> emerging(t)).ifPresent(hs::add);
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
    List<io.ringbreaker.store.StateRow> intelRows = new ArrayList<>();
    List<io.ringbreaker.store.StateBatch.StateKey> intelDeleted = new ArrayList<>();
    IntelState.drain(intel, intelRows, intelDeleted);
    for (Subject item : dirtyAuthors) {
      intelRows.add(new io.ringbreaker.store.StateRow(AUTHOR_STATE, item.toString(),
          io.ringbreaker.model.contract.ContractJson.write(
              io.ringbreaker.model.contract.ContractJson.mapper().getNodeFactory().textNode(authors.get(item)))));
    }
    dirtyAuthors.clear();
    dirtyHandles.forEach((h, account) -> intelRows.add(new io.ringbreaker.store.StateRow(HANDLE_STATE, h,
        io.ringbreaker.model.contract.ContractJson.write(
            io.ringbreaker.model.contract.ContractJson.mapper().getNodeFactory().textNode(account)))));
    dirtyHandles.clear();
    for (String a : dirtyConfirmedSeeds) {
      intelRows.add(new io.ringbreaker.store.StateRow(SEED_STATE, a, "true"));
    }
    dirtyConfirmedSeeds.clear();
    Map<Subject, String> changedAuthors = new HashMap<>();
    for (Verdict v : vs) {
      if (isContent(v.subject())) {
        author(v.subject()).ifPresent(a -> changedAuthors.put(v.subject(), a));
      }
    }
    return new Changes(vs, hs, uses, terms, intelRows, intelDeleted, changedAuthors);
  }

  /** The engine-state kinds a store keeps rings and followed tags under (as {@link IntelJson} writes them). */
  public static final String RING_STATE = IntelState.RING;
  public static final String TAG_STATE = IntelState.TAG;

  /** Ring-intelligence state kinds kept in a store, in the order {@link #restoreIntel} wants them. */
  public static List<String> intelKinds() {
    return IntelState.KINDS;
  }

  /** Restores one row of ring-intelligence state; call {@link #intelRestored} after the last. */
  public void restoreIntel(io.ringbreaker.store.StateRow row) {
    IntelState.restore(intel, row);
  }

  /** The restored state is what the store holds: nothing of it is handed back as a change. */
  public void intelRestored() {
    intel.graph.restored();
    intel.trends.propose(this::flaggedNow, t -> lexicon.match(t).isPresent(), intel.now);
    intel.trends.drainUnsaved();
    intel.flood.drainUnsaved();
  }

  /** Restores a subject from its stored verdict (the verdict carries the kept evidence). */
  public void restore(Verdict v) {
    SubjectState st = new SubjectState();
    v.signals().forEach(st::add);
    st.count = v.signalCount();
    st.firstFlaggedAt = v.firstFlaggedAt().orElse(null);
    st.ring = v.ring().orElse(null);
    st.verdict = v;
    subjects.put(v.subject(), st);
    if (v.subject().type() == SubjectType.ACCOUNT) {
      Decision own = policy.decide(v.subject(), st.signals.stream()
          .filter(x -> !x.kind().equals(SignalKinds.RING_MEMBER)).toList());
      if (own.severity().atLeast(Severity.HIGH)) {
        intel.seeds.put(v.subject().id(), own.score());
      }
    }
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
    String ring;

    /** Marks the listed-tag signals of {@code eventId} as part of a meme flood; false when none changed. */
    boolean mark(String eventId) {
      boolean changed = false;
      for (int i = 0; i < signals.size(); i++) {
        Signal s = signals.get(i);
        if (s.eventId().equals(eventId) && isListedTagSignal(s) && !s.detail().containsKey("flood")) {
          signals.set(i, asFlood(s));
          changed = true;
        }
      }
      return changed;
    }

    /** Replaces the kept signals of {@code kind} (the ring's, of which there is one) with {@code with}. */
    void replaceKind(String kind, Optional<Signal> with) {
      for (int i = signals.size() - 1; i >= 0; i--) {
        if (signals.get(i).kind().equals(kind)) {
          signals.remove(i);
        }
      }
      with.ifPresent(signals::add);
    }

    /**
     * False when this exact evidence (kind, value, event; and bank, for a hash in several banks) is
     * already known. The bank counts: a hash a reviewer confirmed is worth a rule of its own.
     */
    boolean add(Signal s) {
      String key = s.kind() + '\u0000' + s.value() + '\u0000' + s.eventId() + '\u0000'
          + s.detail().getOrDefault("bank", "");
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
