package io.ringbreaker.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.AuditLog;
import io.ringbreaker.store.Page;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.User;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The admin's pages: people ({@code /admin/users}) and the audit log ({@code /admin/audit}); the
 * policy and API keys have pages of their own ({@code io.ringbreaker.server.admin}). Admin
 * role only ({@link ConsoleAuth} checks it for every {@code /admin/} path, and the CSRF token of each
 * form). Server-rendered, no script; every action has an access key shown beside it. Every change is
 * audited ({@code user.create}, {@code user.role}, {@code user.disable}), and so is every look at the
 * audit log ({@code audit.view}, {@code audit.export}).
 */
public final class AdminPages {
  private static final int AUDIT_PAGE = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;

  private AdminPages(Store store) {
    this.store = store;
  }

  /** Adds the admin pages to {@code app}; needs {@link ConsoleAuth#install} on it too. */
  public static void install(Javalin app, Store store) {
    AdminPages p = new AdminPages(store);
    app.get("/admin/users", p::users);
    app.post("/admin/users", p::createUser);
    app.post("/admin/users/{name}/role", p::changeRole);
    app.post("/admin/users/{name}/disable", p::disable);
    app.get("/admin/audit", p::audit);
    app.get("/admin/audit/export", p::export);
  }

  // ---- people ----

  private void users(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    ctx.html(usersHtml(ctx, me, Optional.ofNullable(ctx.queryParam("done")), Optional.empty()));
  }

  private void createUser(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    String name = Html.form(ctx, "name");
    String roleName = Html.form(ctx, "role");
    char[] password = Html.formExact(ctx, "password").toCharArray();
    try {
      Role role = Role.fromWire(roleName).orElseThrow(() -> new IllegalArgumentException(
          "role \"" + roleName + "\" is not one of " + Role.wireNames()));
      User.checkName(name);
      String hash = PasswordHasher.hash(password);
      User created = store.users().create(name, role, hash);
      store.audit().append(me.name(), "user.create", "user:" + created.name(),
          JSON.createObjectNode().put("role", role.wire()).toString());
      done(ctx, "created " + created.name() + " (" + role.wire() + ")");
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).html(usersHtml(ctx, me, Optional.empty(), Optional.of(e.getMessage())));
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private void changeRole(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    String roleName = Html.form(ctx, "role");
    try {
      User user = existing(ctx.pathParam("name"));
      Role role = Role.fromWire(roleName).orElseThrow(() -> new IllegalArgumentException(
          "role \"" + roleName + "\" is not one of " + Role.wireNames()));
      if (user.id() == me.id()) {
        throw new IllegalArgumentException("you cannot change your own role: ask another admin");
      }
      store.users().setRole(user.id(), role);
      store.audit().append(me.name(), "user.role", "user:" + user.name(),
          JSON.createObjectNode().put("from", user.role().wire()).put("to", role.wire()).toString());
      done(ctx, user.name() + " is now " + role.wire());
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).html(usersHtml(ctx, me, Optional.empty(), Optional.of(e.getMessage())));
    }
  }

  private void disable(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    try {
      User user = existing(ctx.pathParam("name"));
      if (user.id() == me.id()) {
        throw new IllegalArgumentException("you cannot disable yourself: ask another admin");
      }
      if (store.users().disable(user.id(), Instant.now())) {
        store.audit().append(me.name(), "user.disable", "user:" + user.name(), "{}");
      }
      done(ctx, user.name() + " is disabled; their sessions have ended");
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).html(usersHtml(ctx, me, Optional.empty(), Optional.of(e.getMessage())));
    }
  }

  private User existing(String name) {
    return store.users().find(name).orElseThrow(() -> new IllegalArgumentException("no user named \"" + name + "\""));
  }

  /** Post, redirect, get: reloading the page does not repeat the change. */
  private static void done(Context ctx, String what) {
    ctx.redirect("/admin/users?done=" + URLEncoder.encode(what, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
  }

  private String usersHtml(Context ctx, User me, Optional<String> done, Optional<String> problem) {
    String csrf = Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow());
    StringBuilder b = new StringBuilder(8192).append(Html.head("people")).append(nav(ctx, me))
        .append("<h1>People</h1>");
    done.ifPresent(d -> b.append("<p class=ok role=status>").append(Html.esc(d)).append("</p>"));
    problem.ifPresent(p -> b.append("<p class=problem role=alert>").append(Html.esc(p)).append("</p>"));
    b.append("<h2>Add a person</h2><form method=post action=/admin/users>").append(csrf)
        .append("<label>Name <input name=name required pattern='[A-Za-z0-9._-]{1,64}' accesskey=n></label> ")
        .append("<label>Role ").append(roleSelect(Role.REVIEWER, "")).append("</label> ")
        .append("<label>Initial password <input name=password type=password required minlength=")
        .append(PasswordHasher.MIN_LENGTH).append(" autocomplete=new-password></label> ")
        .append("<button type=submit>Add</button> <span class=muted>(<kbd>Alt+N</kbd> to the name field, ")
        .append("<kbd>Enter</kbd> to add; at least ").append(PasswordHasher.MIN_LENGTH)
        .append(" characters)</span></form>");
    b.append("<h2>Everyone</h2><table><tr><th>name</th><th>role</th><th>added</th><th>state</th>")
        .append("<th>change role</th><th>disable</th></tr>");
    for (User u : store.users().list()) {
      String path = "/admin/users/" + URLEncoder.encode(u.name(), StandardCharsets.UTF_8).replace("+", "%20");
      b.append("<tr><td><b>").append(Html.esc(u.name())).append("</b></td><td>").append(u.role().wire())
          .append("</td><td>").append(u.createdAt().truncatedTo(ChronoUnit.SECONDS)).append("</td><td>")
          .append(u.disabledAt().map(t -> "disabled " + t.truncatedTo(ChronoUnit.SECONDS)).orElse("active"))
          .append("</td><td>");
      if (u.id() != me.id() && !u.disabled()) {
        b.append("<form class=inline method=post action=\"").append(Html.esc(path)).append("/role\">").append(csrf)
            .append(roleSelect(u.role(), " aria-label=\"role of " + Html.esc(u.name()) + "\""))
            .append(" <button type=submit>Set role</button></form>");
      }
      b.append("</td><td>");
      if (u.id() != me.id() && !u.disabled()) {
        b.append("<form class=inline method=post action=\"").append(Html.esc(path)).append("/disable\">").append(csrf)
            .append("<button type=submit>Disable ").append(Html.esc(u.name())).append("</button></form>");
      }
      b.append("</td></tr>");
    }
    return b.append("</table><p class=muted>Disabling ends a person's sessions at once; their audit entries stay. ")
        .append("<kbd>Tab</kbd> moves between the forms.</p></body></html>").toString();
  }

  private static String roleSelect(Role selected, String attributes) {
    StringBuilder b = new StringBuilder("<select name=role").append(attributes).append(">");
    for (Role r : Role.values()) {
      b.append("<option value=").append(r.wire()).append(r == selected ? " selected" : "").append(">")
          .append(r.wire()).append("</option>");
    }
    return b.append("</select>").toString();
  }

  // ---- audit ----

  private void audit(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    Optional<String> actor = Html.query(ctx, "actor");
    Optional<String> action = Html.query(ctx, "action");
    Optional<String> target = Html.query(ctx, "target");
    Optional<String> after = Html.query(ctx, "after");
    boolean verify = Html.query(ctx, "verify").isPresent();
    ObjectNode detail = JSON.createObjectNode();
    actor.ifPresent(a -> detail.put("actor", a));
    action.ifPresent(a -> detail.put("action", a));
    target.ifPresent(t -> detail.put("target", t));
    after.ifPresent(a -> detail.put("after", a));
    if (verify) {
      detail.put("verify", true);
    }
    // Looking is recorded before the page is read, so the page shows its own entry.
    store.audit().append(me.name(), "audit.view", "audit_log", detail.toString());
    Page<AuditEntry> page;
    try {
      page = store.audit().list(actor, action, target, after, AUDIT_PAGE);
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      page = new Page<>(java.util.List.of(), Optional.empty());
    }
    Optional<AuditLog.Verification> verification = verify ? Optional.of(store.audit().verify()) : Optional.empty();
    ctx.html(auditHtml(ctx, me, actor, action, target, page, verification));
  }

  private String auditHtml(Context ctx, User me, Optional<String> actor, Optional<String> action,
                           Optional<String> target, Page<AuditEntry> page,
                           Optional<AuditLog.Verification> verification) {
    StringBuilder b = new StringBuilder(16_384).append(Html.head("audit log")).append(nav(ctx, me))
        .append("<h1>Audit log</h1>");
    verification.ifPresent(v -> b.append(v.ok() ? "<p class=ok role=status>Chain verified: " : "<p class=problem role=alert>Chain BROKEN: ")
        .append(Html.esc(v.describe())).append("</p>"));
    b.append("<form method=get action=/admin/audit>")
        .append("<label>Actor <input name=actor accesskey=a value=\"").append(Html.esc(actor.orElse(""))).append("\"></label> ")
        .append("<label>Action <input name=action value=\"").append(Html.esc(action.orElse(""))).append("\"></label> ")
        .append("<label>Target <input name=target value=\"").append(Html.esc(target.orElse(""))).append("\"></label> ")
        .append("<button type=submit>Filter</button> <span class=muted>(<kbd>Alt+A</kbd> to the filters)</span></form>")
        .append("<p><form class=inline method=get action=/admin/audit><input type=hidden name=verify value=1>")
        .append("<button type=submit accesskey=v>Verify chain</button></form> <span class=muted>(<kbd>Alt+V</kbd>)</span> ")
        .append("<a href=/admin/audit/export accesskey=e>Export as JSON Lines</a> <span class=muted>(<kbd>Alt+E</kbd>)</span></p>");
    b.append("<table><tr><th>seq</th><th>at</th><th>actor</th><th>action</th><th>target</th><th>detail</th>")
        .append("<th>hash</th></tr>");
    for (AuditEntry e : page.items()) {
      b.append("<tr><td>").append(e.seq()).append("</td><td>").append(e.at()).append("</td><td>")
          .append(Html.esc(e.actor())).append("</td><td>").append(Html.esc(e.action())).append("</td><td>")
          .append(Html.esc(e.target())).append("</td><td class=detail><code>").append(Html.esc(e.detailJson()))
          .append("</code></td><td><code title=\"").append(e.hash()).append("\">").append(e.hash(), 0, 12)
          .append("…</code></td></tr>");
    }
    b.append("</table>");
    if (page.next().isPresent()) {
      StringBuilder q = new StringBuilder("/admin/audit?after=").append(Html.url(page.next().get()));
      actor.ifPresent(a -> q.append("&actor=").append(Html.url(a)));
      action.ifPresent(a -> q.append("&action=").append(Html.url(a)));
      target.ifPresent(t -> q.append("&target=").append(Html.url(t)));
      b.append("<p><a href=\"").append(Html.esc(q.toString())).append("\" accesskey=o>Older entries</a> ")
          .append("<span class=muted>(<kbd>Alt+O</kbd>)</span></p>");
    }
    return b.append("<p class=muted>Newest first. Each entry's hash covers the one before it: ")
        .append("<code>ringbreaker audit verify</code> checks the whole chain.</p></body></html>").toString();
  }

  private void export(Context ctx) throws IOException {
    User me = Access.require(ctx, Role.ADMIN);
    store.audit().append(me.name(), "audit.export", "audit_log", "{}");
    ctx.contentType("application/x-ndjson; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"ringbreaker-audit.jsonl\"");
    try (Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
      store.audit().export(e -> {
        try {
          w.write(jsonLine(e));
          w.write('\n');
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    }
  }

  /** One entry as a JSON object: the fields of the hash chain, {@code at} as ISO-8601 and as {@code at_us}. */
  public static String jsonLine(AuditEntry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("seq", e.seq());
    o.put("at", e.at().toString());
    o.put("at_us", ChronoUnit.MICROS.between(Instant.EPOCH, e.at()));
    o.put("actor", e.actor());
    o.put("action", e.action());
    o.put("target", e.target());
    o.put("detail", e.detailJson());
    o.put("prev_hash", e.prevHash());
    o.put("hash", e.hash());
    return o.toString();
  }

  /** The bar at the top of each console page: where to go, who is signed in, and sign-out (with its CSRF token). */
  public static String nav(Context ctx, User me) {
    boolean admin = me.role().atLeast(Role.ADMIN);
    boolean lead = me.role().atLeast(Role.LEAD);
    return "<nav><a href=/ accesskey=h>Home</a> <a href=/console accesskey=r>Review</a> "
        + (admin ? "<a href=/admin/users accesskey=u>People</a> <a href=/admin/audit accesskey=l>Audit log</a> " : "")
        + (lead ? "<a href=/admin/policy accesskey=p>Policy</a> <a href=/console/evidence accesskey=d>Evidence</a> " : "")
        + (admin ? "<a href=/admin/keys accesskey=i>API keys</a> " : "")
        + "<a href=/console/settings accesskey=z>Settings</a> "
        + "<span class=muted>(<kbd>Alt+H</kbd> <kbd>Alt+R</kbd>" + (admin ? " <kbd>Alt+U</kbd> <kbd>Alt+L</kbd>" : "")
        + (lead ? " <kbd>Alt+P</kbd> <kbd>Alt+D</kbd>" : "") + (admin ? " <kbd>Alt+I</kbd>" : "") + " <kbd>Alt+Z</kbd>)</span> "
        + "signed in as <b>" + Html.esc(me.name()) + "</b> (" + me.role().wire() + ") "
        + "<form class=inline method=post action=/logout>" + Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow())
        + "<button type=submit accesskey=q>Sign out</button> <span class=muted>(<kbd>Alt+Q</kbd>)</span></form></nav>";
  }



}
