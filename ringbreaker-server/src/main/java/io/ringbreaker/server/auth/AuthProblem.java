package io.ringbreaker.server.auth;

/**
 * A request the console turns away: 401 (not signed in; pages redirect to /login), 403 (signed in,
 * but the role is too low or the CSRF token is missing or wrong) or 429 (too many failed sign-ins).
 * {@link ConsoleAuth#install} answers it.
 */
public final class AuthProblem extends RuntimeException {
  private final int status;

  AuthProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
