package io.ringbreaker.engine;

import io.ringbreaker.detect.media.BankMatchDetector;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.Actions;
import io.ringbreaker.store.CaseException;
import io.ringbreaker.store.CaseQuery;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.CaseSubjectRow;
import io.ringbreaker.store.Cases;
import io.ringbreaker.store.DecisionKind;
import io.ringbreaker.store.DecisionRow;
import io.ringbreaker.store.OutboxAction;
import io.ringbreaker.store.OutboxState;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.QueueStats;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.SubjectDecision;
import io.ringbreaker.store.VerdictRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console's service layer: queues, cases, leased claims and decisions, and the
 * feedback of a confirmed violation into what Ringbreaker matches next — its media hashes into the
 * {@code confirmed} bank, a hashtag into the lexicon as blocked, an account into the ring finder's
 * seeds. Feedback is applied on the processor thread ({@link DurablePipeline#change}) after the
 * decision is stored; a decision whose feedback was not applied yet (a crash in between) is applied
 * when the review opens again, so none is lost.
 *
 * <p>The reviewer is a plain parameter: the API passes its key's name, a signed-in console its user.
 */
public final class Review {
  private static final Logger LOG = LoggerFactory.getLogger(Review.class);
  /** The bank reviewers' confirmations feed. */
  public static final String CONFIRMED_BANK = "confirmed";
  /** The lease a claim takes unless told otherwise. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);
  private static final int FEEDBACK_BATCH = 500;

  private final DurablePipeline pipeline;
  private final Store store;

  private Review(DurablePipeline pipeline) {
    this.pipeline = pipeline;
    this.store = pipeline.store();
  }

  /** The review on a pipeline; applies feedback left over from before a restart. */
  public static Review open(DurablePipeline pipeline) {
    Review r = new Review(Objects.requireNonNull(pipeline, "pipeline"));
    r.applyFeedback();
    return r;
  }

  private Cases cases() {
    return store.cases();
  }

  public List<QueueStats> queues(Instant now) {
    return cases().queues(now);
  }

  /** The cases {@code q} asks for; a {@code q} that is an account's handle finds that account's cases. */
  public Page<CaseRow> cases(CaseQuery q) {
    Optional<String> account = q.q().flatMap(word -> store.state().state(Engine.HANDLE_STATE, CaseQuery.term(word)))
        .map(row -> ContractJson.readStored(row.json()).asText());
    return cases().list(account.map(a -> new CaseQuery(q.queue(), q.state(), Optional.of(a), q.after(), q.limit()))
        .orElse(q));
  }


  /** A case with its subjects (each with its stored verdict) and decisions. */
  public record CaseView(CaseRow row, List<SubjectView> subjects, List<DecisionRow> decisions) {}

  /** A subject of a case and its verdict now (empty if it was never stored). */
  public record SubjectView(CaseSubjectRow subject, Optional<VerdictRow> verdict) {}

  public Optional<CaseView> view(long caseId) {
    return cases().get(caseId).map(row -> {
      List<SubjectView> subjects = new ArrayList<>();
      for (CaseSubjectRow s : cases().subjects(caseId)) {
        subjects.add(new SubjectView(s, store.state().verdict(s.subjectType(), s.subjectId())));
      }
      return new CaseView(row, subjects, cases().decisions(caseId));
    });
  }

  public Optional<CaseRow> claimNext(String queue, String reviewer, Instant now, Duration lease) {
    return cases().claimNext(queue, reviewer, now, lease);
  }

  public CaseRow claim(long caseId, String reviewer, Instant now, Duration lease) {
    return cases().claim(caseId, reviewer, now, lease);
  }

  public CaseRow renew(long caseId, String reviewer, Instant now, Duration lease) {
    return cases().renew(caseId, reviewer, now, lease);
  }

  public CaseRow release(long caseId, String reviewer, Instant now) {
    return cases().release(caseId, reviewer, now);
  }

  /**
   * Records the decisions (see {@link Cases#decide}) and applies the feedback of the confirmations.
   *
   * @throws CaseException as {@link Cases#decide} does, and INVALID for an action the vocabulary does not have
   */
  public List<DecisionRow> decide(long caseId, String reviewer, List<SubjectDecision> decisions, Instant now) {
    for (int i = 0; i < decisions.size(); i++) {
      for (String a : decisions.get(i).actions()) {
        if (Actions.find(a).isEmpty()) {
          throw new CaseException(CaseException.Kind.INVALID, "decisions[" + i + "].actions",
              "decisions[" + i + "].actions: unknown action '" + a + "' (expected one of "
                  + String.join(", ", Actions.all().keySet()) + ")");
        }
      }
    }
    CaseRow row = cases().get(caseId).orElseThrow(() ->
        new CaseException(CaseException.Kind.NOT_FOUND, "case", "no case " + caseId));
    boolean appeal = row.key().startsWith(ReviewCases.APPEAL_KEY);
    if (appeal) {
      for (SubjectDecision d : decisions) {
        Set<String> deciders = decidersOf(d.subjectType(), d.subjectId());
        if (deciders.contains(reviewer)) {
          throw new CaseException(CaseException.Kind.CONFLICT, "reviewer", "an appeal is decided by someone other "
              + "than who decided the action: " + reviewer + " decided " + d.subjectType() + ":" + d.subjectId());
        }
      }
    }
    List<DecisionRow> made = cases().decide(caseId, reviewer, decisions, now);
    if (appeal) {
      appealOutcomes(made, reviewer, now);
    }
    applyFeedback();
    return made;
  }

  /** Who decided a subject in its cases other than appeals. */
  private Set<String> decidersOf(String type, String id) {
    Set<String> out = new java.util.HashSet<>();
    var page = cases().list(new CaseQuery(Optional.empty(), Optional.empty(), Optional.of(id), Optional.empty(), 100));
    for (CaseRow c : page.items()) {
      if (c.key().startsWith(ReviewCases.APPEAL_KEY)) {
        continue;
      }
      for (DecisionRow d : cases().decisions(c.id())) {
        if (d.subjectType().equals(type) && d.subjectId().equals(id)) {
          out.add(d.reviewer());
        }
      }
    }
    return out;
  }

  /**
   * The outcome of an appeal goes back to the platform: the action stands ({@code uphold}, the
   * appeal's case confirmed) or is undone ({@code restore}, cleared); a person decided it, so it goes out at once.
   */
  private void appealOutcomes(List<DecisionRow> made, String reviewer, Instant now) {
    List<OutboxAction> out = new ArrayList<>();
    for (DecisionRow d : made) {
      if (d.decision() == DecisionKind.ESCALATE) {
        continue;
      }
      String action = d.decision() == DecisionKind.CONFIRM ? "uphold" : "restore";
      String id = PlatformActions.actionId(d.subjectType(), d.subjectId(), action + "#" + d.id());
      var o = io.ringbreaker.model.contract.ContractJson.mapper().createObjectNode();
      o.put("action_id", id);
      o.put("action", action);
      o.putObject("subject").put("type", d.subjectType()).put("id", d.subjectId());
      o.put("approval", "person");
      o.put("decided_by", reviewer);
      o.put("category", d.category());
      o.put("reason", d.reason());
      o.put("queued_at", now.toString());
      out.add(OutboxAction.create(id, d.subjectType(), d.subjectId(), action,
          io.ringbreaker.model.contract.ContractJson.write(o), OutboxState.PENDING, now));
    }
    store.outbox().enqueue(out);
  }

  /** A lead confirms a reported "clear" (see {@link Cases#confirm}); {@code isLead} comes from who signed in. */
  public DecisionRow confirm(long decisionId, String lead, boolean isLead, Instant now) {
    return cases().confirm(decisionId, lead, isLead, now);
  }

  /** A lead rejects a reported "clear" (see {@link Cases#reject}): the case goes back for a new decision. */
  public DecisionRow reject(long decisionId, String lead, boolean isLead, Instant now) {
    return cases().reject(decisionId, lead, isLead, now);
  }

  /**
   * Applies the feedback of every confirmation not applied yet; returns how many decisions it applied.
   * Serialised: two decisions' feedback never interleave.
   */
  public synchronized int applyFeedback() {
    int done = 0;
    while (true) {
      List<DecisionRow> todo = cases().unapplied(FEEDBACK_BATCH);
      if (todo.isEmpty()) {
        return done;
      }
      List<BankEntry> hashes = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      List<java.util.function.Consumer<Engine>> changes = new ArrayList<>();
      for (DecisionRow d : todo) {
        ids.add(d.id());
        if (d.decision() != DecisionKind.CONFIRM) {
          continue;
        }
        switch (d.subjectType()) {
          case "account" -> changes.add(e -> e.confirmSeed(d.subjectId()));
          case "hashtag" -> changes.add(e -> e.setTerm(new LexiconTerm(d.subjectId(), d.category(), TagState.BLOCKED)));
          default -> { }
        }
        store.state().verdict(d.subjectType(), d.subjectId()).ifPresent(v -> hashes.addAll(confirmedHashes(d, v)));
      }
      if (!hashes.isEmpty()) {
        if (store.lists().bank(CONFIRMED_BANK).isEmpty()) {
          store.lists().putBank(Bank.named(CONFIRMED_BANK)
              .withDescription("media a reviewer confirmed as a violation (fed by review decisions)"));
        }
        store.lists().upsertBankEntries(hashes);
        pipeline.syncBanks();
      }
      if (!changes.isEmpty()) {
        try {
          pipeline.change(e -> changes.forEach(c -> c.accept(e))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          // Left unapplied: tried again with the next decision, or when the review opens again.
          LOG.warn("feedback of {} decision(s) not applied yet: {}", ids.size(), e.getMessage());
          return done;
        }
      }
      cases().applied(ids, Instant.now());
      done += ids.size();
    }
  }

  /** The PDQ and MD5 hashes of the media the subject's evidence matched, for the confirmed bank. */
  private static List<BankEntry> confirmedHashes(DecisionRow d, VerdictRow row) {
    Verdict v = ContractJson.readVerdict(ContractJson.readStored(row.json()));
    List<BankEntry> out = new ArrayList<>();
    for (Signal s : v.signals()) {
      if (!s.kind().equals(BankMatchDetector.KIND)) {
        continue;
      }
      int colon = s.value().indexOf(':');
      if (colon < 0) {
        continue;
      }
      Optional<HashType> type = HashType.fromWire(s.value().substring(0, colon));
      String hash = s.value().substring(colon + 1);
      if (type.isPresent() && (type.get() == HashType.PDQ || type.get() == HashType.MD5)
          && hash.length() == type.get().hexLength()) {
        out.add(new BankEntry(CONFIRMED_BANK, type.get(), hash, d.category(), "review decision " + d.id(),
            d.decidedAt(), true));
      }
    }
    return out;
  }

}
