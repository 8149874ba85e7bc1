package io.ringbreaker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.store.Evidence;
import io.ringbreaker.store.EvidenceItem;
import io.ringbreaker.store.EvidenceKeys;
import io.ringbreaker.store.PreservationRequest;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.VerdictRow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off preservation requests: for each subject, the events its evidence came from (as the
 * platform sent them, from the journal) and its verdict at that moment go into the evidence store,
 * sealed. Runs beside the processor so preserving never slows event processing; a request whose
 * subject gains evidence meanwhile is asked again and preserved again (content already kept is
 * kept once).
 */
public final class EvidenceKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceKeeper.class);
  private static final int BATCH = 100;
  private static final String EVENT = "event";

  private final Store store;
  private final EvidenceKeys keys;
  private final Duration retention;
  private final Clock clock;
  private volatile boolean running = true;
  private Thread thread;

  public EvidenceKeeper(Store store, EvidenceKeys keys, Duration retention, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.retention = retention;
    this.clock = clock;
    if (retention.compareTo(io.ringbreaker.store.Evidence.MIN_RETENTION) < 0) {
      throw new IllegalArgumentException("evidence retention of " + retention.toDays()
          + " days is under the one year the law asks for");
    }
  }

  /** The keys it seals with, which also open what it sealed. */
  public EvidenceKeys keys() {
    return keys;
  }

  /** Preserves in the background, checking for requests every second and purging expired evidence daily. */
  public synchronized EvidenceKeeper start() {
    if (thread == null) {
      thread = Thread.ofPlatform().name("ringbreaker-evidence").daemon(true).start(this::loop);
    }
    return this;
  }

  private void loop() {
    long nextPurge = 0;
    while (running) {
      try {
        int done = preservePending();
        if (System.nanoTime() - nextPurge >= 0) {
          int purged = store.evidence().purgeExpired(clock.instant());
          if (purged > 0) {
            LOG.info("evidence: {} item(s) past their retention deleted", purged);
          }
          nextPurge = System.nanoTime() + Duration.ofDays(1).toNanos();
        }
        if (done == 0) {
          Thread.sleep(1_000);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("evidence keeper: {} (will retry)", e.getMessage());
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Preserves what is pending now (one batch); returns how many subjects were preserved. */
  public int preservePending() {
    List<PreservationRequest> pending = store.evidence().pending(BATCH);
    int done = 0;
    for (PreservationRequest r : pending) {
      try {
        preserve(r);
        done++;
      } catch (RuntimeException e) {
        store.evidence().requestFailed(r, String.valueOf(e.getMessage()));
        LOG.warn("evidence about {}:{} not preserved yet: {}", r.subjectType(), r.subjectId(), e.getMessage());
      }
    }
    return done;
  }

  /**
   * The subject's events not kept yet and its verdict, kept and the request marked done in one
   * transaction: a commit per piece made the keeper the store's busiest writer, queued with the
   * journal writer whose commits acknowledge events. A subject is asked for again each time its
   * verdict changes, so its events kept before (a journaled event never changes) are not read,
   * hashed and offered again.
   */
  private void preserve(PreservationRequest r) {
    Optional<VerdictRow> row = store.state().verdict(r.subjectType(), r.subjectId());
    List<Evidence.Piece> pieces = new ArrayList<>();
    if (row.isPresent()) {
      Verdict v;
      try {
        v = ContractJson.readVerdict(ContractJson.mapper().readTree(row.get().json()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the stored verdict does not parse: " + e.getOriginalMessage(), e);
      }
      Set<String> events = new LinkedHashSet<>();
      for (Signal s : v.signals()) {
        events.add(s.eventId());
      }
      for (EvidenceItem kept : store.evidence().items(r.subjectType(), r.subjectId())) {
        if (kept.kind().equals(EVENT)) {
          events.remove(kept.sourceId());
        }
      }
      for (String eventId : events) {
        // Events that came from a scan without --db were never journaled: the verdict names them.
        store.journal().find(eventId).ifPresent(entry -> pieces.add(
            new Evidence.Piece(EVENT, eventId, entry.json().getBytes(StandardCharsets.UTF_8))));
      }
      pieces.add(new Evidence.Piece("verdict", v.decidedBy().policy(), row.get().json().getBytes(StandardCharsets.UTF_8)));
    }
    store.evidence().preserveAll(keys, r, pieces, clock.instant(), retention);
  }

  @Override
  public void close() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
