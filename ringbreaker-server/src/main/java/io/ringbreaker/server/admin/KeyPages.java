package io.ringbreaker.server.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.ringbreaker.server.ApiKeyAdmin;
import io.ringbreaker.server.auth.Access;
import io.ringbreaker.server.auth.AdminPages;
import io.ringbreaker.server.auth.ConsoleAuth;
import io.ringbreaker.server.auth.Html;
import io.ringbreaker.store.ApiKeyInfo;
import io.ringbreaker.store.ApiKeys;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys in the console ({@code /admin/keys}, admins only): every key with its scopes, creating
 * one (its secret shown on the answer to that request and never again: the store keeps its
 * SHA-256) and revoking one, both audited through {@link ApiKeyAdmin}.
 */
public final class KeyPages {
  /** What each scope lets a key do, for the form. */
  static final Map<String, String> SCOPES = Map.of(
      ApiKeys.EVENTS_WRITE, "send events (POST /v1/events)",
      ApiKeys.VERDICTS_READ, "read verdicts, hashtags, rings, actions and cases (GET /v1/…)",
      ApiKeys.ACTIONS_WRITE, "approve, cancel and retry actions; take and decide cases",
      ApiKeys.LOOKUP_READ, "look up media hashes (/m/lookup)",
      ApiKeys.ADMIN, "change the lexicon, and any route not named above");

  private final Store store;
  /** Forgets the server's recently verified keys, so a key revoked here stops working at once. */
  private final Runnable forgetVerified;

  private KeyPages(Store store, Runnable forgetVerified) {
    this.store = store;
    this.forgetVerified = forgetVerified;
  }

  /** Adds the pages to {@code app}; needs {@link ConsoleAuth#install} on it too. */
  public static void install(Javalin app, Store store, Runnable forgetVerified) {
    KeyPages p = new KeyPages(store, forgetVerified);
    app.get("/admin/keys", p::list);
    app.post("/admin/keys", p::create);
    app.post("/admin/keys/revoke", p::revoke);
  }

  private void list(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    ctx.html(html(ctx, me, Optional.ofNullable(ctx.queryParam("done")), Optional.empty(), Optional.empty(), "", List.of()));
  }

  private void create(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    List<String> scopes = ctx.formParams("scope");
    try {
      ApiKeyAdmin.Created created = ApiKeyAdmin.create(store, me.name(), name, new LinkedHashSet<>(scopes));
      // The secret is on this answer only: no redirect (it would need it stored), and no copy kept by a cache.
      ctx.header("Cache-Control", "no-store");
      ctx.html(html(ctx, me, Optional.empty(), Optional.empty(), Optional.of(created), "", List.of()));
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).html(html(ctx, me, Optional.empty(), Optional.of(e.getMessage()),
          Optional.empty(), name, scopes));
    }
  }

  private void revoke(Context ctx) {
    User me = Access.require(ctx, Role.ADMIN);
    String id = Optional.ofNullable(ctx.formParam("id")).orElse("").strip();
    try {
      long keyId;
      try {
        keyId = Long.parseLong(id);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("choose a key to revoke (got id \"" + id + "\")");
      }
      ApiKeyInfo key = ApiKeyAdmin.revoke(store, me.name(), keyId);
      forgetVerified.run();
      ctx.redirect("/admin/keys?done=" + URLEncoder.encode("revoked " + key.name() + " (" + key.prefix() + "…)",
          StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).html(html(ctx, me, Optional.empty(), Optional.of(e.getMessage()),
          Optional.empty(), "", List.of()));
    }
  }

  private String html(Context ctx, User me, Optional<String> done, Optional<String> problem,
                      Optional<ApiKeyAdmin.Created> created, String name, List<String> checked) {
    String csrf = Html.csrfField(ConsoleAuth.csrf(ctx).orElseThrow());
    List<ApiKeyInfo> keys = store.apiKeys().list();
    StringBuilder b = new StringBuilder(8192).append(Html.head("API keys")).append(AdminPages.nav(ctx, me))
        .append("<h1>API keys</h1>");
    done.ifPresent(d -> b.append("<p class=ok role=status>").append(Html.esc(d)).append("</p>"));
    problem.ifPresent(p -> b.append("<p class=problem role=alert>").append(Html.esc(p)).append("</p>"));
    created.ifPresent(c -> b.append("<section role=status><p class=ok>Created the key <b>").append(Html.esc(c.key().name()))
        .append("</b> (").append(Html.esc(String.join(", ", c.key().scopes()))).append(").</p><p>Its secret, shown ")
        .append("<b>this once</b>: copy it now and pass it on safely. Ringbreaker keeps only its SHA-256.</p>")
        .append("<p><code id=secret>").append(Html.esc(c.secret())).append("</code></p>")
        .append("<p class=muted>Send it as <code>Authorization: Bearer …</code>.</p></section>"));
    b.append("<h2>Create a key</h2><form method=post action=/admin/keys>").append(csrf)
        .append("<p><label>Name <input name=name required pattern='[A-Za-z0-9._-]{1,64}' accesskey=n value=\"")
        .append(Html.esc(name)).append("\"></label> <kbd>Alt+N</kbd> <span class=muted>(1 to 64 letters, digits, ")
        .append("'.', '_' or '-'; the integration it is for)</span></p><fieldset><legend>Scopes: what it may do</legend>");
    for (String s : ApiKeys.ALL_SCOPES) {
      b.append("<label><input type=checkbox name=scope value=\"").append(Html.esc(s)).append("\"")
          .append(checked.contains(s) ? " checked" : "").append("> <code>").append(Html.esc(s)).append("</code> ")
          .append(Html.esc(SCOPES.getOrDefault(s, ""))).append("</label><br>");
    }
    b.append("</fieldset><p><button type=submit accesskey=c>Create the key</button> <kbd>Alt+C</kbd> ")
        .append("<span class=muted>Give a key only the scopes its integration needs.</span></p></form>");
    List<ApiKeyInfo> live = keys.stream().filter(k -> !k.revoked()).toList();
    if (!live.isEmpty()) {
      b.append("<h2>Revoke a key</h2><form method=post action=/admin/keys/revoke>").append(csrf)
          .append("<label>Key <select name=id accesskey=k required><option value=\"\">choose…</option>");
      for (ApiKeyInfo k : live) {
        b.append("<option value=").append(k.id()).append(">").append(Html.esc(k.name())).append(" (")
            .append(Html.esc(k.prefix())).append("…)</option>");
      }
      b.append("</select></label> <kbd>Alt+K</kbd> <button type=submit accesskey=x>Revoke</button> <kbd>Alt+X</kbd> ")
          .append("<span class=muted>It stops working at once; its entries in the audit log stay.</span></form>");
    }
    b.append("<h2>Every key</h2><table><tr><th>name</th><th>prefix</th><th>scopes</th><th>created</th><th>state</th></tr>");
    for (ApiKeyInfo k : keys) {
      b.append("<tr><td><b>").append(Html.esc(k.name())).append("</b></td><td><code>").append(Html.esc(k.prefix()))
          .append("…</code></td><td>").append(Html.esc(String.join(", ", k.scopes()))).append("</td><td>")
          .append(k.createdAt().truncatedTo(ChronoUnit.SECONDS)).append("</td><td>")
          .append(k.revokedAt().map(t -> "revoked " + t.truncatedTo(ChronoUnit.SECONDS)).orElse("active"))
          .append("</td></tr>");
    }
    return b.append("</table><p class=muted>Also from the command line: <code>ringbreaker key add NAME --scope ")
        .append("events:write</code>, <code>key list</code>, <code>key revoke NAME</code>.</p></body></html>").toString();
  }
}
