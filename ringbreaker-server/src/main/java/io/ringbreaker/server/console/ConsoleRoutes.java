package io.ringbreaker.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.ringbreaker.engine.Review;
import io.ringbreaker.model.Signal;
import io.ringbreaker.model.Verdict;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.auth.Access;
import io.ringbreaker.server.auth.AdminPages;
import io.ringbreaker.server.auth.ConsoleAuth;
import io.ringbreaker.server.auth.Html;
import io.ringbreaker.server.visual.SafeMedia;
import io.ringbreaker.store.CaseException;
import io.ringbreaker.store.CaseQuery;
import io.ringbreaker.store.CaseRow;
import io.ringbreaker.store.CaseState;
import io.ringbreaker.store.DecisionKind;
import io.ringbreaker.store.DecisionRow;
import io.ringbreaker.store.JournalEntry;
import io.ringbreaker.store.QueueStats;
import io.ringbreaker.store.ReviewerSettings;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.SubjectDecision;
import io.ringbreaker.store.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The review console: queues, cases, media at less exposure, decisions. Server-rendered pages,
 * no script: every navigation and decision has an access key, shown on screen. Media is shown as
 * a small greyscale blur made on the server, so the original never reaches a browser until a
 * reviewer reveals that one item; every reveal, case view and decision is in the audit log.
 */
public final class ConsoleRoutes {
  /** A reveal shows the original to the reviewer who asked for this long, then the blur is back. */
  static final Duration REVEAL_FOR = Duration.ofMinutes(10);
  static final List<String> CATEGORIES = List.of("csam.known", "csam.trade_advert", "solicitation",
      "off_platform_trade", "ban_evasion", "not_violating", "other");

  private final Store store;
  private final io.ringbreaker.engine.DurablePipeline pipeline;
  private final Review review;
  /** user name + "\n" + event id + "\n" + media id → until when the original may be shown. */
  private final Map<String, Instant> revealed = new ConcurrentHashMap<>();

  private ConsoleRoutes(io.ringbreaker.engine.DurablePipeline pipeline, Review review) {
    this.pipeline = pipeline;
    this.store = pipeline.store();
    this.review = review;
  }

  /** Adds the console's routes; {@link ConsoleAuth} must be installed first (sign-in, CSRF). */
  public static void install(Javalin app, io.ringbreaker.engine.DurablePipeline pipeline, Review review) {
    ConsoleRoutes c = new ConsoleRoutes(pipeline, review);
    app.get("/console/hashtags", c::hashtags);
    app.get("/console/hashtags/{tag}", c::hashtag);
    app.post("/console/hashtags/{tag}/state", c::setTagState);
    app.get("/console", c::home);
    app.get("/console/queues/{queue}", c::queue);
    app.post("/console/queues/{queue}/next", c::next);
    app.get("/console/cases/{id}", c::caseView);
    app.post("/console/cases/{id}/decide", c::decide);
    app.post("/console/cases/{id}/release", c::release);
    app.post("/console/decisions/{id}/confirm", c::confirmDecision);
    app.post("/console/decisions/{id}/reject", c::rejectDecision);
    app.get("/console/events/{event}", c::eventView);
    app.get("/console/settings", c::settings);
    app.post("/console/settings", c::saveSettings);
    app.get("/console/media/{event}/{media}/preview", c::preview);
    app.post("/console/media/{event}/{media}/reveal", c::reveal);
    app.get("/console/media/{event}/{media}/original", c::original);
  }

  private void home(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    Instant now = Instant.now();
    StringBuilder b = page(ctx, me, "Review queues");
    shiftNotice(b, ctx, me, now);
    Html.query(ctx, "note").ifPresent(n -> b.append("<p class=ok>").append(Html.esc(n)).append("</p>"));
    b.append("<h1>Review queues</h1><table><tr><th>queue</th><th>open</th><th>claimed</th>"
        + "<th>awaiting a lead</th><th>oldest</th><th>past SLA</th><th></th></tr>");
    int key = 1;
    for (QueueStats q : review.queues(now)) {
      String qe = Html.esc(q.queue());
      String url = "/console/queues/" + Html.url(q.queue());
      b.append("<tr><td><a href=\"").append(url).append("\">").append(qe).append("</a></td><td>").append(q.open())
          .append("</td><td>").append(q.claimed()).append("</td><td>").append(q.awaitingConfirmation()).append("</td><td>")
          .append(q.oldestOpenedAt().map(t -> ago(Duration.between(t, now))).orElse("—")).append("</td><td")
          .append(q.slaBreaches() > 0 ? " class=problem>" : ">").append(q.slaBreaches()).append("</td><td>");
      if (me.role().atLeast(Role.REVIEWER) && q.open() > 0) {
        String ak = key <= 9 ? String.valueOf(key) : "";
        b.append("<form class=inline method=post action=\"").append(url).append("/next\">")
            .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
            .append("<button type=submit").append(ak.isEmpty() ? "" : " accesskey=" + ak).append(">Next case</button>")
            .append(ak.isEmpty() ? "" : " <kbd>Alt+" + ak + "</kbd>").append("</form>");
        key++;
      }
      b.append("</td></tr>");
    }
    b.append("</table><p><a href=/console/hashtags accesskey=t>Hashtag desk</a> <kbd>Alt+T</kbd>: proposals from "
        + "ring intelligence, states, each tag day by day.</p><p><a href=/console/settings>My settings</a> "
        + "<kbd>Alt+Z</kbd>: blur, breaks, the shift cap.</p><p class=muted>Media is shown blurred and grey; a reviewer reveals one item at a time, "
        + "and every reveal and decision is in the audit log.</p>");
    ctx.html(b.append("</body></html>").toString());
  }

  private void queue(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    String queue = ctx.pathParam("queue");
    Instant now = Instant.now();
    var page = review.cases(new CaseQuery(Optional.of(queue), Optional.of(CaseState.OPEN), Html.query(ctx, "q"),
        Html.query(ctx, "after"), 50));
    StringBuilder b = page(ctx, me, "Queue " + queue);
    b.append("<h1>Queue ").append(Html.esc(queue)).append("</h1>")
        .append("<form method=get><input name=q accesskey=f placeholder=\"handle, tag, link, hash or text\" value=\"")
        .append(Html.esc(Html.query(ctx, "q").orElse(""))).append("\"> <button type=submit>Search</button> "
            + "<kbd>Alt+F</kbd></form>")
        .append("<form method=post action=\"/console/queues/").append(Html.url(queue)).append("/next\">")
        .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
        .append("<button type=submit accesskey=n>Take the next case</button> <kbd>Alt+N</kbd></form>")
        .append("<table><tr><th>case</th><th>severity</th><th>priority</th><th>subjects</th><th>reports</th>"
            + "<th>ring</th><th>SLA</th></tr>");
    for (CaseRow c : page.items()) {
      b.append("<tr><td><a href=/console/cases/").append(c.id()).append(">").append(Html.esc(c.key())).append("</a></td>")
          .append("<td><span class=\"sev ").append(Html.esc(c.severity())).append("\">").append(Html.esc(c.severity()))
          .append("</span></td><td>").append(String.format(java.util.Locale.ROOT, "%.1f", c.priorityAt(now)))
          .append("</td><td>").append(c.subjects()).append("</td><td>").append(c.reports()).append("</td><td>")
          .append(Html.esc(c.ring().orElse(""))).append("</td><td>").append(sla(c, now)).append("</td></tr>");
    }
    b.append("</table>");
    page.next().ifPresent(n -> b.append("<a href=\"?after=").append(Html.url(n)).append("\" accesskey=j>Next page</a> "
        + "<kbd>Alt+J</kbd>"));
    ctx.html(b.append("</body></html>").toString());
  }

  private void hashtags(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    StringBuilder b = page(ctx, me, "Hashtag desk");
    Html.query(ctx, "note").ifPresent(n -> b.append("<p class=ok>").append(Html.esc(n)).append("</p>"));
    b.append("<h1>Hashtag desk</h1><p class=muted>Tags Ringbreaker has an opinion about: listed spellings, "
        + "floods, and emerging tags proposed with their evidence for a person to decide.</p>"
        + "<table><tr><th>tag</th><th>listed as</th><th>state</th><th>proposed</th><th>posts</th>"
        + "<th>flagged accounts</th><th>flooded</th><th>why</th></tr>");
    List<JsonNode> rows = new ArrayList<>();
    store.state().hashtags().forEach(h -> rows.add(ContractJson.readStored(h.json())));
    rows.sort(java.util.Comparator.comparing((JsonNode n) -> n.path("proposed_state").isNull()
        || n.path("proposed_state").isMissingNode()).thenComparing(n -> -n.path("posts").asLong()));
    for (JsonNode h : rows) {
      String tag = h.path("tag").asText();
      b.append("<tr><td><a href=\"/console/hashtags/").append(Html.url(tag)).append("\">#").append(Html.esc(tag))
          .append("</a></td><td>").append(Html.esc(h.path("matched").asText(""))).append("</td><td>")
          .append(Html.esc(h.path("state").asText(""))).append("</td><td><b>")
          .append(Html.esc(h.path("proposed_state").isTextual() ? h.path("proposed_state").asText() : ""))
          .append("</b></td><td>").append(h.path("posts").asLong()).append("</td><td>")
          .append(h.path("flagged_accounts").asLong()).append("</td><td>").append(h.path("flooded").asBoolean() ? "yes" : "")
          .append("</td><td class=detail>").append(Html.esc(h.path("reason").asText(""))).append("</td></tr>");
    }
    ctx.html(b.append("</table></body></html>").toString());
  }

  private void hashtag(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    String tag = io.ringbreaker.detect.text.Hashtags.fold(ctx.pathParam("tag"));
    StringBuilder b = page(ctx, me, "#" + tag);
    b.append("<h1>#").append(Html.esc(tag)).append("</h1>");
    store.state().hashtags().stream().filter(h -> h.tag().equals(tag)).findFirst().map(h -> ContractJson.readStored(h.json()))
        .ifPresent(h -> b.append("<p>state <b>").append(Html.esc(h.path("state").asText(""))).append("</b>")
            .append(h.path("proposed_state").isTextual() ? " · proposed <b>" + Html.esc(h.path("proposed_state").asText())
                + "</b>" : "").append(" · ").append(Html.esc(h.path("reason").asText(""))).append("</p>"));
    io.ringbreaker.engine.IntelJson.tagSeries(store, tag).ifPresentOrElse(series -> tagChart(b, series),
        () -> b.append("<p class=muted>No day series: the tag is not listed and no flagged account used it.</p>"));
    if (me.role().atLeast(Role.LEAD)) {
      b.append("<h2>Decide its state</h2><form method=post action=\"/console/hashtags/").append(Html.url(tag))
          .append("/state\">").append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
          .append("<select name=state accesskey=g>");
      for (String st : List.of("watch", "restricted", "blocked", "allowed")) {
        b.append("<option>").append(st).append("</option>");
      }
      b.append("</select> <kbd>Alt+G</kbd> <button type=submit accesskey=s>Set the state</button> <kbd>Alt+S</kbd>"
          + "</form><p class=muted>The platform is asked to restrict or block the tag through the outbox; the "
          + "lexicon changes at once.</p>");
    }
    ctx.html(b.append("</body></html>").toString());
  }

  private void setTagState(Context ctx) throws Exception {
    User me = Access.require(ctx, Role.LEAD);
    String tag = io.ringbreaker.detect.text.Hashtags.fold(ctx.pathParam("tag"));
    io.ringbreaker.model.TagState state = io.ringbreaker.model.TagState.fromWire(Html.form(ctx, "state"))
        .filter(s -> s != io.ringbreaker.model.TagState.NONE)
        .orElseThrow(() -> new io.javalin.http.BadRequestResponse("state: one of watch, restricted, blocked, allowed"));
    String category = pipeline.engine().lexicon().term(tag).map(io.ringbreaker.model.LexiconTerm::category)
        .orElse("reviewer");
    pipeline.change(e -> e.setTerm(new io.ringbreaker.model.LexiconTerm(tag, category, state)))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    store.audit().append(me.name(), "lexicon.change", "term:" + tag, ContractJson.write(
        ContractJson.mapper().createObjectNode().put("state", state.wire()).put("category", category)));
    ctx.redirect("/console/hashtags?note=" + Html.url("#" + tag + " is now " + state.wire() + "."));
  }

  private void next(Context ctx) {
    User me = Access.require(ctx, Role.REVIEWER);
    String queue = ctx.pathParam("queue");
    Instant now = Instant.now();
    int high = highDecisionsThisShift(me, now);
    if (high >= me.settings().maxHighPerShift()) {
      ctx.redirect("/console?note=" + Html.url("You have decided " + high + " high-severity cases this shift, your cap: "
          + "take a break or ask a lead to share the queue."));
      return;
    }
    Optional<CaseRow> taken = review.claimNext(queue, me.name(), now, Review.DEFAULT_LEASE);
    if (taken.isEmpty()) {
      ctx.redirect("/console?note=" + Html.url("Queue " + queue + " has no open case."));
      return;
    }
    ctx.redirect("/console/cases/" + taken.get().id());
  }

  private void caseView(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    long id = id(ctx);
    Instant now = Instant.now();
    Review.CaseView view = review.view(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no case " + id));
    CaseRow c = view.row();
    store.audit().append(me.name(), "case.view", "case:" + id, "{}");
    StringBuilder b = page(ctx, me, "Case " + c.key());
    shiftNotice(b, ctx, me, now);
    boolean mine = c.claimedBy().filter(me.name()::equals).isPresent() && c.state() == CaseState.CLAIMED;
    b.append("<h1>Case ").append(Html.esc(c.key())).append(" <span class=\"sev ").append(Html.esc(c.severity()))
        .append("\">").append(Html.esc(c.severity())).append("</span></h1><p>Queue <b>").append(Html.esc(c.queue()))
        .append("</b> · ").append(Html.esc(c.state().wire())).append(c.claimedBy().map(r -> " by " + Html.esc(r)).orElse(""))
        .append(" · SLA ").append(sla(c, now)).append(" · ").append(c.reports()).append(" report(s)</p>");
    c.ring().ifPresent(r -> b.append("<h2>Ring ").append(Html.esc(r)).append("</h2><img class=ring alt=\"ring ")
        .append(Html.esc(r)).append("\" src=\"/v1/rings/").append(Html.url(r)).append("/graph.svg\">"));
    List<JsonNode> mediaShown = new ArrayList<>();
    for (Review.SubjectView s : view.subjects()) {
      b.append("<section class=subject><h2>").append(Html.esc(s.subject().subjectType())).append(" ")
          .append(Html.esc(s.subject().subjectId())).append(" <span class=\"sev ").append(Html.esc(s.subject().severity()))
          .append("\">").append(Html.esc(s.subject().severity())).append("</span></h2>");
      s.verdict().map(v -> verdict(v.json())).ifPresent(v -> subject(b, ctx, me, v, mediaShown, now));
      b.append("</section>");
    }
    tagCharts(b, view);
    evidenceLinks(b, me, view);
    if (!view.decisions().isEmpty()) {
      b.append("<h2>Decisions</h2><table><tr><th>subject</th><th>decision</th><th>category</th><th>by</th>"
          + "<th>reason</th><th>state</th></tr>");
      for (DecisionRow d : view.decisions()) {
        b.append("<tr><td>").append(Html.esc(d.subjectType() + ":" + d.subjectId())).append("</td><td>")
            .append(Html.esc(d.decision().wire())).append("</td><td>").append(Html.esc(d.category())).append("</td><td>")
            .append(Html.esc(d.reviewer())).append("</td><td class=detail>").append(Html.esc(d.reason()))
            .append("</td><td>").append(Html.esc(d.state().name().toLowerCase(java.util.Locale.ROOT)));
        d.secondReviewer().ifPresent(lead -> b.append(" by ").append(Html.esc(lead)));
        if (d.state() == DecisionRow.State.REJECTED) {
          rejectionReason(d.id()).ifPresent(r -> b.append(": <i>").append(Html.esc(r)).append("</i>"));
        }
        if (d.state() == DecisionRow.State.AWAITING_CONFIRMATION && me.role().atLeast(Role.LEAD)
            && !d.reviewer().equals(me.name())) {
          b.append(" <form class=inline method=post action=/console/decisions/").append(d.id()).append("/confirm>")
              .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
              .append("<button type=submit accesskey=k>Confirm: no violation</button> <kbd>Alt+K</kbd></form>")
              .append(" <form class=inline method=post action=/console/decisions/").append(d.id()).append("/reject>")
              .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
              .append("<input name=reason required size=30 accesskey=y placeholder=\"why it is a violation\"> <kbd>Alt+Y</kbd> ")
              .append("<button type=submit>Reject: decide again</button></form>");
        }
        b.append("</td></tr>");
      }
      b.append("</table>");
    }
    if (mine && me.role().atLeast(Role.REVIEWER)) {
      decisionForm(b, ctx, id, c.ring(), undecided(view).size());
    } else if (me.role().atLeast(Role.REVIEWER) && c.state() == CaseState.OPEN) {
      b.append("<p class=muted>Take it from its queue to decide it.</p>");
    }
    ctx.html(b.append("</body></html>").toString());
  }

  /** The listed tags the case's subjects used, each drawn day by day (at most {@value #TAG_CHARTS}). */
  private void tagCharts(StringBuilder b, Review.CaseView view) {
    java.util.Set<String> tags = new java.util.LinkedHashSet<>();
    for (Review.SubjectView s : view.subjects()) {
      s.verdict().map(v -> verdict(v.json())).ifPresent(v -> v.signals().stream()
          .filter(sig -> sig.kind().equals(io.ringbreaker.detect.text.LexiconDetector.KIND))
          .map(sig -> sig.detail().get("term")).filter(java.util.Objects::nonNull).forEach(tags::add));
    }
    tags.stream().limit(TAG_CHARTS).forEach(tag -> io.ringbreaker.engine.IntelJson.tagSeries(store, tag).ifPresent(series -> {
      b.append("<h2>#").append(Html.esc(tag)).append(" day by day <a class=muted href=\"/console/hashtags/")
          .append(Html.url(tag)).append("\">hashtag desk</a></h2>");
      tagChart(b, series);
    }));
  }

  /** A tag's days drawn; a series the chart cannot draw says why instead. */
  private static void tagChart(StringBuilder b, com.fasterxml.jackson.databind.node.ObjectNode series) {
    try {
      b.append(io.ringbreaker.server.visual.Chart.line(io.ringbreaker.server.visual.ChartSpec.tagSeries(series,
          List.of())));
    } catch (IllegalArgumentException e) {
      b.append("<p class=muted>no chart: ").append(Html.esc(e.getMessage())).append("</p>");
    }
  }

  static final int TAG_CHARTS = 2;

  /** What was preserved about the case's subjects, for the roles that may see evidence. */
  private void evidenceLinks(StringBuilder b, User me, Review.CaseView view) {
    if (!me.role().atLeast(EvidencePages.SEES)) {
      return;
    }
    StringBuilder list = new StringBuilder();
    for (Review.SubjectView s : view.subjects()) {
      int n = store.evidence().items(s.subject().subjectType(), s.subject().subjectId()).size();
      if (n > 0) {
        String subject = s.subject().subjectType() + ":" + s.subject().subjectId();
        list.append("<li><a href=\"/console/evidence?subject=").append(Html.url(subject)).append("\">")
            .append(Html.esc(subject)).append("</a>: ").append(n).append(" item(s)</li>");
      }
    }
    if (!list.isEmpty()) {
      b.append("<h2>Evidence preserved</h2><ul>").append(list).append("</ul>");
    }
  }

  private void subject(StringBuilder b, Context ctx, User me, Verdict v, List<JsonNode> mediaShown, Instant now) {
    b.append("<p>").append(String.join("<br>", v.reasons().stream().map(Html::esc).toList())).append("</p>")
        .append("<p class=muted>policy ").append(Html.esc(v.decidedBy().policy())).append(" · rules ")
        .append(Html.esc(String.join(", ", v.decidedBy().rules()))).append(" · actions ")
        .append(Html.esc(String.join(", ", v.actions()))).append("</p>");
    b.append("<table><tr><th>signal</th><th>value</th><th>evidence</th><th>event</th></tr>");
    java.util.Set<String> seenMedia = new java.util.HashSet<>();
    int shown = 0;
    for (Signal s : v.signals()) {
      if (shown++ >= 40) {
        b.append("<tr><td colspan=4 class=muted>").append(v.signals().size() - 40).append(" more signals</td></tr>");
        break;
      }
      Optional<JsonNode> event = event(s.eventId());
      b.append("<tr><td>").append(Html.esc(s.kind())).append("</td><td class=detail>").append(Html.esc(s.value()));
      if (s.kind().equals("media.hash_match")) {
        b.append("<br><span class=muted>bank ").append(Html.esc(s.detail().getOrDefault("bank", "?")))
            .append(", distance ").append(Html.esc(s.detail().getOrDefault("distance", "0")))
            .append(s.detail().containsKey("variant") ? ", " + Html.esc(s.detail().get("variant")) : "").append("</span>");
      }
      b.append("</td><td class=detail>");
      if (s.span().isPresent() && event.isPresent()) {
        b.append(highlighted(event.get(), s.span().get()));
      }
      event.ifPresent(e -> media(b, ctx, me, e, seenMedia, now));
      b.append("</td><td><a href=\"/console/events/").append(Html.url(s.eventId())).append("\"><code>")
          .append(Html.esc(s.eventId())).append("</code></a></td></tr>");
    }
    b.append("</table>");
  }

  /** The text the signal came from, with its span marked. */
  private static String highlighted(JsonNode event, io.ringbreaker.model.Span span) {
    String[] path = span.field().split("\\.");
    JsonNode n = event;
    for (String p : path) {
      n = n.path(p);
    }
    if (!n.isTextual()) {
      return "";
    }
    String text = n.asText();
    int start = Math.max(0, Math.min(span.start(), text.length()));
    int end = Math.max(start, Math.min(span.end(), text.length()));
    int from = Math.max(0, start - 80);
    int to = Math.min(text.length(), end + 80);
    return (from > 0 ? "…" : "") + Html.esc(text.substring(from, start)) + "<mark>" + Html.esc(text.substring(start, end))
        + "</mark>" + Html.esc(text.substring(end, to)) + (to < text.length() ? "…" : "");
  }

  /** The event's inline media, blurred and grey unless this reviewer revealed it. */
  private void media(StringBuilder b, Context ctx, User me, JsonNode event, java.util.Set<String> seen, Instant now) {
    String eventId = event.path("event_id").asText();
    if (!me.role().atLeast(Role.REVIEWER)) {
      long n = mediaOf(event).stream().filter(m -> seen.add(eventId + "/" + m.path("id").asText())).count();
      if (n > 0) {
        b.append("<p class=muted>").append(n).append(" media item(s), shown to reviewers only</p>");
      }
      return;
    }
    for (JsonNode m : mediaOf(event)) {
      String mediaId = m.path("id").asText();
      if (!m.hasNonNull("data_base64") || !seen.add(eventId + "/" + mediaId)) {
        continue;
      }
      String base = "/console/media/" + Html.url(eventId) + "/" + Html.url(mediaId);
      boolean open = isRevealed(me, eventId, mediaId, now) || !me.settings().blurMedia();
      Optional<String> video = videoType(m);
      if (video.isPresent()) {
        // No frame of a video is shown until it is revealed; then it plays muted, only when asked.
        b.append(open ? "<figure><video class=media muted controls preload=none src=\"" + base + "/original\"></video>"
            : "<figure><div class=\"media video\">video · " + Html.esc(video.get()) + " · not shown until revealed, "
                + "then muted</div>");
      } else {
        b.append("<figure><img class=media alt=\"media ").append(Html.esc(mediaId)).append("\" src=\"").append(base)
            .append(open ? "/original" : "/preview").append("\">");
      }
      if (!open && me.role().atLeast(Role.REVIEWER)) {
        b.append("<form class=inline method=post action=\"").append(base).append("/reveal\">")
            .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
            .append("<button type=submit accesskey=v>Reveal this item</button> <kbd>Alt+V</kbd></form>");
      }
      b.append("</figure>");
    }
  }

  /** Video types a browser plays; any other media is treated as an image. */
  static final java.util.Set<String> VIDEO_TYPES = java.util.Set.of("video/mp4", "video/webm", "video/ogg");

  private static Optional<String> videoType(JsonNode media) {
    return io.ringbreaker.model.Media.videoType(media.path("mime").asText(""));
  }

  private static List<JsonNode> mediaOf(JsonNode event) {
    List<JsonNode> out = new ArrayList<>();
    for (String body : List.of("post", "message")) {
      event.path(body).path("media").forEach(out::add);
    }
    return out;
  }

  private void decisionForm(StringBuilder b, Context ctx, long id, Optional<String> ring, int open) {
    b.append("<h2>Decide</h2><form method=post action=/console/cases/").append(id).append("/decide>")
        .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
        .append("<p><label><input type=radio name=decision value=confirm accesskey=c required> Violation — confirm "
            + "<kbd>Alt+C</kbd></label> <label><input type=radio name=decision value=clear accesskey=x> No violation "
            + "<kbd>Alt+X</kbd></label> <label><input type=radio name=decision value=escalate accesskey=e> Escalate "
            + "<kbd>Alt+E</kbd></label></p><p><label>Category <select name=category accesskey=g>");
    for (String cat : CATEGORIES) {
      b.append("<option>").append(Html.esc(cat)).append("</option>");
    }
    b.append("</select></label> <kbd>Alt+G</kbd></p>");
    ring.ifPresentOrElse(r -> b.append("<p><label><input type=radio name=scope value=case accesskey=o checked> This case's ")
        .append(open).append(" undecided subject(s) <kbd>Alt+O</kbd></label> <label><input type=radio name=scope value=ring "
            + "accesskey=a> The whole ring ").append(Html.esc(r)).append(": every member in an open case, each recorded on "
            + "its own <kbd>Alt+A</kbd></label></p>"),
        () -> b.append("<p class=muted>Covers this case's ").append(open).append(" undecided subject(s).</p>"));
    b.append("<p><label>Reason<br><textarea name=reason rows=3 cols=80 "
            + "accesskey=w></textarea></label> <kbd>Alt+W</kbd></p>"
            + "<button type=submit accesskey=s>Record the decision</button> <kbd>Alt+S</kbd></form>")
        .append("<form method=post action=/console/cases/").append(id).append("/release>")
        .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
        .append("<button type=submit accesskey=b>Give the case back</button> <kbd>Alt+B</kbd></form>");
  }

  /**
   * The case's subjects still to decide: none made yet, a lead rejected the one made, or it was
   * escalated (an escalation asks for a decision, it is not one).
   */
  private static List<Review.SubjectView> undecided(Review.CaseView view) {
    java.util.Set<String> decided = new java.util.HashSet<>();
    for (DecisionRow d : view.decisions()) {
      if (d.standing() && d.decision() != DecisionKind.ESCALATE) {
        decided.add(d.subjectType() + ":" + d.subjectId());
      }
    }
    return view.subjects().stream()
        .filter(s -> !decided.contains(s.subject().subjectType() + ":" + s.subject().subjectId())).toList();
  }

  private void decide(Context ctx) {
    User me = Access.require(ctx, Role.REVIEWER);
    long id = id(ctx);
    DecisionKind kind = DecisionKind.fromWire(Html.form(ctx, "decision"))
        .orElseThrow(() -> new io.javalin.http.BadRequestResponse("decision: choose confirm, clear or escalate"));
    String category = kind == DecisionKind.CLEAR ? SubjectDecision.NOT_VIOLATING : Html.form(ctx, "category");
    String reason = Html.form(ctx, "reason");
    boolean wholeRing = Html.form(ctx, "scope").equals("ring");
    Review.CaseView view = review.view(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no case " + id));
    List<SubjectDecision> each = new ArrayList<>();
    for (Review.SubjectView s : undecided(view)) {
      each.add(new SubjectDecision(s.subject().subjectType(), s.subject().subjectId(), kind, category, reason, List.of()));
    }
    if (wholeRing) {
      String ring = view.row().ring()
          .orElseThrow(() -> new io.javalin.http.BadRequestResponse("scope: case " + id + " belongs to no ring"));
      // The case's own subjects come first; the ring's members they already cover are not decided twice.
      each.add(new SubjectDecision(SubjectDecision.RING, ring, kind, category, reason, List.of()));
    }
    try {
      List<DecisionRow> rows = review.decide(id, me.name(), each, Instant.now());
      var detail = ContractJson.mapper().createObjectNode();
      detail.put("decision", kind.wire());
      detail.put("category", category);
      detail.put("reason", reason);
      detail.put("subjects", rows.size());
      detail.put("severity", view.row().severity());
      view.row().ring().filter(r -> wholeRing).ifPresent(r -> detail.put("ring", r));
      var cases = detail.putArray("cases");
      rows.stream().map(DecisionRow::caseId).distinct().forEach(cases::add);
      store.audit().append(me.name(), "case.decide", "case:" + id, ContractJson.write(detail));
      ctx.redirect("/console?note=" + Html.url("Case " + view.row().key() + ": " + kind.wire() + " recorded for "
          + rows.size() + " subject(s)" + (wholeRing ? " of ring " + view.row().ring().orElseThrow() + " in "
          + cases.size() + " case(s)" : "") + "."));
    } catch (CaseException | IllegalArgumentException e) {
      ctx.status(409).html(page(ctx, me, "Not recorded").append("<p class=problem>").append(Html.esc(e.getMessage()))
          .append("</p><a href=/console/cases/").append(id).append(">Back to the case</a></body></html>").toString());
    }
  }

  /** A lead, not the reviewer who decided, confirms that a reported subject is no violation. */
  private void confirmDecision(Context ctx) {
    User me = Access.require(ctx, Role.LEAD);
    long id = id(ctx);
    try {
      DecisionRow d = review.confirm(id, me.name(), true, Instant.now());
      store.audit().append(me.name(), "decision.confirm", "decision:" + id, ContractJson.write(ContractJson.mapper()
          .createObjectNode().put("case", d.caseId()).put("subject", d.subjectType() + ":" + d.subjectId())));
      ctx.redirect("/console/cases/" + d.caseId());
    } catch (CaseException e) {
      ctx.status(409).html(page(ctx, me, "Not confirmed").append("<p class=problem>").append(Html.esc(e.getMessage()))
          .append("</p></body></html>").toString());
    }
  }

  /**
   * A lead, not the reviewer who decided, disagrees that a reported subject is no violation: the
   * clear never comes into force and the case goes back open (escalated) to be decided again.
   */
  private void rejectDecision(Context ctx) {
    User me = Access.require(ctx, Role.LEAD);
    long id = id(ctx);
    String reason = Html.form(ctx, "reason");
    if (reason.isEmpty()) {
      throw new io.javalin.http.BadRequestResponse("reason: say why the clear is wrong; the next reviewer reads it");
    }
    try {
      DecisionRow d = review.reject(id, me.name(), true, Instant.now());
      store.audit().append(me.name(), "decision.reject", "decision:" + id, ContractJson.write(ContractJson.mapper()
          .createObjectNode().put("case", d.caseId()).put("subject", d.subjectType() + ":" + d.subjectId())
          .put("reason", reason)));
      ctx.redirect("/console/cases/" + d.caseId());
    } catch (CaseException e) {
      ctx.status(409).html(page(ctx, me, "Not rejected").append("<p class=problem>").append(Html.esc(e.getMessage()))
          .append("</p></body></html>").toString());
    }
  }

  /** Why a lead rejected a decision: the audit log holds it (one place, tamper-evident). */
  private Optional<String> rejectionReason(long decisionId) {
    return store.audit().list(Optional.empty(), Optional.of("decision.reject"), Optional.of("decision:" + decisionId),
        Optional.empty(), 1).items().stream().findFirst().map(a -> ContractJson.readStored(a.detailJson()).path("reason").asText(""));
  }

  private void release(Context ctx) {
    User me = Access.require(ctx, Role.REVIEWER);
    long id = id(ctx);
    try {
      review.release(id, me.name(), Instant.now());
    } catch (CaseException e) {
      ctx.status(409).result(e.getMessage());
      return;
    }
    ctx.redirect("/console");
  }

  /** One event as the platform sent it: where a signal came from. Text escaped, media blurred like a case's. */
  private void eventView(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    String eventId = ctx.pathParam("event");
    JsonNode e = event(eventId).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no event " + eventId));
    store.audit().append(me.name(), "event.view", "event:" + eventId, "{}");
    String type = e.path("type").asText();
    StringBuilder b = page(ctx, me, "Event " + eventId);
    b.append("<h1>Event <code>").append(Html.esc(eventId)).append("</code></h1><table>");
    row(b, "type", type);
    row(b, "occurred at", e.path("occurred_at").asText());
    row(b, "actor", e.path("actor").asText());
    e.path(type).fields().forEachRemaining(f -> {
      if (!f.getKey().equals("media")) {
        row(b, f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : ContractJson.write(f.getValue()));
      }
    });
    b.append("</table>");
    List<JsonNode> media = mediaOf(e);
    if (!media.isEmpty()) {
      b.append("<h2>Media</h2>");
      for (JsonNode m : media) {
        b.append("<p class=muted>").append(Html.esc(m.path("id").asText())).append(m.hasNonNull("mime") ? " · "
            + Html.esc(m.path("mime").asText()) : "").append(m.hasNonNull("pdq") ? " · PDQ " + Html.esc(m.path("pdq")
            .asText()) : "").append(m.hasNonNull("data_base64") ? "" : " · hashes only: the platform keeps the bytes")
            .append("</p>");
      }
      media(b, ctx, me, e, new java.util.HashSet<>(), Instant.now());
    }
    ctx.html(b.append("</body></html>").toString());
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append("<tr><th>").append(Html.esc(name)).append("</th><td class=detail>").append(Html.esc(value))
        .append("</td></tr>");
  }

  /**
   * A reviewer's own settings; a lead or admin may set anyone's ({@code ?user=}). Blur and breaks are
   * each reviewer's to choose; the shift cap protects them, so only a lead raises it.
   */
  private void settings(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    User who = settingsSubject(ctx, me, Html.query(ctx, "user"));
    ReviewerSettings st = who.settings();
    StringBuilder b = page(ctx, me, "Settings");
    Html.query(ctx, "note").ifPresent(n -> b.append("<p class=ok>").append(Html.esc(n)).append("</p>"));
    b.append("<h1>Review settings").append(who.name().equals(me.name()) ? "" : " of " + Html.esc(who.name()))
        .append("</h1><form method=post action=/console/settings>").append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
        .append("<input type=hidden name=user value=\"").append(Html.esc(who.name())).append("\">")
        .append("<p><label><input type=checkbox name=blur_media value=on accesskey=m").append(st.blurMedia() ? " checked" : "")
        .append("> Blur media and show it grey until I reveal one item</label> <kbd>Alt+M</kbd></p>")
        .append("<p><label>High-severity cases per shift <input type=number name=max_high_per_shift min=1 max=1000 value=")
        .append(st.maxHighPerShift()).append(" accesskey=t></label> <kbd>Alt+T</kbd>")
        .append(me.role().atLeast(Role.LEAD) ? "" : " <span class=muted>(you may lower it; a lead raises it)</span>")
        .append("</p><p><label>Remind me to take a break every <input type=number name=break_minutes min=5 max=480 value=")
        .append(st.breakMinutes()).append(" accesskey=k> minutes</label> <kbd>Alt+K</kbd></p>")
        .append("<button type=submit accesskey=s>Save</button> <kbd>Alt+S</kbd></form>");
    ctx.html(b.append("</body></html>").toString());
  }

  private void saveSettings(Context ctx) {
    User me = Access.require(ctx, Role.VIEWER);
    User who = settingsSubject(ctx, me, Optional.of(Html.form(ctx, "user")).filter(u -> !u.isEmpty()));
    int cap = number(ctx, "max_high_per_shift");
    if (cap > who.settings().maxHighPerShift() && !me.role().atLeast(Role.LEAD)) {
      throw new io.javalin.http.ForbiddenResponse("max_high_per_shift: only a lead raises the cap (now "
          + who.settings().maxHighPerShift() + ")");
    }
    ReviewerSettings next;
    try {
      next = new ReviewerSettings("on".equals(ctx.formParam("blur_media")), cap, number(ctx, "break_minutes"));
    } catch (IllegalArgumentException e) {
      throw new io.javalin.http.BadRequestResponse(e.getMessage());
    }
    store.users().settings(who.id(), next);
    store.audit().append(me.name(), "settings.change", "user:" + who.name(), next.json());
    ctx.redirect("/console/settings?user=" + Html.url(who.name()) + "&note=" + Html.url("Saved."));
  }

  private User settingsSubject(Context ctx, User me, Optional<String> name) {
    if (name.isEmpty() || name.get().equals(me.name())) {
      return me;
    }
    if (!me.role().atLeast(Role.LEAD)) {
      throw new io.javalin.http.ForbiddenResponse("a reviewer changes only their own settings");
    }
    return store.users().find(name.get())
        .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no user " + name.get()));
  }

  private static int number(Context ctx, String name) {
    try {
      return Integer.parseInt(Html.form(ctx, name));
    } catch (NumberFormatException e) {
      throw new io.javalin.http.BadRequestResponse(name + ": want a whole number, got '" + Html.form(ctx, name) + "'");
    }
  }

  private void preview(Context ctx) {
    // A viewer watches the queues; media, even blurred, is for the people who review it.
    Access.require(ctx, Role.REVIEWER);
    byte[] bytes = mediaBytes(ctx);
    // A video has no still to blur here: the page shows a grey box instead (see media()).
    try {
      png(ctx, SafeMedia.preview(bytes, SafeMedia.Limits.DEFAULTS));
    } catch (Exception e) {
      ctx.status(422).result("this media cannot be shown: " + e.getMessage());
    }
  }

  private void reveal(Context ctx) {
    User me = Access.require(ctx, Role.REVIEWER);
    String eventId = ctx.pathParam("event");
    String mediaId = ctx.pathParam("media");
    mediaBytes(ctx);
    revealed.put(me.name() + "\n" + eventId + "\n" + mediaId, Instant.now().plus(REVEAL_FOR));
    var detail = ContractJson.mapper().createObjectNode();
    detail.put("event_id", eventId);
    detail.put("media_id", mediaId);
    store.audit().append(me.name(), "media.reveal", "media:" + eventId + "/" + mediaId, ContractJson.write(detail));
    ctx.redirect(Optional.ofNullable(ctx.header("Referer")).filter(r -> r.contains("/console/cases/"))
        .map(r -> r.substring(r.indexOf("/console/cases/"))).orElse("/console"));
  }

  private void original(Context ctx) {
    User me = Access.require(ctx, Role.REVIEWER);
    String eventId = ctx.pathParam("event");
    String mediaId = ctx.pathParam("media");
    boolean revealed = isRevealed(me, eventId, mediaId, Instant.now());
    if (me.settings().blurMedia() && !revealed) {
      ctx.status(403).result("reveal this item first (it is audited)");
      return;
    }
    JsonNode event = eventOf(ctx);
    byte[] bytes = mediaBytes(event, mediaId);
    if (!revealed) {
      // No reveal to audit when a reviewer has the blur off: each view of an original is.
      store.audit().append(me.name(), "media.view", "media:" + eventId + "/" + mediaId, ContractJson.write(
          ContractJson.mapper().createObjectNode().put("event_id", eventId).put("media_id", mediaId)
              .put("blur", "off")));
    }
    Optional<String> video = mediaOf(event).stream()
        .filter(m -> m.path("id").asText().equals(mediaId)).findFirst().flatMap(ConsoleRoutes::videoType);
    if (video.isPresent()) {
      if (!VIDEO_TYPES.contains(video.get())) {
        ctx.status(415).result("video of type " + video.get() + " is not played in the console (plays: "
            + String.join(", ", new java.util.TreeSet<>(VIDEO_TYPES)) + ")");
        return;
      }
      if (bytes.length > SafeMedia.Limits.DEFAULTS.maxBytes()) {
        ctx.status(413).result("video of " + bytes.length + " bytes is over the console's limit of "
            + SafeMedia.Limits.DEFAULTS.maxBytes());
        return;
      }
      ctx.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").contentType(video.get())
          .result(bytes);
      return;
    }
    try {
      png(ctx, SafeMedia.reveal(bytes, SafeMedia.Limits.DEFAULTS));
    } catch (Exception e) {
      ctx.status(422).result("this media cannot be shown: " + e.getMessage());
    }
  }

  private boolean isRevealed(User me, String eventId, String mediaId, Instant now) {
    Instant until = revealed.get(me.name() + "\n" + eventId + "\n" + mediaId);
    return until != null && until.isAfter(now);
  }

  private byte[] mediaBytes(Context ctx) {
    return mediaBytes(eventOf(ctx), ctx.pathParam("media"));
  }

  /** The route's event, or 404. */
  private JsonNode eventOf(Context ctx) {
    String eventId = ctx.pathParam("event");
    return event(eventId).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no event " + eventId));
  }

  private static byte[] mediaBytes(JsonNode e, String mediaId) {
    String eventId = e.path("event_id").asText();
    for (JsonNode m : mediaOf(e)) {
      if (m.path("id").asText().equals(mediaId) && m.hasNonNull("data_base64")) {
        try {
          return Base64.getDecoder().decode(m.get("data_base64").asText());
        } catch (IllegalArgumentException ex) {
          throw new io.javalin.http.BadRequestResponse("media " + mediaId + " is not valid base64");
        }
      }
    }
    throw new io.javalin.http.NotFoundResponse("event " + eventId + " has no inline media " + mediaId);
  }

  private static void png(Context ctx, byte[] png) {
    ctx.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").contentType("image/png")
        .result(png);
  }

  private Optional<JsonNode> event(String eventId) {
    return store.journal().find(eventId).map(JournalEntry::json).map(ContractJson::readStored);
  }

  private int highDecisionsThisShift(User me, Instant now) {
    Instant since = now.minus(ConsoleAuth.SESSION_TTL);
    return (int) store.audit().list(Optional.of(me.name()), Optional.of("case.decide"), Optional.empty(), Optional.empty(),
        1000).items().stream().filter(a -> a.at().isAfter(since))
        .filter(a -> a.detailJson().contains("\"severity\":\"high\"") || a.detailJson().contains("\"severity\":\"critical\""))
        .count();
  }

  private void shiftNotice(StringBuilder b, Context ctx, User me, Instant now) {
    ConsoleAuth.signedInAt(ctx).filter(t -> Duration.between(t, now).toMinutes() >= me.settings().breakMinutes())
        .ifPresent(t -> b.append("<p class=problem role=alert>You have been reviewing for ")
            .append(Duration.between(t, now).toMinutes()).append(" minutes: take a break.</p>"));
  }

  static StringBuilder page(Context ctx, User me, String title) {
    return new StringBuilder(Html.head(title)).append(STYLE).append(AdminPages.nav(ctx, me));
  }

  static final String STYLE = "<style>.sev{font-weight:600;padding:.1rem .4rem;border-radius:3px;color:#fff}"
      + ".critical{background:#7a0019}.high{background:#c0392b}.medium{background:#d68910}.low{background:#7f8c8d}"
      + ".none{background:#bbb}img.media,video.media{width:240px;height:auto;border:1px solid #ccc}img.ring{max-width:100%}"
      + "div.video{width:240px;height:135px;background:#999;color:#fff;padding:.5rem;box-sizing:border-box}"
      + "mark{background:#f9e79f}section.subject{border-top:2px solid #eee;margin-top:1rem}</style>";

  private static Verdict verdict(String json) {
    return ContractJson.readVerdict(ContractJson.readStored(json));
  }


  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new io.javalin.http.NotFoundResponse("no case " + ctx.pathParam("id"));
    }
  }

  private static String sla(CaseRow c, Instant now) {
    Duration left = c.slaLeft(now);
    return left.isNegative() ? "<span class=problem>" + ago(left.negated()) + " over</span>" : ago(left) + " left";
  }

  private static String ago(Duration d) {
    long m = d.toMinutes();
    return m < 60 ? m + " min" : m < 48 * 60 ? (m / 60) + " h " + (m % 60) + " min" : (m / 1440) + " days";
  }

}
