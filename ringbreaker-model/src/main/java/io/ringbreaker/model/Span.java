package io.ringbreaker.model;

/**
 * Where in an event's text a signal was found: the field ({@code post.text}, {@code account.bio}…)
 * and the UTF-16 offsets of the raw text, end exclusive.
 */
public record Span(String field, int start, int end) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }
}
