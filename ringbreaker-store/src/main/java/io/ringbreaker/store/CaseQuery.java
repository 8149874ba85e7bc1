package io.ringbreaker.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of cases, most urgent first: of one queue or all, in one state or any ({@code state}
 * empty), found by an exact word {@code q} (an account or item id, a tag, a link, a hash, a handle;
 * case and a leading {@code #} or {@code @} ignored). {@code after} is the previous page's cursor.
 */
public record CaseQuery(Optional<String> queue, Optional<CaseState> state, Optional<String> q, Optional<String> after,
                        int limit) {
  public static final int MAX_LIMIT = 1000;

  public CaseQuery {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  /**
   * The word a search looks for, and the form words are kept in to be found: lowercased, without a
   * leading {@code #} or {@code @}.
   */
  public static String term(String q) {
    String t = q.strip().toLowerCase(java.util.Locale.ROOT);
    while (!t.isEmpty() && (t.charAt(0) == '#' || t.charAt(0) == '@')) {
      t = t.substring(1);
    }
    return t;
  }

  /** Open cases of a queue. */
  public static CaseQuery open(String queue, int limit) {
    return new CaseQuery(Optional.of(queue), Optional.of(CaseState.OPEN), Optional.empty(), Optional.empty(), limit);
  }
}
