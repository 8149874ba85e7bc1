package io.ringbreaker.server.auth;

import io.javalin.http.Context;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.User;

/**
 * Role checks for handlers: {@code User me = Access.require(ctx, Role.LEAD);} at the top of a
 * handler that confirms reports. Needs {@link ConsoleAuth#install} on the app (it resolves the
 * session and answers the refusals).
 */
public final class Access {
  private Access() {}

  /**
   * The signed-in user, when their role is at least {@code role}.
   *
   * @throws AuthProblem 401 when nobody is signed in (a page redirects to /login), 403 naming the role
   *     needed when the user's role is lower
   */
  public static User require(Context ctx, Role role) {
    User user = ConsoleAuth.user(ctx).orElseThrow(() -> new AuthProblem(401, "sign in first"));
    if (!user.role().atLeast(role)) {
      throw new AuthProblem(403, "this needs the " + role.wire() + " role; " + user.name() + " is "
          + user.role().wire());
    }
    return user;
  }
}
