package io.ringbreaker.server;

import static io.ringbreaker.server.QueryParams.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.engine.Engine;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.SubjectType;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.model.contract.EventParser;
import io.ringbreaker.model.contract.ParseResult;
import io.ringbreaker.server.auth.Access;
import io.ringbreaker.server.auth.AdminPages;
import io.ringbreaker.server.auth.ConsoleAuth;
import io.ringbreaker.server.webhook.WebhookDeliverer;
import io.ringbreaker.store.ApiKeyInfo;
import io.ringbreaker.store.ApiKeys;
import io.ringbreaker.store.Appended;
import io.ringbreaker.store.HashtagRow;
import io.ringbreaker.store.OutboxState;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.StoreException;
import io.ringbreaker.store.VerdictQuery;
import io.ringbreaker.store.VerdictRow;
import io.ringbreaker.store.User;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP API, wired top to bottom in {@link #start}: ingest ({@code POST /v1/events}), verdicts,
 * hashtags, actions (the outbox, and webhook delivery when configured), health and metrics, and a
 * plain page of verdicts for people. An event is acknowledged only once it is in the journal.
 */
public final class RingbreakerServer implements AutoCloseable {

  private final Javalin app;
  private final DurablePipeline pipeline;
  private final Store store;
  private final ServerConfig config;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** Keys verified in the last few seconds, so a request costs no database read; a revoked key stops working within that. */
  private record VerifiedKey(ApiKeyInfo key, long untilNanos) {}

  private final Map<String, VerifiedKey> verifiedKeys = new ConcurrentHashMap<>();
  private static final long KEY_CACHE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private final Timer ingestTimer;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;
  /** Present when actions are delivered by webhook; otherwise they only queue in the outbox. */
  private final Optional<WebhookDeliverer> deliverer;

  private RingbreakerServer(DurablePipeline pipeline, ServerConfig config) {
    this.pipeline = pipeline;
    this.store = pipeline.store();
    this.config = config;
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    ingestTimer = Timer.builder("ringbreaker.ingest.request").description("POST /v1/events, journaled")
        .publishPercentiles(0.5, 0.99).register(metrics);
    accepted = Counter.builder("ringbreaker.events").tag("outcome", "accepted").register(metrics);
    duplicates = Counter.builder("ringbreaker.events").tag("outcome", "duplicate").register(metrics);
    rejected = Counter.builder("ringbreaker.events").tag("outcome", "rejected").register(metrics);
    Gauge.builder("ringbreaker.journal.seq", pipeline, DurablePipeline::journaledSeq).register(metrics);
    Gauge.builder("ringbreaker.processed.seq", pipeline, DurablePipeline::processedSeq).register(metrics);
    ActionRoutes.Counts outboxCounts = new ActionRoutes.Counts(store.outbox());
    for (OutboxState state : OutboxState.values()) {
      Gauge.builder("ringbreaker.outbox.actions", outboxCounts, c -> c.get(state)).tag("state", state.wire())
          .description("Actions in the outbox by delivery state").register(metrics);
    }
    deliverer = config.webhook().map(w -> WebhookDeliverer.start(store.outbox(), w, metrics));
    deliverer.ifPresent(d -> pipeline.onActions(d::wake));
    ActionRoutes actions = new ActionRoutes(store, deliverer);
    io.ringbreaker.engine.Review review = io.ringbreaker.engine.Review.open(pipeline);
    CaseRoutes cases = new CaseRoutes(store, review, deliverer, this::reviewer, this::readBody);

    app = Javalin.create(cfg -> {
      cfg.useVirtualThreads = true;
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = config.maxBodyBytes();
    });
    // People sign in at /login; the session guard runs first, so API routes below see who is signed in.
    ConsoleAuth.install(app, store);
    AdminPages.install(app, store);
    io.ringbreaker.server.admin.PolicyPages.install(app, pipeline, config.policy());
    io.ringbreaker.server.admin.KeyPages.install(app, store, verifiedKeys::clear);
    io.ringbreaker.server.console.ConsoleRoutes.install(app, pipeline, review);
    io.ringbreaker.server.console.EvidencePages.install(app, store, config.evidenceKeys());
    app.before("/v1/*", this::requireKey);
    app.before("/metrics", this::requireKey);
    app.before("/m/*", this::requireKey);
    app.get("/m/lookup", new HashLookup(pipeline.engine().banks())::lookup);
    app.post("/v1/events", this::postEvents);
    app.get("/v1/verdicts", this::getVerdicts);
    app.get("/v1/hashtags", this::getHashtags);
    app.get("/v1/hashtags/{tag}/series", this::getTagSeries);
    app.get("/v1/rings", this::getRings);
    app.get("/v1/rings/{id}", this::getRing);
    app.get("/v1/rings/{id}/graph.svg", this::getRingGraph);
    app.get("/v1/reports/aftermath", this::getAftermath);
    app.get("/v1/actions", actions::list);
    app.get("/v1/actions/{id}", actions::get);
    app.post("/v1/actions/{id}/approve", actions::approve);
    app.post("/v1/actions/{id}/cancel", actions::cancel);
    app.post("/v1/actions/{id}/retry", actions::retry);
    app.get("/v1/queues", cases::queues);
    app.get("/v1/cases", cases::list);
    app.get("/v1/cases/{id}", cases::get);
    app.post("/v1/cases/next", cases::next);
    app.post("/v1/cases/{id}/claim", cases::claim);
    app.post("/v1/cases/{id}/release", cases::release);
    app.post("/v1/cases/{id}/decisions", cases::decide);
    app.post("/v1/decisions/{id}/confirm", cases::confirm);
    app.post("/v1/decisions/{id}/reject", cases::reject);
    app.get("/v1/lexicon", this::getLexicon);
    app.put("/v1/lexicon/{term}", this::putLexiconTerm);
    app.get("/healthz", this::health);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    app.get("/", this::page);
    app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status).json(error(e.getMessage())));
  }

  /** Starts serving; {@code port} 0 picks a free one. */
  public static RingbreakerServer start(DurablePipeline pipeline, ServerConfig config) {
    RingbreakerServer s = new RingbreakerServer(pipeline, config);
    try {
      s.app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      s.deliverer.ifPresent(WebhookDeliverer::close);
      throw e;
    }
    return s;
  }

  /** Whether actions are delivered by webhook (else they only queue in the outbox). */
  public boolean deliversWebhooks() {
    return deliverer.isPresent();
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return "http://" + config.host() + ":" + port() + "/";
  }

  // ---- ingest -------------------------------------------------------------------------------

  private void postEvents(Context ctx) throws InterruptedException {
    Timer.Sample sample = Timer.start(metrics);
    byte[] body = readBody(ctx);
    JsonNode root;
    try {
      root = EventParser.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed JSON: " + EventParser.jsonProblem(e));
    } catch (IOException e) {
      throw new ApiError(400, "cannot read the request body: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new ApiError(400, "empty body: expected an event object or an array of events");
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      if (root.size() > config.maxEventsPerRequest()) {
        throw new ApiError(413, "at most " + config.maxEventsPerRequest() + " events per request, got " + root.size());
      }
      if (root.isEmpty()) {
        throw new ApiError(400, "empty array: send at least one event");
      }
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    ParseResult[] parsed = new ParseResult[items.size()];
    List<Event> events = new ArrayList<>(items.size());
    for (int i = 0; i < parsed.length; i++) {
      parsed[i] = EventParser.parse(items.get(i));
      if (parsed[i] instanceof ParseResult.Accepted a) {
        events.add(a.event());
      }
    }
    List<Appended> appended = List.of();
    if (!events.isEmpty()) {
      try {
        appended = pipeline.submit(events).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException | StoreException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        ctx.header("Retry-After", "1");
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        throw new ApiError(503, e instanceof TimeoutException
            ? "events may not have been journaled (no commit within 30 s); retrying is safe: a journaled event comes back as duplicate"
            : "events not journaled, nothing was accepted; retry: " + why);
      }
    }
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode results = ContractJson.mapper().createArrayNode();
    int a = 0;
    int d = 0;
    int r = 0;
    int next = 0;
    for (int i = 0; i < parsed.length; i++) {
      ObjectNode o = results.addObject();
      o.put("index", i);
      switch (parsed[i]) {
        case ParseResult.Accepted ok -> {
          Appended ap = appended.get(next++);
          o.put("event_id", ap.eventId());
          o.put("status", ap.duplicate() ? "duplicate" : "accepted");
          o.put("seq", ap.seq());
          if (ap.duplicate()) {
            d++;
          } else {
            a++;
          }
        }
        case ParseResult.Rejected no -> {
          if (no.eventId().isPresent()) {
            o.put("event_id", no.eventId().get());
          } else {
            o.putNull("event_id");
          }
          o.put("status", "rejected");
          no.reasons().forEach(o.putArray("reasons")::add);
          r++;
        }
      }
    }
    accepted.increment(a);
    duplicates.increment(d);
    rejected.increment(r);
    out.put("accepted", a);
    out.put("duplicates", d);
    out.put("rejected", r);
    out.set("results", results);
    sample.stop(ingestTimer);
    ctx.status(a + d == 0 ? 400 : 200).contentType("application/json").result(ContractJson.write(out));
  }

  /** Reads the body within the limit, whether or not the client sent a Content-Length. */
  private byte[] readBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > config.maxBodyBytes()) {
      throw new ApiError(413, "request body of " + declared + " bytes is over the limit of " + config.maxBodyBytes());
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes() + 1));
      if (b.length > config.maxBodyBytes()) {
        throw new ApiError(413, "request body is over the limit of " + config.maxBodyBytes() + " bytes");
      }
      return b;
    } catch (IOException e) {
      throw new ApiError(400, "cannot read the request body: " + e.getMessage());
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  private void getVerdicts(Context ctx) {
    Optional<String> type = QueryParams.subjectType(ctx);
    Optional<String> severity = param(ctx, "severity");
    Optional<String> minSeverity = param(ctx, "min_severity");
    for (var s : List.of(Map.entry("severity", severity), Map.entry("min_severity", minSeverity))) {
      s.getValue().ifPresent(v -> Severity.fromWire(v).orElseThrow(() -> new ApiError(400,
          s.getKey() + ": unknown '" + v + "' (expected none, low, medium, high, critical)")));
    }
    int limit = QueryParams.limit(ctx, 100, 1000);
    Page<VerdictRow> page;
    try {
      page = store.state().verdicts(new VerdictQuery(type, param(ctx, "subject_id"), severity, minSeverity, limit,
          param(ctx, "after")));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "after: not a cursor from a previous page's 'next'");
    }
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("verdicts");
    for (VerdictRow row : page.items()) {
      arr.add(ContractJson.readStored(row.json()));
    }
    if (page.next().isPresent()) {
      out.put("next", page.next().get());
    } else {
      out.putNull("next");
    }
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  private void getHashtags(Context ctx) {
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("hashtags");
    for (HashtagRow row : store.state().hashtags()) {
      arr.add(ContractJson.readStored(row.json()));
    }
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  /** Every ring found, largest first. */
  private void getRings(Context ctx) {
    List<JsonNode> rings = new ArrayList<>();
    store.state().forEachState(RING_STATE, row -> rings.add(ContractJson.readStored(row.json())));
    rings.sort(java.util.Comparator.comparingInt((JsonNode r) -> r.path("size").asInt()).reversed()
        .thenComparing(r -> r.path("id").asText()));
    ObjectNode out = ContractJson.mapper().createObjectNode();
    rings.forEach(out.putArray("rings")::add);
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  private void getRing(Context ctx) {
    ctx.contentType("application/json").result(ContractJson.write(ring(ctx.pathParam("id"))));
  }

  private JsonNode ring(String id) {
    JsonNode[] found = new JsonNode[1];
    store.state().forEachState(RING_STATE, row -> {
      if (row.key().equals(id)) {
        found[0] = ContractJson.readStored(row.json());
      }
    });
    if (found[0] == null) {
      throw new ApiError(404, "no ring '" + id + "'");
    }
    return found[0];
  }

  /**
   * The ring as a picture: members coloured by their stored verdicts, ties weighed on the engine's
   * thread as of when the ring was found (the store keeps ties too, but only as a full scan). An
   * image with no script, locked down so it can be opened on its own.
   */
  private void getRingGraph(Context ctx) throws Exception {
    JsonNode ring = ring(ctx.pathParam("id"));
    java.time.Instant at = java.time.Instant.parse(ring.path("found_at").asText());
    Map<String, io.ringbreaker.server.visual.RingView.Facts> facts = new java.util.HashMap<>();
    for (JsonNode m : ring.path("members")) {
      String a = m.path("account").asText();
      store.state().verdict(SubjectType.ACCOUNT.wire(), a)
          .ifPresent(v -> facts.put(a, io.ringbreaker.server.visual.RingView.Facts.ofVerdict(ContractJson.readStored(v.json()))));
    }
    io.ringbreaker.server.visual.RingView view = pipeline.read(engine -> io.ringbreaker.server.visual.RingView.fromJson(
            ring, facts::get, (a, b) -> {
              Map<io.ringbreaker.detect.ring.TieKind, Double> w = new java.util.EnumMap<>(io.ringbreaker.detect.ring.TieKind.class);
              if (engine.graph().strength(a, b, at) > 0) {
                for (io.ringbreaker.detect.ring.TieKind k : io.ringbreaker.detect.ring.TieKind.values()) {
                  w.put(k, engine.graph().weight(a, b, k, at));
                }
              }
              return w;
            }))
        .get(30, TimeUnit.SECONDS);
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("image/svg+xml; charset=utf-8").result(io.ringbreaker.server.visual.RingGraph.svg(view));
  }

  /** A listed or followed tag day by day: posts, accounts, share flagged, share flood. */
  private void getTagSeries(Context ctx) {
    String tag = io.ringbreaker.detect.text.Hashtags.fold(ctx.pathParam("tag"));
    ObjectNode out = io.ringbreaker.engine.IntelJson.tagSeries(store, tag).orElseThrow(() -> new ApiError(404,
        "no series for tag '" + tag + "': it is not listed, and no flagged account used it"));
    ctx.contentType("application/json").result(ContractJson.write(out));
  }


  /** "The tag is dead, the accounts remain": per restricted term, who used it before and is still active. */
  private void getAftermath(Context ctx) throws Exception {
    List<Engine.Aftermath> report = pipeline.read(Engine::aftermath).get(30, java.util.concurrent.TimeUnit.SECONDS);
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("restrictions");
    report.forEach(a -> arr.add(io.ringbreaker.engine.IntelJson.aftermath(a)));
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  private static final String RING_STATE = Engine.RING_STATE;
  private static final String TAG_STATE = Engine.TAG_STATE;

  /** The listed terms and their states now in force. */
  private void getLexicon(Context ctx) {
    ObjectNode out = ContractJson.mapper().createObjectNode();
    ArrayNode arr = out.putArray("terms");
    pipeline.engine().lexicon().terms().stream().sorted(java.util.Comparator.comparing(LexiconTerm::term))
        .forEach(t -> arr.addObject().put("term", t.term()).put("category", t.category()).put("state", t.state().wire()));
    ctx.contentType("application/json").result(ContractJson.write(out));
  }

  /**
   * Sets a term's state, or lists a new term: {@code {"state":"restricted","category":"…"}}.
   * In force for the next event processed; answered once it is stored.
   */
  private void putLexiconTerm(Context ctx) throws InterruptedException {
    String term = io.ringbreaker.detect.text.Hashtags.fold(ctx.pathParam("term"));
    if (term.isBlank() || term.length() > 256) {
      throw new ApiError(400, "term: must be 1 to 256 characters");
    }
    JsonNode body;
    try {
      body = EventParser.mapper().readTree(readBody(ctx));
    } catch (IOException e) {
      throw new ApiError(400, "malformed JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new ApiError(400, "body: expected an object like {\"state\":\"restricted\"}");
    }
    String stateName = body.path("state").asText("");
    TagState state = TagState.fromWire(stateName).filter(x -> x != TagState.NONE).orElseThrow(() -> new ApiError(400,
        "state: must be one of watch, restricted, blocked, allowed, got '" + stateName + "'"));
    String category = body.path("category").asText(pipeline.engine().lexicon().term(term)
        .map(LexiconTerm::category).orElse("operator"));
    LexiconTerm updated = new LexiconTerm(term, category, state);
    try {
      pipeline.change(engine -> engine.setTerm(updated)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      ctx.header("Retry-After", "1");
      throw new ApiError(503, "the change was not stored; retry: " + (e.getCause() == null ? e : e.getCause()).getMessage());
    }
    String keyName = ctx.attribute(KEY_NAME);
    store.audit().append("api-key:" + keyName, "lexicon.change", "term:" + updated.term(),
        ContractJson.write(ContractJson.mapper().createObjectNode().put("state", updated.state().wire())
            .put("category", updated.category())));
    ctx.contentType("application/json").result(ContractJson.write(ContractJson.mapper().createObjectNode()
        .put("term", updated.term()).put("category", updated.category()).put("state", updated.state().wire())));
  }

  private void health(Context ctx) {
    boolean ok = store.healthy();
    ObjectNode out = ContractJson.mapper().createObjectNode();
    out.put("status", ok ? "ok" : "store unavailable");
    out.put("store", store.describe());
    long journaled = ok ? pipeline.journaledSeq() : -1;
    out.put("journal_seq", journaled);
    out.put("processed_seq", pipeline.processedSeq());
    if (!pipeline.lastError().isEmpty()) {
      out.put("last_error", pipeline.lastError());
    }
    ctx.status(ok ? 200 : 503).contentType("application/json").result(ContractJson.write(out));
  }

  // ---- people: a plain page of verdicts, the console's home until the review console replaces it ----

  private void page(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    Page<VerdictRow> top = store.state().verdicts(new VerdictQuery(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of("medium"), 200, Optional.empty()));
    ctx.html(Pages.verdicts(AdminPages.nav(ctx, me), top.items(), store.state().hashtags(),
        store.state().verdictCountsBySeverity(), pipeline.journaledSeq(), pipeline.processedSeq()));
  }

  /**
   * API routes take {@code Authorization: Bearer <key>} with the scope the route needs; a signed-in
   * person's session may read (GET) but not write through the API.
   */
  private void requireKey(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<ApiKeyInfo> key = validKey(auth.substring(7).trim());
      if (key.isPresent()) {
        Optional<String> scope = scopeFor(ctx);
        if (scope.isPresent() && !key.get().has(scope.get())) {
          throw new ApiError(403, "API key '" + key.get().name() + "' lacks scope " + scope.get() + " for "
              + ctx.method().name() + " " + ctx.path());
        }
        ctx.attribute(KEY_NAME, key.get().name());
        return;
      }
    }
    if (ConsoleAuth.user(ctx).isPresent() && "GET".equals(ctx.method().name())) {
      return;
    }
    ctx.header("WWW-Authenticate", "Bearer");
    throw new ApiError(401, auth == null ? "missing API key: send 'Authorization: Bearer <key>'" : "invalid API key");
  }

  /**
   * Who acts on a case: the API key that authorised the request ({@code api-key:<name>}), else the
   * signed-in person (who may only read here: changes go through the console's role checks).
   */
  private String reviewer(Context ctx) {
    return Optional.ofNullable(ctx.<String>attribute(KEY_NAME)).map(name -> "api-key:" + name)
        .or(() -> ConsoleAuth.user(ctx).map(io.ringbreaker.store.User::name))
        .orElseThrow(() -> new ApiError(401, "review needs 'Authorization: Bearer <key>' or a signed-in reviewer"));
  }

  /** The request's API key name, for the audit log. */
  private static final String KEY_NAME = "ringbreaker.api-key";

  /** The scope a route needs; empty for /metrics, which any valid key may read. */
  static Optional<String> scopeFor(Context ctx) {
    String path = ctx.path();
    String method = ctx.method().name();
    if (path.equals("/metrics")) {
      return Optional.empty();
    }
    if (path.startsWith("/m/")) {
      return Optional.of(ApiKeys.LOOKUP_READ);
    }
    if (method.equals("GET") || method.equals("HEAD")) {
      return Optional.of(ApiKeys.VERDICTS_READ);
    }
    if (path.equals("/v1/events")) {
      return Optional.of(ApiKeys.EVENTS_WRITE);
    }
    if (path.startsWith("/v1/actions/") || path.startsWith("/v1/cases") || path.startsWith("/v1/decisions/")) {
      return Optional.of(ApiKeys.ACTIONS_WRITE); // deciding cases acts on the platform as approving actions does
    }
    // Changing the lexicon changes what the policy acts on; so does anything added later, until it says otherwise.
    return Optional.of(ApiKeys.ADMIN);
  }

  private Optional<ApiKeyInfo> validKey(String key) {
    long now = System.nanoTime();
    VerifiedKey cached = verifiedKeys.get(key);
    if (cached != null && cached.untilNanos() - now > 0) {
      return Optional.of(cached.key());
    }
    Optional<ApiKeyInfo> found = store.apiKeys().authenticate(key);
    if (found.isEmpty()) {
      verifiedKeys.remove(key);
      return found;
    }
    if (verifiedKeys.size() > 10_000) {
      verifiedKeys.clear();
    }
    verifiedKeys.put(key, new VerifiedKey(found.get(), now + KEY_CACHE_NANOS));
    return found;
  }


  private static ObjectNode error(String message) {
    ObjectNode o = ContractJson.mapper().createObjectNode();
    o.put("error", message);
    return o;
  }

  /** An answer with a status and one clear message. */
  static final class ApiError extends RuntimeException {
    final int status;

    ApiError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  public void close() {
    app.stop();
    deliverer.ifPresent(WebhookDeliverer::close);
    metrics.close();
  }
}
