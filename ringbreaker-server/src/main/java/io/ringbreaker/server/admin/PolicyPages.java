package io.ringbreaker.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.ringbreaker.engine.DurablePipeline;
import io.ringbreaker.engine.PolicyDryRun;
import io.ringbreaker.model.Severity;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.policy.Policy;
import io.ringbreaker.policy.PolicyException;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.server.PolicyHome;
import io.ringbreaker.server.auth.Access;
import io.ringbreaker.server.auth.AdminPages;
import io.ringbreaker.server.auth.ConsoleAuth;
import io.ringbreaker.server.auth.Html;
import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.User;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in the console: {@code /admin/policy} shows the policy in force (version, digest,
 * where it came from, its rules and its text) and its history; an admin edits the text, asks for a
 * dry run ({@link PolicyDryRun} on the stored verdicts, nothing applied) and then applies exactly
 * the text that was dry-run. Applying saves it where a restart reads it ({@link PolicyHome}), puts
 * it in force through the pipeline (every subject decided again) and records {@code policy.change}.
 * Leads may read these pages; only admins dry-run and apply ({@link ConsoleAuth} checks the role
 * and every form's CSRF token).
 */
public final class PolicyPages {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyPages.class);
  /** Subjects one dry run from a page decides again at most: a page answers in seconds, the CLI covers all. */
  static final long DRY_RUN_SUBJECTS = 100_000;
  /** Changed subjects listed on the dry run's page. */
  static final int SAMPLE = 50;
  /** How long a dry run lets its text be applied: a review an hour old may be stale. */
  static final Duration REVIEW_VALID = Duration.ofHours(1);
  private static final int HISTORY_SHOWN = 20;
  /** The name a text being tried is given in its problems: "draft.yaml:12:7: rule 'x': …". */
  static final String DRAFT = "draft.yaml";
  private static final Pattern POSITION = Pattern.compile("^" + Pattern.quote(DRAFT) + ":(\\d+):(\\d+):");

  private final DurablePipeline pipeline;
  private final Store store;
  private final PolicyHome home;
  private final long dryRunLimit;
  /** One dry run at a time: each reads every stored verdict, and two admins should not double that. */
  private final Semaphore dryRunning = new Semaphore(1);
  /** A lock, not synchronized: applying waits for the re-decision, and a virtual thread must not pin its carrier meanwhile. */
  private final java.util.concurrent.locks.ReentrantLock applying = new java.util.concurrent.locks.ReentrantLock();
  /** Texts dry-run here, by their SHA-256: only these may be applied, and only against the policy they were tried on. */
  private final Map<String, Reviewed> reviewed = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Reviewed> eldest) {
      return size() > 32;
    }
  };
  /** Rules reported as failing while a draft was dry-run, shown on its page. */
  private final Set<String> evalProblems = ConcurrentHashMap.newKeySet();

  /** A dry run: who asked, when, and the policy then in force it was compared with. */
  private record Reviewed(String by, Instant at, String against) {}

  private PolicyPages(DurablePipeline pipeline, PolicyHome home, long dryRunLimit) {
    this.pipeline = pipeline;
    this.store = pipeline.store();
    this.home = home;
    this.dryRunLimit = dryRunLimit;
  }

  /** Adds the policy pages to {@code app}; needs {@link ConsoleAuth#install} on it too. */
  public static void install(Javalin app, DurablePipeline pipeline, PolicyHome home) {
    PolicyPages p = new PolicyPages(pipeline, home, DRY_RUN_SUBJECTS);
    app.get("/admin/policy", p::show);
    app.get("/admin/policy/history/{file}", p::kept);
    app.post("/admin/policy/dry-run", p::dryRun);
    app.post("/admin/policy/apply", p::apply);
  }

  // ---- the policy in force ----

  private void show(Context ctx) {
    User me = Access.require(ctx, Role.LEAD);
    Policy now = pipeline.engine().policy();
    StringBuilder b = page(ctx, me, "policy").append("<h1>Policy</h1>");
    Html.query(ctx, "done").ifPresent(d -> b.append("<p class=ok role=status>").append(Html.esc(d)).append("</p>"));
    b.append("<p>In force: <b>").append(Html.esc(now.version())).append("</b>");
    if (now instanceof RulePolicy rp) {
      b.append(" (digest <code>").append(rp.digest()).append("</code>, ").append(rp.rules().size()).append(" rules)");
    }
    b.append(", from ").append(Html.esc(home.describe())).append(".</p>");
    fileWarning(now).ifPresent(w -> b.append("<p class=problem role=alert>").append(Html.esc(w)).append("</p>"));
    if (now instanceof RulePolicy rp) {
      if (!rp.description().isBlank()) {
        b.append("<p class=muted>").append(Html.esc(rp.description())).append("</p>");
      }
      rules(b, rp);
      b.append("<h2>Text</h2>");
      lines(b, rp.source());
      if (me.role().atLeast(Role.ADMIN)) {
        b.append("<h2>Change it</h2><p>Edit the text, then ask for a dry run: it shows every problem, or what the ")
            .append("policy would decide differently on the stored subjects. Nothing changes until you apply the ")
            .append("text the dry run showed.</p>");
        editor(b, ctx, rp.source());
      } else {
        b.append("<p class=muted>Admins change the policy here.</p>");
      }
    }
    history(b);
    ctx.html(b.append("</body></html>").toString());
  }

  /** When the followed file no longer holds the policy in force: an edit that does not check, or one still being read. */
  private Optional<String> fileWarning(Policy now) {
    if (!home.explicit() && !Files.exists(home.file())) {
      return Optional.empty();
    }
    try {
      RulePolicy onDisk = RulePolicy.read(home.file(), m -> {});
      return onDisk.version().equals(now.version()) ? Optional.empty()
          : Optional.of(home.file() + " now holds " + onDisk.version() + ", not the policy in force: it is put in "
              + "force within seconds.");
    } catch (PolicyException e) {
      return Optional.of(home.file() + " does not check, so the policy in force stays: "
          + String.join("; ", e.problems()));
    }
  }

  private static void rules(StringBuilder b, RulePolicy p) {
    b.append("<h2>Rules</h2><p class=muted>Read top to bottom: the first rule that holds decides; an ")
        .append("<i>also</i> rule adds to every decision it holds for.</p><table><tr><th>rule</th><th>when</th>")
        .append("<th>severity</th><th>actions</th><th>without a person</th><th>queue</th><th>priority</th></tr>");
    for (RulePolicy.Rule r : p.rules()) {
      b.append("<tr><td><b>").append(Html.esc(r.id())).append("</b>").append(r.also() ? " <i>also</i>" : "");
      if (!r.description().isBlank()) {
        b.append("<br><span class=muted>").append(Html.esc(r.description())).append("</span>");
      }
      b.append("</td><td><code>").append(Html.esc(r.when())).append("</code></td><td>")
          .append(r.severity().map(Severity::wire).orElse("—")).append("</td><td>");
      b.append(Html.esc(actions(r.actions())));
      r.reason().ifPresent(x -> b.append("<br><span class=muted>reason: ").append(Html.esc(x)).append("</span>"));
      b.append("</td><td>").append(r.automatic().isEmpty() ? "—" : Html.esc(String.join(", ", r.automatic())))
          .append("</td><td>").append(Html.esc(r.queue().orElse("—"))).append("</td><td>").append(r.priority())
          .append("</td></tr>");
    }
    b.append("</table>");
  }

  /** "review, hide" when every subject type gets the same, else "account: …; content: …" in a fixed order. */
  static String actions(Map<String, List<String>> byType) {
    if (byType.isEmpty()) {
      return "—";
    }
    if (new java.util.HashSet<>(byType.values()).size() == 1) {
      return String.join(", ", byType.values().iterator().next());
    }
    List<String> out = new ArrayList<>();
    for (String type : List.of("account", "content", "post", "comment", "message", "hashtag", "link", "other")) {
      List<String> list = byType.get(type);
      if (list != null) {
        out.add(type + ": " + String.join(", ", list));
      }
    }
    return String.join("; ", out);
  }

  /** The text with line numbers; each line is anchored ({@code #L12}) so a problem links to its line. */
  private static void lines(StringBuilder b, String text) {
    b.append("<ol class=src>");
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      b.append("<li id=L").append(n).append('>').append(Html.esc(line)).append("</li>");
    }
    b.append("</ol>");
  }

  private static void editor(StringBuilder b, Context ctx, String text) {
    b.append("<form method=post action=/admin/policy/dry-run>").append(csrf(ctx))
        .append("<label for=policy-text>Policy text</label> <span class=muted>(<kbd>Alt+T</kbd>)</span>")
        .append("<textarea id=policy-text name=text rows=24 spellcheck=false accesskey=t required>")
        .append(Html.esc(text)).append("</textarea><p><button type=submit accesskey=y>Dry run</button> ")
        .append("<kbd>Alt+Y</kbd> <span class=muted>decides at most ").append(String.format(Locale.ROOT, "%,d", DRY_RUN_SUBJECTS))
        .append(" stored subjects again; nothing is applied</span></p></form>");
  }

  /** The console's changes ({@code policy.change} in the audit log: who, when, from what to what) and the versions kept. */
  private void history(StringBuilder b) {
    b.append("<h2>History</h2>");
    List<AuditEntry> changes = store.audit().list(Optional.empty(), Optional.of("policy.change"), Optional.empty(),
        Optional.empty(), HISTORY_SHOWN).items();
    List<PolicyHome.Kept> kept;
    try {
      kept = home.history();
    } catch (IOException e) {
      kept = List.of();
      b.append("<p class=problem>Cannot read ").append(Html.esc(home.historyDir().toString())).append(": ")
          .append(Html.esc(String.valueOf(e.getMessage()))).append("</p>");
    }
    Set<String> keptNames = new java.util.HashSet<>();
    kept.forEach(k -> keptNames.add(k.fileName()));
    if (changes.isEmpty()) {
      b.append("<p class=muted>No change recorded yet.</p>");
    } else {
      b.append("<table><tr><th>when</th><th>who</th><th>from</th><th>to</th></tr>");
      for (AuditEntry e : changes) {
        JsonNode d = ContractJson.readStored(e.detailJson());
        b.append("<tr><td>").append(e.at().truncatedTo(ChronoUnit.SECONDS)).append("</td><td>")
            .append(Html.esc(e.actor())).append(d.path("via").asText("").equals("file") ? " (edited the file)" : "")
            .append("</td><td>");
        version(b, d.path("from").asText(""), keptNames);
        b.append("</td><td>");
        version(b, d.path("to").asText(""), keptNames);
        b.append("</td></tr>");
      }
      b.append("</table>");
    }
    if (!kept.isEmpty()) {
      b.append("<p>Versions kept in <code>").append(Html.esc(home.historyDir().toString())).append("</code>: ");
      for (int i = 0; i < kept.size(); i++) {
        String name = kept.get(i).fileName();
        b.append(i == 0 ? "" : ", ").append("<a href=\"/admin/policy/history/").append(Html.esc(Html.url(name))).append("\">")
            .append(Html.esc(name)).append("</a>");
      }
      b.append("</p>");
    }
  }

  private static void version(StringBuilder b, String version, Set<String> kept) {
    String file = PolicyHome.historyName(version);
    if (kept.contains(file)) {
      b.append("<a href=\"/admin/policy/history/").append(Html.esc(Html.url(file))).append("\">").append(Html.esc(version))
          .append("</a>");
    } else {
      b.append(Html.esc(version));
    }
  }

  /** A kept version: its text, and for an admin the form to dry-run it (going back is a change like any other). */
  private void kept(Context ctx) throws IOException {
    User me = Access.require(ctx, Role.LEAD);
    String file = ctx.pathParam("file");
    Optional<String> text = home.kept(file);
    if (text.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).html(page(ctx, me, "policy").append("<h1>Not kept</h1><p class=problem>")
          .append("No version named ").append(Html.esc(file)).append(" is kept in ")
          .append(Html.esc(home.historyDir().toString())).append(".</p><p><a href=/admin/policy>The policy</a></p>")
          .append("</body></html>").toString());
      return;
    }
    StringBuilder b = page(ctx, me, "policy " + file).append("<h1>Kept version ").append(Html.esc(file))
        .append("</h1><p><a href=/admin/policy>The policy in force</a></p>");
    lines(b, text.get());
    if (me.role().atLeast(Role.ADMIN)) {
      b.append("<h2>Go back to it</h2><p>Dry-run this text, then apply it.</p>");
      editor(b, ctx, text.get());
    }
    ctx.html(b.append("</body></html>").toString());
  }

  // ---- dry run ----

  private void dryRun(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    String text = normalize(Html.formExact(ctx, "text"));
    if (!dryRunning.tryAcquire()) {
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "10");
      ctx.html(problemPage(ctx, me, "Another dry run is running: try again when it has finished.", text));
      return;
    }
    try {
      RulePolicy next;
      try {
        next = RulePolicy.parse(text, DRAFT, evalProblems::add);
      } catch (PolicyException e) {
        StringBuilder b = page(ctx, me, "policy dry run").append("<h1>Dry run: the text does not check</h1>")
            .append("<p class=problem role=alert>").append(e.problems().size() == 1 ? "1 problem" : e.problems().size()
                + " problems").append("; nothing was tried and nothing changed.</p><ul>");
        for (String p : e.problems()) {
          b.append("<li>");
          Matcher m = POSITION.matcher(p);
          if (m.find()) {
            b.append("<a href=#L").append(m.group(1)).append(">line ").append(m.group(1)).append(", column ")
                .append(m.group(2)).append("</a>");
          }
          b.append("<pre class=problem>").append(Html.esc(p)).append("</pre></li>");
        }
        b.append("</ul>");
        lines(b, text);
        editor(b, ctx, text);
        ctx.status(HttpStatus.BAD_REQUEST).html(b.append("</body></html>").toString());
        return;
      }
      Policy now = pipeline.engine().policy();
      List<PolicyDryRun.Change> sample = new ArrayList<>();
      evalProblems.clear();
      long started = System.nanoTime();
      PolicyDryRun.Report r = PolicyDryRun.run(store, next, dryRunLimit, c -> {
        if (sample.size() < SAMPLE) {
          sample.add(c);
        }
      });
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      String sha = sha256(text);
      synchronized (reviewed) {
        reviewed.put(sha, new Reviewed(me.name(), Instant.now(), now.version()));
      }
      store.audit().append(me.name(), "policy.dry_run", "policy:" + next.name(), ContractJson.write(
          ContractJson.mapper().createObjectNode().put("version", next.version()).put("against", now.version())
              .put("sha256", sha).put("subjects", r.subjects()).put("changed", r.changed()).put("complete", r.complete())));
      ctx.html(dryRunHtml(ctx, me, now, next, text, sha, r, sample, millis));
    } finally {
      dryRunning.release();
    }
  }

  private String dryRunHtml(Context ctx, User me, Policy now, RulePolicy next, String text, String sha,
                            PolicyDryRun.Report r, List<PolicyDryRun.Change> sample, long millis) {
    StringBuilder b = page(ctx, me, "policy dry run").append("<h1>Dry run of ").append(Html.esc(next.version()))
        .append("</h1><p>Compared with the policy in force, <b>").append(Html.esc(now.version())).append("</b>: ")
        .append(String.format(Locale.ROOT, "%,d", r.subjects())).append(" subjects decided again in ")
        .append(String.format(Locale.ROOT, "%,d", millis)).append(" ms; <b>")
        .append(String.format(Locale.ROOT, "%,d", r.changed())).append("</b> would change (")
        .append(String.format(Locale.ROOT, "%,d", r.changed() - r.actionsOnly())).append(" in severity, ")
        .append(String.format(Locale.ROOT, "%,d", r.actionsOnly())).append(" in actions only). Nothing was applied.</p>");
    if (!r.complete()) {
      long stored = store.state().verdictCountsBySeverity().values().stream().mapToLong(Long::longValue).sum();
      b.append("<p class=problem role=alert>Only the first ").append(String.format(Locale.ROOT, "%,d", r.subjects()))
          .append(" of ").append(String.format(Locale.ROOT, "%,d", stored)).append(" stored subjects (by type and id) ")
          .append("were decided again, to keep this page quick: <code>ringbreaker policy dry-run FILE</code> decides ")
          .append("them all.</p>");
    }
    if (!evalProblems.isEmpty()) {
      b.append("<p class=problem>Conditions that failed while deciding (taken as not holding):</p><ul>");
      evalProblems.forEach(p -> b.append("<li>").append(Html.esc(p)).append("</li>"));
      b.append("</ul>");
    }
    if (!r.moves().isEmpty()) {
      b.append("<h2>Severity, before → after</h2><table><tr><th>before</th><th>after</th><th>subjects</th></tr>");
      List<Severity> order = new ArrayList<>(List.of(Severity.values()));
      java.util.Collections.reverse(order);
      for (Severity before : order) {
        for (Severity after : order) {
          long n = r.moves().getOrDefault(before, Map.of()).getOrDefault(after, 0L);
          if (n > 0) {
            b.append("<tr><td>").append(before.wire()).append("</td><td>").append(after.wire()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d", n)).append("</td></tr>");
          }
        }
      }
      b.append("</table>");
    }
    if (!sample.isEmpty()) {
      b.append("<h2>Subjects that would change").append(r.changed() > sample.size() ? " (the first " + sample.size() + ")" : "")
          .append("</h2><table><tr><th>subject</th><th>severity</th><th>actions</th><th>rules</th><th>score</th></tr>");
      for (PolicyDryRun.Change c : sample) {
        b.append("<tr><td>").append(Html.esc(c.subject().toString())).append("</td><td>").append(c.before().wire())
            .append(" → <b>").append(c.after().wire()).append("</b></td><td>")
            .append(Html.esc(String.join(", ", c.actionsBefore()))).append(" → ")
            .append(Html.esc(String.join(", ", c.actionsAfter()))).append("</td><td>")
            .append(Html.esc(String.join(", ", c.rulesBefore()))).append(" → ")
            .append(Html.esc(String.join(", ", c.rulesAfter()))).append("</td><td>")
            .append(String.format(Locale.ROOT, "%.3f", c.score())).append("</td></tr>");
      }
      b.append("</table>");
    }
    if (next.version().equals(now.version())) {
      b.append("<p class=muted>This text is the policy in force: there is nothing to apply.</p>");
    } else {
      b.append("<h2>Apply</h2><p>Applying saves this text to <code>").append(Html.esc(home.file().toString()))
          .append("</code> (a restart keeps it), keeps the version it replaces, and decides every subject again with it. ")
          .append("Only this exact text can be applied, within ").append(REVIEW_VALID.toMinutes())
          .append(" minutes and while ").append(Html.esc(now.version())).append(" is in force.</p>")
          .append("<form method=post action=/admin/policy/apply>").append(csrf(ctx))
          .append("<input type=hidden name=sha256 value=").append(sha).append(">")
          .append("<input type=hidden name=text value=\"").append(Html.esc(text)).append("\">")
          .append("<button type=submit accesskey=a>Apply ").append(Html.esc(next.version())).append("</button> ")
          .append("<kbd>Alt+A</kbd></form>");
    }
    rules(b, next);
    b.append("<h2>Edit and try again</h2>");
    editor(b, ctx, text);
    return b.append("</body></html>").toString();
  }

  // ---- apply ----

  private void apply(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    String text = normalize(Html.formExact(ctx, "text"));
    String claimed = Html.form(ctx, "sha256").toLowerCase(Locale.ROOT);
    // One change at a time: each is checked against the policy in force, which another would change.
    applying.lock();
    try {
      String sha = sha256(text);
      Policy now = pipeline.engine().policy();
      Reviewed review;
      synchronized (reviewed) {
        review = reviewed.get(sha);
      }
      String refusal = null;
      if (!sha.equals(claimed)) {
        refusal = "Not applied: this text is not the one that was dry-run (its SHA-256 is " + sha + ", the dry run's "
            + (claimed.isEmpty() ? "missing" : claimed) + "). Dry-run the text you mean to apply.";
      } else if (review == null || review.at().plus(REVIEW_VALID).isBefore(Instant.now())) {
        refusal = "Not applied: this text has not been dry-run here in the last " + REVIEW_VALID.toMinutes()
            + " minutes. Dry-run it first.";
      } else if (!review.against().equals(now.version())) {
        refusal = "Not applied: the policy in force changed since the dry run (it was " + review.against() + ", it is "
            + now.version() + "). Dry-run the text again.";
      }
      if (refusal != null) {
        ctx.status(HttpStatus.CONFLICT).html(problemPage(ctx, me, refusal, text));
        return;
      }
      RulePolicy next;
      try {
        next = RulePolicy.parse(text, home.file().getFileName().toString(),
            problem -> LOG.warn("policy: {}", problem));
      } catch (PolicyException e) {
        ctx.status(HttpStatus.BAD_REQUEST).html(problemPage(ctx, me, "Not applied: " + e.getMessage(), text));
        return;
      }
      if (next.version().equals(now.version())) {
        ctx.status(HttpStatus.CONFLICT).html(problemPage(ctx, me, "Not applied: " + next.version()
            + " is the policy in force already.", text));
        return;
      }
      try {
        home.save(now instanceof RulePolicy rp ? Optional.of(rp) : Optional.empty(), next);
      } catch (IOException | RuntimeException e) {
        LOG.warn("policy {} not applied: cannot save it to {}", next.version(), home.file(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).html(problemPage(ctx, me, "Not applied: cannot save the policy to "
            + home.file() + " (" + e + "). " + now.version() + " stays in force.", text));
        return;
      }
      String outcome;
      try {
        // The follower of the file reads the same version and leaves it: one re-decision, not two.
        pipeline.policy(next).get(2, TimeUnit.MINUTES);
        outcome = next.version() + " is in force; every subject was decided again.";
      } catch (TimeoutException e) {
        outcome = next.version() + " is saved and being put in force: subjects are still being decided again.";
      } catch (ExecutionException e) {
        LOG.warn("policy {} saved to {} but not put in force", next.version(), home.file(), e.getCause());
        outcome = next.version() + " is saved to " + home.file() + " but could not be put in force ("
            + e.getCause() + "): it will be on the next start.";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = next.version() + " is saved and being put in force.";
      }
      ObjectNode detail = ContractJson.mapper().createObjectNode().put("from", now.version()).put("to", next.version())
          .put("file", home.file().toAbsolutePath().toString()).put("sha256", sha).put("dry_run_by", review.by())
          .put("dry_run_at", review.at().toString());
      store.audit().append(me.name(), "policy.change", "policy:" + next.name(), ContractJson.write(detail));
      synchronized (reviewed) {
        reviewed.remove(sha);
      }
      ctx.redirect("/admin/policy?done=" + URLEncoder.encode(outcome, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    } finally {
      applying.unlock();
    }
  }

  private String problemPage(Context ctx, User me, String problem, String text) {
    StringBuilder b = page(ctx, me, "policy").append("<h1>Policy</h1><p class=problem role=alert>")
        .append(Html.esc(problem)).append("</p><p><a href=/admin/policy>The policy in force</a></p>");
    editor(b, ctx, text);
    return b.append("</body></html>").toString();
  }

  // ---- helpers ----

  private static StringBuilder page(Context ctx, User me, String title) {
    return new StringBuilder(32_768).append(Html.head(title)).append(AdminPages.nav(ctx, me));
  }

  private static String csrf(Context ctx) {
    return Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow());
  }

  /** Browsers send a form's line breaks as CR LF; the policy's digest is of the text with LF, as in a file. */
  static String normalize(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }




}
