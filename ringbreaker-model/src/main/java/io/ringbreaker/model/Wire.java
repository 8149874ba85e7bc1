package io.ringbreaker.model;

import java.util.Locale;
import java.util.Optional;

/** The JSON names of the contract's enums: the constant's name in lower case. */
final class Wire {
  private Wire() {}

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> Optional<E> parse(E[] values, String s) {
    for (E v : values) {
      if (name(v).equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
