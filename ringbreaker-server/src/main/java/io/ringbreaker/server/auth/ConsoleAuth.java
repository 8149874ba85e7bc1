package io.ringbreaker.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Sessions;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.User;
import io.ringbreaker.store.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in for people, and the guard in front of the console's pages.
 *
 * <p>{@code ConsoleAuth.install(app, store)} adds to a Javalin app:
 * <ul>
 *   <li>{@code GET/POST /login} and {@code POST /logout}. A sign-in always opens a new session
 *       (a session id sent by the browser is never kept), sets cookie {@code rb_session}
 *       (HttpOnly, SameSite=Strict, Secure over https) and is audited as {@code login.ok} or
 *       {@code login.failed}. Five failures in a row lock the name for a minute, doubling up to an
 *       hour; 20 failures from one address in 10 minutes answer 429 with Retry-After. The answer
 *       never tells whether a name exists.</li>
 *   <li>A before-handler that resolves the session cookie on every request, so a handler reads the
 *       person with {@link #user(Context)} and their form token with {@link #csrf(Context)}.</li>
 *   <li>For console paths ({@code /}, {@code /console/…}, {@code /admin/…}, {@code /logout}):
 *       sign-in is required (pages redirect to {@code /login}), {@code /admin/…} needs the admin role
 *       (a lead may read {@code /admin/policy}),
 *       and every POST, PUT, PATCH or DELETE must carry the session's CSRF token, as form field
 *       {@code csrf} or header {@code X-CSRF-Token} (403 naming which is missing or wrong).</li>
 *   <li>An exception handler for {@link AuthProblem}, which {@link Access#require} throws.</li>
 * </ul>
 *
 * <p>So a console page needs nothing but its own role check:
 * <pre>{@code
 * app.post("/console/cases/{id}/decide", ctx -> {
 *   User me = Access.require(ctx, Role.REVIEWER);   // 401/403 handled for you
 *   ...                                             // CSRF was checked before this ran
 *   store.audit().append(me.name(), "case.decide", "case:" + id, detailJson);
 * });
 * // and in its form: <input type=hidden name=csrf value="…ConsoleAuth.csrf(ctx).orElseThrow()…">
 * }</pre>
 * API routes ({@code /v1/…}) authenticate with {@code Authorization: Bearer <key>} and need no CSRF token.
 */
public final class ConsoleAuth {
  public static final String COOKIE = "rb_session";
  /** A session ends this long after sign-in, used or not: a console left open overnight asks again. */
  public static final Duration SESSION_TTL = Duration.ofHours(8);
  static final int IP_MAX_FAILURES = 20;
  static final Duration IP_WINDOW = Duration.ofMinutes(10);
  private static final String SESSION_ATTR = "ringbreaker.session";
  private static final String TOKEN_ATTR = "ringbreaker.session.token";
  private static final long TOUCH_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAILED = "Wrong user name or password, or too many failed attempts: try again later.";

  private final Store store;
  private final LoginLimiter limiter = new LoginLimiter(IP_MAX_FAILURES, IP_WINDOW);
  /** When each session was last recorded as seen, so a busy page does not write on every request. */
  private final Map<String, Long> touched = new ConcurrentHashMap<>();

  private ConsoleAuth(Store store) {
    this.store = store;
  }

  /** Adds sign-in, sign-out, the session guard and its error answers to {@code app}; see the class comment. */
  public static void install(Javalin app, Store store) {
    ConsoleAuth auth = new ConsoleAuth(store);
    app.before(auth::guard);
    app.before(ConsoleAuth::pageHeaders);
    app.get("/login", auth::loginPage);
    app.post("/login", auth::login);
    app.post("/logout", auth::logout);
    app.exception(AuthProblem.class, ConsoleAuth::answer);
  }

  /**
   * The pages people use carry no script and load only from here: a caption that slips past
   * escaping still runs nothing, and no other site frames a page to trick a click.
   */
  private static void pageHeaders(Context ctx) {
    String path = ctx.path();
    if (path.startsWith("/console") || path.startsWith("/admin") || path.equals("/login")) {
      ctx.header("Content-Security-Policy", PAGE_CSP);
      ctx.header("X-Frame-Options", "DENY");
      ctx.header("Referrer-Policy", "same-origin");
    }
  }

  static final String PAGE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** The signed-in person, when the request carries a live session cookie. */
  public static Optional<User> user(Context ctx) {
    return session(ctx).map(Sessions.Session::user);
  }

  /** The session's CSRF token, to put in each form the page posts. */
  public static Optional<String> csrf(Context ctx) {
    return session(ctx).map(Sessions.Session::csrf);
  }

  /** When the person signed in (sessions last {@link #SESSION_TTL}): for break reminders. */
  public static Optional<Instant> signedInAt(Context ctx) {
    return session(ctx).map(s -> s.expiresAt().minus(SESSION_TTL));
  }

  private static Optional<Sessions.Session> session(Context ctx) {
    Sessions.Session s = ctx.attribute(SESSION_ATTR);
    return Optional.ofNullable(s);
  }

  /** {@code /}, {@code /console/…}, {@code /admin/…} and {@code /logout}: the pages for people. */
  public static boolean consolePath(String path) {
    return path.equals("/") || path.equals("/console") || path.startsWith("/console/") || path.equals("/admin")
        || path.startsWith("/admin/") || path.equals("/logout");
  }

  private void guard(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token != null) {
      Instant now = Instant.now();
      Optional<Sessions.Session> s = store.sessions().find(token, now);
      if (s.isPresent()) {
        ctx.attribute(SESSION_ATTR, s.get());
        ctx.attribute(TOKEN_ATTR, token);
        touch(token, now);
      }
    }
    String path = ctx.path();
    if (!consolePath(path) || path.equals("/logout")) {
      return;
    }
    if (session(ctx).isPresent() && unsafe(ctx)) {
      checkCsrf(ctx);
    }
    Access.require(ctx, needs(ctx.method().name(), path));
  }

  /**
   * The least role a console path needs: {@code /admin/…} is the admin's, except that leads may read
   * the policy in force and its history (they act on what it decides), never change it.
   */
  static Role needs(String method, String path) {
    if (!path.startsWith("/admin")) {
      return Role.VIEWER;
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    boolean policy = path.equals("/admin/policy") || path.startsWith("/admin/policy/history/");
    return read && policy ? Role.LEAD : Role.ADMIN;
  }

  private void touch(String token, Instant now) {
    long t = System.nanoTime();
    Long last = touched.get(token);
    if (last != null && t - last < TOUCH_EVERY_NANOS) {
      return;
    }
    if (touched.size() > 10_000) {
      touched.clear();
    }
    touched.put(token, t);
    store.sessions().touch(token, now);
  }

  private static boolean unsafe(Context ctx) {
    String m = ctx.method().name();
    return m.equals("POST") || m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE");
  }

  private static void checkCsrf(Context ctx) {
    String expected = csrf(ctx).orElseThrow();
    String given = ctx.header("X-CSRF-Token");
    if (given == null && isForm(ctx)) {
      given = ctx.formParam("csrf");
    }
    if (given == null || given.isEmpty()) {
      throw new AuthProblem(403, "missing CSRF token: send the form's csrf field or an X-CSRF-Token header");
    }
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      throw new AuthProblem(403, "wrong CSRF token: reload the page and try again");
    }
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
  }

  // ---- sign-in ----

  private void loginPage(Context ctx) {
    ctx.html(loginHtml(Optional.empty(), next(ctx.queryParam("next")), ""));
  }

  private void login(Context ctx) {
    Instant now = Instant.now();
    String address = ctx.ip();
    String next = next(ctx.formParam("next"));
    Optional<Duration> wait = limiter.retryAfter(address, now);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
      ctx.header("Retry-After", String.valueOf(seconds));
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(loginHtml(Optional.of("Too many failed sign-ins from your "
          + "address: try again in " + seconds + " seconds."), next, ""));
      return;
    }
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      Optional<Users.Credentials> found = store.users().credentials(name);
      String why;
      if (found.isEmpty()) {
        why = "unknown user";
        PasswordHasher.verifyNobody(password);
      } else if (found.get().user().disabled()) {
        why = "disabled";
        PasswordHasher.verifyNobody(password);
      } else if (found.get().lockedAt(now)) {
        // The password is not even checked: while locked, the right one fails too.
        why = "locked";
        PasswordHasher.verifyNobody(password);
      } else if (!PasswordHasher.verify(password, found.get().passwordHash())) {
        why = "wrong password";
      } else {
        signIn(ctx, found.get().user(), now, address, next);
        return;
      }
      limiter.failed(address, now);
      Optional<Instant> lockedUntil = found.isPresent() ? store.users().recordFailedLogin(name, now) : Optional.empty();
      ObjectNode detail = JSON.createObjectNode().put("ip", address).put("reason", why);
      lockedUntil.ifPresent(t -> detail.put("locked_until", t.toString()));
      store.audit().append("system", "login.failed", "user:" + (User.isValidName(name) ? name : "?"),
          detail.toString());
      ctx.status(HttpStatus.UNAUTHORIZED).html(loginHtml(Optional.of(FAILED), next, User.isValidName(name) ? name : ""));
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private void signIn(Context ctx, User user, Instant now, String address, String next) {
    store.users().clearFailedLogins(user.id());
    // Session fixation: whatever session id the browser brought is ended, never promoted.
    String old = ctx.cookie(COOKIE);
    if (old != null) {
      store.sessions().revoke(old);
    }
    Sessions.NewSession s = store.sessions().create(user.id(), now, SESSION_TTL);
    ctx.header("Set-Cookie", COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + SESSION_TTL.toSeconds() + (secure(ctx) ? "; Secure" : ""));
    store.audit().append(user.name(), "login.ok", "user:" + user.name(),
        JSON.createObjectNode().put("ip", address).toString());
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Optional<Sessions.Session> s = session(ctx);
    if (s.isPresent()) {
      checkCsrf(ctx);
      store.sessions().revoke(ctx.attribute(TOKEN_ATTR));
      store.audit().append(s.get().user().name(), "logout", "user:" + s.get().user().name(), "{}");
    }
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure(ctx) ? "; Secure" : ""));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme());
  }

  /** Where to go after sign-in: a path on this server only (never "//host" or "https://…"), else "/". */
  static String next(String asked) {
    if (asked == null || !asked.startsWith("/") || asked.startsWith("//") || asked.startsWith("/\\")
        || asked.startsWith("/login") || asked.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return "/";
    }
    return asked;
  }

  static String loginHtml(Optional<String> problem, String next, String name) {
    return Html.head("sign in") + "<h1>Ringbreaker</h1>"
        + problem.map(p -> "<p class=problem role=alert>" + Html.esc(p) + "</p>").orElse("")
        + "<form method=post action=/login>"
        + "<input type=hidden name=next value=\"" + Html.esc(next) + "\">"
        + "<p><label>User name <input name=name autocomplete=username required autofocus value=\"" + Html.esc(name)
        + "\"></label></p>"
        + "<p><label>Password <input name=password type=password autocomplete=current-password required></label></p>"
        + "<p><button type=submit>Sign in</button> <span class=muted>(<kbd>Enter</kbd>)</span></p></form>"
        + "<p class=muted>The first admin's password is in the data directory "
        + "(<code>ringbreaker-data/admin-password</code>); <code>ringbreaker demo</code> prints it. "
        + "Admins add people at <code>/admin/users</code> or with <code>ringbreaker user add</code>.</p></body></html>";
  }

  // ---- refusals ----

  private static void answer(AuthProblem e, Context ctx) {
    boolean page = wantsHtml(ctx);
    if (e.status() == 401 && page) {
      String target = ctx.method().name().equals("GET") ? ctx.path()
          + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) : "/";
      ctx.redirect(target.equals("/") ? "/login" : "/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8),
          HttpStatus.FOUND);
      return;
    }
    ctx.status(e.status());
    if (page) {
      ctx.html(Html.head("refused") + "<h1>" + e.status() + "</h1><p class=problem>" + Html.esc(e.getMessage())
          + "</p><p><a href=/ accesskey=h>Home</a> <span class=muted>(<kbd>Alt+H</kbd>)</span></p></body></html>");
    } else {
      ctx.json(Map.of("error", e.getMessage()));
    }
  }

  private static boolean wantsHtml(Context ctx) {
    if (ctx.path().startsWith("/v1/")) {
      return false;
    }
    String accept = ctx.header("Accept");
    return accept == null || accept.contains("text/html") || accept.contains("*/*");
  }
}
