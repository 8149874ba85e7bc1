package io.ringbreaker.detect;

import java.util.Objects;

/** A piece of text an event carries, named by its place ({@code post.text}, {@code account.bio}…). */
public record TextField(String name, String text) {
  public TextField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }
}
