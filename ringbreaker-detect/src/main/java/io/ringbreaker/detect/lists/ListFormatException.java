package io.ringbreaker.detect.lists;

/** A lexicon or bank file that cannot be read; the message names the file, line and problem. */
public final class ListFormatException extends RuntimeException {
  public ListFormatException(String message) {
    super(message);
  }
}
