package io.ringbreaker.server.visual;

/** An image {@link SafeMedia} will not show: too large, not an image, or damaged. The message says which. */
public final class MediaRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  MediaRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
