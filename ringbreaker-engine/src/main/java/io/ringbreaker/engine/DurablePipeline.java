package io.ringbreaker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringbreaker.detect.lists.ListFiles;
import io.ringbreaker.detect.media.Banks;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashtagOpinion;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.Appended;
import io.ringbreaker.store.HashtagRow;
import io.ringbreaker.store.JournalEntry;
import io.ringbreaker.store.JournalRecord;
import io.ringbreaker.store.JournalWriter;
import io.ringbreaker.store.StateBatch;
import io.ringbreaker.store.StateRow;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.VerdictRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a store: events are journaled (durably, in group commits) before they are
 * acknowledged; a processor reads the journal from its checkpoint, applies each event to the
 * engine, and commits the changed state with the new checkpoint in one transaction. A restart
 * loads the state and resumes from the checkpoint, so nothing acknowledged is lost or counted twice.
 */
public final class DurablePipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurablePipeline.class);
  private static final Duration BANK_POLL = Duration.ofSeconds(1);
  private long bankRevision;
  static final String CONSUMER = "engine";
  private static final int READ_BATCH = 2_000;
  /**
   * Once caught up, the processor lets events gather this long before its next state commit, so
   * a trickle of events costs a few state commits a second rather than one each, and leaves the
   * database's write lock to the journal, which acknowledges them.
   */
  private static final long COMMIT_INTERVAL_MS = 100;

  private final Store store;
  private final Engine engine;
  private final JournalWriter writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition journaled = lock.newCondition();
  private final Condition processed = lock.newCondition();
  private volatile long processedSeq;
  private volatile boolean running = true;
  private volatile String lastError = "";
  private volatile Thread processor;
  /** Changes people make (the lexicon API), applied on the processor thread between batches. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Command> commands = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private record Command(java.util.function.Consumer<Engine> change, CompletableFuture<Void> done) {}

  private DurablePipeline(Store store, Engine engine) {
    this.store = store;
    this.engine = engine;
    this.writer = new JournalWriter(store.journal(), 1_000, 100_000);
    this.writer.addListener(this::wake);
  }

  /**
   * Opens the pipeline on a store: loads lists and state, adds the given lists (kept in the store
   * so they survive restarts), and — when {@code background} — starts the processor thread.
   */
  public static DurablePipeline open(Store store, List<LexiconTerm> lexicon, List<BankEntry> bank, boolean background) {
    return open(store, lexicon, List.of(), bank, background);
  }

  /**
   * As above, with bank settings ({@code banks}: an allow bank, a threshold) stored before the
   * entries. The banks are loaded entry by entry, so a large bank is never held twice.
   */
  public static DurablePipeline open(Store store, List<LexiconTerm> lexicon, List<Bank> banks, List<BankEntry> bank,
      boolean background) {
    if (!lexicon.isEmpty()) {
      store.lists().upsertTerms(lexicon, "operator");
    }
    banks.forEach(store.lists()::putBank);
    if (!bank.isEmpty()) {
      store.lists().upsertBankEntries(bank);
    }
    List<LexiconTerm> terms = new ArrayList<>(ListFiles.defaultLexicon());
    terms.addAll(store.lists().terms());
    Banks matcher = new Banks();
    long bankRevision = store.lists().bankRevision(); // read first: a change during the load is applied again, harmlessly
    store.lists().banks().forEach(matcher::putBank);
    store.lists().forEachBankEntry(e -> putEntry(matcher, e));
    matcher.compact();
    Engine engine = new Engine(terms, matcher, RulePolicy.defaults());
    store.state().forEachState("term", row -> engine.restoreTerm(readTerm(row.json())));
    store.state().forEachState("tag", row -> engine.restore(row.key(), readTagUse(row.json())));
    store.state().forEachVerdict(row -> engine.restore(ContractJson.readVerdict(ContractJson.readStored(row.json()))));
    for (String kind : Engine.intelKinds()) {
      store.state().forEachState(kind, engine::restoreIntel);
    }
    store.state().forEachState(Engine.AUTHOR_STATE, engine::restoreOwn);
    store.state().forEachState(Engine.SEED_STATE, engine::restoreOwn);
    engine.intelRestored();
    DurablePipeline p = new DurablePipeline(store, engine);
    p.bankRevision = bankRevision;
    p.processedSeq = store.state().checkpoint(CONSUMER);
    if (background) {
      p.start();
    }
    return p;
  }

  /**
   * Starts the processor thread (once); events journaled so far and from now on are processed.
   * Also starts following the store's banks, so a change made with {@code ringbreaker bank} while
   * this runs is matched against within a second.
   */
  public synchronized DurablePipeline start() {
    if (processor == null) {
      processor = Thread.ofPlatform().name("ringbreaker-processor").daemon(true).start(this::loop);
      Thread.ofPlatform().name("ringbreaker-banks").daemon(true).start(this::followBanks);
    }
    return this;
  }

  private void followBanks() {
    while (running) {
      try {
        Thread.sleep(BANK_POLL.toMillis());
        if (!running) {
          return; // closed while asleep: the store may be closed too
        }
        syncBanks();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("reading bank changes failed, will retry: {}", e.getMessage());
      }
    }
  }

  /**
   * Entries stored before bank names were checked (a scan of "known list.csv") cannot form a
   * bank; they are skipped with a warning naming the bank rather than keeping the server down.
   */
  private static void putEntry(Banks banks, BankEntry e) {
    if (Bank.isValidName(e.bank())) {
      banks.put(e);
    } else if (SKIPPED_BANKS.add(e.bank())) {
      LOG.warn("bank '{}': not a valid bank name, its entries are not matched; re-import them under a valid name",
          e.bank());
    }
  }

  private static final java.util.Set<String> SKIPPED_BANKS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Applies bank changes stored since the last call to the matcher; returns whether there were any. */
  public synchronized boolean syncBanks() {
    Banks banks = engine.banks();
    long seen = bankRevision;
    long now = store.lists().forEachBankChangeSince(seen, e -> putEntry(banks, e));
    if (now == seen) {
      return false;
    }
    store.lists().banks().forEach(banks::putBank);
    bankRevision = now;
    return true;
  }

  public Engine engine() {
    return engine;
  }

  private volatile Runnable onActions = () -> { };

  /** Called after a commit that queued platform actions in the outbox (the webhook deliverer wakes). */
  public DurablePipeline onActions(Runnable r) {
    this.onActions = java.util.Objects.requireNonNull(r, "onActions");
    return this;
  }

  /**
   * Puts the policy in {@code file} in force and follows the file: when it changes (checked every
   * second) and still checks, the new policy decides every subject again, on the processor thread
   * in order with the events, and the re-decided verdicts are committed like an event batch's. A
   * file that no longer checks keeps the policy in force and says why through {@code problems}.
   */
  public DurablePipeline followPolicy(java.nio.file.Path file, java.util.function.Consumer<String> problems) {
    java.nio.file.attribute.FileTime[] seen = {modified(file)};
    Thread.ofPlatform().name("ringbreaker-policy").daemon(true).start(() -> {
      while (running) {
        try {
          Thread.sleep(BANK_POLL.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        java.nio.file.attribute.FileTime now = modified(file);
        if (now == null || now.equals(seen[0])) {
          continue;
        }
        seen[0] = now;
        try {
          RulePolicy next = RulePolicy.read(file, problems);
          java.util.Optional<String> replaced = policy(next).join();
          if (replaced.isPresent()) {
            LOG.info("policy {} in force (from {})", next.version(), file);
            auditFileChange(replaced.get(), next, file, problems);
          }
        } catch (io.ringbreaker.policy.PolicyException e) {
          problems.accept("policy not reloaded, " + engine.policyVersion() + " stays in force: " + e.getMessage());
        } catch (RuntimeException e) {
          problems.accept("policy not reloaded: " + e);
        }
      }
    });
    return this;
  }

  /**
   * Puts {@code next} in force on the processor thread, in order with the events, unless a policy of
   * the same version already is (the version names the text's digest). Completes, once the
   * re-decided verdicts are committed, with the version it replaced, or empty when it was in force
   * already. The check is made on the processor thread, so a policy written to a followed file and
   * put in force directly as well (the console saving what it applies) decides every subject again
   * once, not twice.
   */
  public CompletableFuture<java.util.Optional<String>> policy(io.ringbreaker.policy.Policy next) {
    java.util.Objects.requireNonNull(next, "policy");
    java.util.concurrent.atomic.AtomicReference<String> replaced = new java.util.concurrent.atomic.AtomicReference<>();
    return change(e -> {
      String before = e.policyVersion();
      if (!next.version().equals(before)) {
        e.policy(next);
        replaced.set(before);
      }
    }).thenApply(v -> java.util.Optional.ofNullable(replaced.get()));
  }

  /** A file edited by hand is a policy change like one made in the console: in the audit log, by 'system'. */
  private void auditFileChange(String from, RulePolicy next, java.nio.file.Path file,
                               java.util.function.Consumer<String> problems) {
    try {
      store.audit().append("system", "policy.change", "policy:" + next.name(), ContractJson.write(
          ContractJson.mapper().createObjectNode().put("from", from).put("to", next.version())
              .put("file", file.toAbsolutePath().toString()).put("via", "file")));
    } catch (RuntimeException e) {
      problems.accept("policy " + next.version() + " is in force, but the audit log did not take its entry: " + e);
    }
  }

  private static java.nio.file.attribute.FileTime modified(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.getLastModifiedTime(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** See {@link Engine#readFileMedia}; off for events that arrive over the network. */
  public DurablePipeline readFileMedia(boolean read) {
    engine.readFileMedia(read);
    return this;
  }

  public Store store() {
    return store;
  }

  /** Journals the events (one transaction when they fit); completes when they are durable. */
  public CompletableFuture<List<Appended>> submit(List<Event> events) {
    return writer.submitAll(records(events));
  }

  /** Journals synchronously on the caller's thread (scan). */
  public List<Appended> appendNow(List<Event> events) {
    return store.journal().append(records(events));
  }

  /** What the journal keeps of an event: its canonical JSON (fields the contract does not name are not kept). */
  private static List<JournalRecord> records(List<Event> events) {
    List<JournalRecord> records = new ArrayList<>(events.size());
    for (Event e : events) {
      records.add(new JournalRecord(e.eventId(), e.type().wire(), e.occurredAt(), ContractJson.eventLine(e)));
    }
    return records;
  }

  public long processedSeq() {
    return processedSeq;
  }

  public long journaledSeq() {
    return store.journal().lastSeq();
  }

  /** The last processing failure, or empty. */
  public String lastError() {
    return lastError;
  }

  /** Waits until everything journaled up to {@code seq} is processed. */
  public boolean awaitProcessed(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (processedSeq < seq) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        processed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Processes what the journal holds past the checkpoint, one read batch at a time, committing
   * state and checkpoint together after each batch. Returns how many events were applied.
   * Synchronous: {@code scan --db} calls it directly; the server's processor thread loops on it.
   */
  public long processAvailable() {
    long applied = 0;
    applyCommands();
    while (running) {
      List<JournalEntry> entries = store.journal().readAfter(processedSeq, READ_BATCH);
      if (entries.isEmpty()) {
        return applied;
      }
      List<Event> batch = new ArrayList<>(entries.size());
      for (JournalEntry entry : entries) {
        if (EventParser.parse(entry.json()) instanceof ParseResult.Accepted a) {
          batch.add(a.event());
        } else {
          // Only what parsed is journaled; a row that no longer parses is a bug: skip it loudly
          // rather than stop processing everything behind it.
          LOG.error("journal row {} ({}) does not parse; skipped", entry.seq(), entry.eventId());
        }
      }
      engine.applyAll(batch);
      if (entries.size() < READ_BATCH && engine.eventsSinceCluster() > 0) {
        engine.recluster(); // caught up: the rings are current when the batch's state is
      }
      applied += batch.size();
      long seq = entries.getLast().seq();
      commitWithRetry(seq, toBatch(engine.drainChanges()));
      lock.lock();
      try {
        processedSeq = seq;
        processed.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return applied;
  }

  /** Brings the rings up to the last processed event and commits what that changed. */
  public void recluster() {
    if (engine.eventsSinceCluster() == 0) {
      return;
    }
    engine.recluster();
    commitWithRetry(processedSeq, toBatch(engine.drainChanges()));
  }

  /** The engine has applied the batch; its changes must reach the store before anything else. */
  private void commitWithRetry(long seq, StateBatch batch) {
    long backoff = 50;
    while (true) {
      try {
        store.state().commit(CONSUMER, seq, batch);
        if (!batch.actions().isEmpty()) {
          onActions.run();
        }
        if (!lastError.isEmpty()) {
          LOG.info("state commits work again at journal seq {}", seq);
          lastError = "";
        }
        return;
      } catch (RuntimeException e) {
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.warn("cannot commit state at journal seq {} (retrying in {} ms): {}", seq, backoff, lastError);
        if (processor == null) {
          throw e; // a synchronous caller (scan --db) reports the failure; the server's processor retries
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  /**
   * Changes the engine's state on its own thread, in order with the events, and completes once the
   * change is committed to the store. Without a processor thread it is applied at once.
   */
  public CompletableFuture<Void> change(java.util.function.Consumer<Engine> change) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    commands.add(new Command(change, done));
    if (processor == null) {
      applyCommands();
    } else {
      wake();
    }
    return done;
  }

  /**
   * Reads the engine's state on its own thread, between batches (the engine is single-threaded):
   * for what the store does not hold, such as the aftermath of a restriction.
   */
  public <T> CompletableFuture<T> read(java.util.function.Function<Engine, T> query) {
    CompletableFuture<T> out = new CompletableFuture<>();
    change(e -> out.complete(query.apply(e))).whenComplete((v, ex) -> {
      if (ex != null) {
        out.completeExceptionally(ex);
      }
    });
    return out;
  }

  private void applyCommands() {
    Command c;
    List<Command> applied = new ArrayList<>();
    while ((c = commands.poll()) != null) {
      try {
        c.change().accept(engine);
        applied.add(c);
      } catch (RuntimeException e) {
        c.done().completeExceptionally(e);
      }
    }
    if (applied.isEmpty()) {
      return;
    }
    try {
      // Applied in memory already: like an event batch, it must reach the store (retried while the server runs).
      commitWithRetry(processedSeq, toBatch(engine.drainChanges()));
      applied.forEach(x -> x.done().complete(null));
    } catch (RuntimeException e) {
      applied.forEach(x -> x.done().completeExceptionally(e));
    }
  }

  private void loop() {
    while (running) {
      try {
        processAvailable();
        sleep(COMMIT_INTERVAL_MS);
        lock.lock();
        try {
          if (running && commands.isEmpty() && store.journal().lastSeq() <= processedSeq) {
            journaled.await(500, TimeUnit.MILLISECONDS);
          }
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        lastError = String.valueOf(e.getMessage());
        LOG.warn("processor cannot read the journal (retrying): {}", lastError);
        sleep(500);
      }
    }
  }

  private void wake() {
    lock.lock();
    try {
      journaled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  static StateBatch toBatch(Engine.Changes c) {
    List<VerdictRow> verdicts = new ArrayList<>(c.verdicts().size());
    Instant now = Instant.now();
    for (Verdict v : c.verdicts()) {
      verdicts.add(new VerdictRow(v.subject().type().wire(), v.subject().id(), v.severity().wire(), v.score(), now,
          ContractJson.write(ContractJson.verdict(v))));
    }
    List<HashtagRow> hashtags = new ArrayList<>(c.hashtags().size());
    for (HashtagOpinion h : c.hashtags()) {
      hashtags.add(new HashtagRow(h.tag(), ContractJson.write(ContractJson.hashtag(h))));
    }
    List<StateRow> state = new ArrayList<>();
    c.tagUses().forEach((tag, use) -> {
      var o = ContractJson.mapper().createObjectNode();
      o.put("posts", use.posts());
      use.accounts().forEach(o.putArray("accounts")::add);
      state.add(new StateRow("tag", tag, ContractJson.write(o)));
    });
    for (LexiconTerm t : c.terms()) {
      var o = ContractJson.mapper().createObjectNode();
      o.put("term", t.term());
      o.put("category", t.category());
      o.put("state", t.state().wire());
      state.add(new StateRow("term", t.term(), ContractJson.write(o)));
    }
    state.addAll(c.intel());
    List<io.ringbreaker.store.PreservationRequest> preserve = new ArrayList<>();
    for (Verdict v : c.verdicts()) {
      // Preserving is never consequential for the subject: it goes ahead when the policy says so.
      if (v.decidedBy().automatic().contains("preserve")) {
        preserve.add(new io.ringbreaker.store.PreservationRequest(v.subject().type().wire(), v.subject().id(), now,
            "policy " + v.decidedBy().policy()));
      }
    }
    return new StateBatch(verdicts, hashtags, state, c.intelDeleted())
        .withActions(PlatformActions.of(c.verdicts(), now))
        .withPreservations(preserve)
        .withCases(ReviewCases.of(c.verdicts(), c::author, now));
  }

  private static LexiconTerm readTerm(String json) {
    JsonNode n = ContractJson.readStored(json);
    return new LexiconTerm(n.get("term").asText(), n.get("category").asText(),
        TagState.fromWire(n.get("state").asText()).orElseThrow());
  }

  private static Engine.TagUse readTagUse(String json) {
    JsonNode n = ContractJson.readStored(json);
    List<String> accounts = new ArrayList<>();
    n.path("accounts").forEach(a -> accounts.add(a.asText()));
    return new Engine.TagUse(n.path("posts").asLong(), accounts);
  }


  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops taking events, drains the journal writer, processes what is journaled, and stops. */
  @Override
  public void close() {
    writer.close();
    running = false;
    wake();
    if (processor != null) {
      try {
        processor.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
