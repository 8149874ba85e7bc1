package io.ringbreaker.store;

/** A storage operation failed; the message names the operation and the database, never a password. */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
