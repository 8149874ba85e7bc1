package io.ringbreaker.cli;

/** A problem with what the user asked for (a missing file, a bad list): exit 2 with one line. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message, null, false, false);
  }
}
