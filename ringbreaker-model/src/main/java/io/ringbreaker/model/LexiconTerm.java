package io.ringbreaker.model;

import java.util.Objects;

/** A listed term: {@code term,category,state} in a lexicon CSV. */
public record LexiconTerm(String term, String category, TagState state) {
  public LexiconTerm {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(state, "state");
  }
}
