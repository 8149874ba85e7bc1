package io.ringbreaker.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.auth.Access;
import io.ringbreaker.server.auth.ConsoleAuth;
import io.ringbreaker.server.auth.Html;
import io.ringbreaker.store.EvidenceItem;
import io.ringbreaker.store.EvidenceKeys;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.StoreException;
import io.ringbreaker.store.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Preserved evidence in the console, for the roles that need it: leads (who confirm reports) list,
 * open and hold it; only an admin deletes it on lawful request. Reviewers and viewers never reach
 * it: they see the case, not the sealed copy. Every access is in the audit log, as from the CLI.
 */
public final class EvidencePages {
  /** The least role that sees preserved evidence. */
  static final Role SEES = Role.LEAD;

  private final Store store;
  private final Optional<EvidenceKeys> keys;

  private EvidencePages(Store store, Optional<EvidenceKeys> keys) {
    this.store = store;
    this.keys = keys;
  }

  /** Adds the evidence pages; without {@code keys} items are listed and held but not opened. */
  public static void install(Javalin app, Store store, Optional<EvidenceKeys> keys) {
    EvidencePages p = new EvidencePages(store, keys);
    app.get("/console/evidence", p::list);
    app.get("/console/evidence/{id}", p::open);
    app.post("/console/evidence/{id}/hold", p::hold);
    app.post("/console/evidence/{id}/release", p::release);
    app.post("/console/evidence/{id}/delete", p::delete);
  }

  private void list(Context ctx) {
    User me = Access.require(ctx, SEES);
    Optional<String> subject = Html.query(ctx, "subject");
    StringBuilder b = ConsoleRoutes.page(ctx, me, "Evidence");
    Html.query(ctx, "note").ifPresent(n -> b.append("<p class=ok>").append(Html.esc(n)).append("</p>"));
    Map<String, Long> counts = store.evidence().counts();
    b.append("<h1>Preserved evidence</h1><p class=muted>");
    counts.forEach((k, v) -> b.append(Html.esc(k)).append(": ").append(v).append(" · "));
    b.append("sealed with AES-256-GCM; kept at least a year; every access audited.</p>")
        .append("<form method=get><label>Subject <input name=subject accesskey=f placeholder=\"account:u17\" value=\"")
        .append(Html.esc(subject.orElse(""))).append("\"></label> <kbd>Alt+F</kbd> <button type=submit>Show</button></form>");
    if (subject.isPresent()) {
      String[] parts = subject.get().split(":", 2);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new BadRequestResponse("subject: want TYPE:ID, e.g. account:u17, got '" + subject.get() + "'");
      }
      List<EvidenceItem> items = store.evidence().items(parts[0], parts[1]);
      audit(me, "evidence.list", subject.get(), items.size() + " item(s)");
      b.append("<table><tr><th>item</th><th>kind</th><th>source</th><th>size</th><th>preserved</th><th>kept until</th>"
          + "<th>legal hold</th><th>deleted</th></tr>");
      for (EvidenceItem i : items) {
        b.append("<tr><td><a href=/console/evidence/").append(i.id()).append(">").append(i.id()).append("</a></td><td>")
            .append(Html.esc(i.kind())).append("</td><td><code>").append(Html.esc(i.sourceId())).append("</code></td><td>")
            .append(i.size()).append("</td><td>").append(i.preservedAt()).append("</td><td>").append(i.retainUntil())
            .append("</td><td>").append(Html.esc(i.legalHold().orElse(""))).append("</td><td>")
            .append(i.deletedAt().map(t -> t + ": " + Html.esc(i.deletedReason().orElse(""))).orElse(""))
            .append("</td></tr>");
      }
      b.append("</table>");
      if (items.isEmpty()) {
        b.append("<p class=muted>Nothing preserved about ").append(Html.esc(subject.get())).append(".</p>");
      }
    }
    ctx.html(b.append("</body></html>").toString());
  }

  /** One item, opened: its metadata and content, media bytes left out (they stay sealed here). */
  private void open(Context ctx) {
    User me = Access.require(ctx, SEES);
    EvidenceItem item = item(ctx);
    StringBuilder b = ConsoleRoutes.page(ctx, me, "Evidence " + item.id());
    b.append("<h1>Evidence ").append(item.id()).append(" <span class=muted>").append(Html.esc(item.kind()))
        .append(" about ").append(Html.esc(item.subjectType() + ":" + item.subjectId())).append("</span></h1><p>digest <code>")
        .append(Html.esc(item.digest())).append("</code> · preserved ").append(item.preservedAt()).append(" · kept until ")
        .append(item.retainUntil()).append(item.legalHold().map(h -> " · <b>legal hold</b>: " + Html.esc(h)).orElse(""))
        .append("</p>");
    if (item.deleted()) {
      b.append("<p class=problem>Deleted ").append(item.deletedAt().orElseThrow()).append(": ")
          .append(Html.esc(item.deletedReason().orElse(""))).append("</p>");
    } else if (keys.isEmpty()) {
      b.append("<p class=problem>This server was started without the evidence keys: open it with "
          + "<code>ringbreaker evidence open</code>.</p>");
    } else {
      byte[] content;
      try {
        content = store.evidence().open(keys.get(), item.id());
      } catch (StoreException e) {
        throw new io.javalin.http.ConflictResponse("evidence " + item.id() + " cannot be opened: " + e.getMessage());
      }
      audit(me, "evidence.open", "evidence:" + item.id(), "viewed in the console");
      b.append("<pre class=detail>").append(Html.esc(withoutMediaBytes(content))).append("</pre>");
    }
    b.append("<h2>Keep or delete</h2><form class=inline method=post action=/console/evidence/").append(item.id())
        .append(item.legalHold().isPresent() ? "/release>" : "/hold>").append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()));
    if (item.legalHold().isPresent()) {
      b.append("<button type=submit accesskey=o>Lift the legal hold</button> <kbd>Alt+O</kbd></form>");
    } else {
      b.append("<input name=reason required size=40 accesskey=w placeholder=\"why: e.g. NCMEC report 123, court order\"> "
          + "<kbd>Alt+W</kbd> <button type=submit accesskey=o>Place a legal hold</button> <kbd>Alt+O</kbd></form>");
    }
    if (me.role().atLeast(Role.ADMIN) && !item.deleted() && item.legalHold().isEmpty()) {
      b.append("<form method=post action=/console/evidence/").append(item.id()).append("/delete>")
          .append(Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow()))
          .append("<input name=reason required size=40 placeholder=\"lawful request: who asked, reference\"> "
              + "<button type=submit>Delete its content (recorded)</button></form>");
    }
    b.append("<p><a href=\"/console/evidence?subject=").append(Html.url(item.subjectType() + ":" + item.subjectId()))
        .append("\" accesskey=a>All evidence about this subject</a> <kbd>Alt+A</kbd></p>");
    ctx.html(b.append("</body></html>").toString());
  }

  private void hold(Context ctx) {
    User me = Access.require(ctx, SEES);
    EvidenceItem item = item(ctx);
    String reason = reason(ctx);
    if (!store.evidence().hold(item.id(), reason)) {
      throw new io.javalin.http.ConflictResponse("evidence " + item.id() + " is deleted: nothing to hold");
    }
    audit(me, "evidence.hold", "evidence:" + item.id(), reason);
    ctx.redirect("/console/evidence/" + item.id());
  }

  private void release(Context ctx) {
    User me = Access.require(ctx, SEES);
    EvidenceItem item = item(ctx);
    store.evidence().release(item.id());
    audit(me, "evidence.release", "evidence:" + item.id(), "");
    ctx.redirect("/console/evidence/" + item.id());
  }

  private void delete(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    EvidenceItem item = item(ctx);
    String reason = reason(ctx);
    try {
      store.evidence().delete(item.id(), reason, Instant.now());
    } catch (IllegalStateException e) {
      throw new io.javalin.http.ConflictResponse(e.getMessage());
    }
    audit(me, "evidence.delete", "evidence:" + item.id(), reason);
    ctx.redirect("/console/evidence?subject=" + Html.url(item.subjectType() + ":" + item.subjectId()) + "&note="
        + Html.url("Evidence " + item.id() + " deleted; its record stays."));
  }

  private EvidenceItem item(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      long id = Long.parseLong(raw);
      return store.evidence().item(id).orElseThrow(() -> new NotFoundResponse("no evidence " + id));
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("no evidence " + raw);
    }
  }

  private static String reason(Context ctx) {
    String reason = Html.form(ctx, "reason");
    if (reason.isEmpty()) {
      throw new BadRequestResponse("reason: say why (it is kept with the item and in the audit log)");
    }
    return reason;
  }

  private void audit(User me, String action, String target, String note) {
    store.audit().append(me.name(), action, target,
        ContractJson.write(ContractJson.mapper().createObjectNode().put("note", note)));
  }

  /** The preserved JSON, each media's inline bytes replaced by their size: the console shows no media from here. */
  static String withoutMediaBytes(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    JsonNode root;
    try {
      root = ContractJson.mapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return text;
    }
    if (root == null) {
      return text;
    }
    strip(root);
    return root.toPrettyString();
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o && o.has("data_base64")) {
      int len = o.path("data_base64").asText("").length();
      o.put("data_base64", "[" + (len / 4 * 3) + " bytes of media, not shown here]");
    }
    n.forEach(EvidencePages::strip);
  }
}
