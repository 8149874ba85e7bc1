package io.ringbreaker.detect.media.pdq;

/** An input that cannot be hashed: too large, not an image, or damaged. The message says which. */
public final class PdqException extends Exception {

  private static final long serialVersionUID = 1L;

  public PdqException(String message) {
    super(message);
  }

  public PdqException(String message, Throwable cause) {
    super(message, cause);
  }
}
