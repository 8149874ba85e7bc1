package io.ringbreaker.detect.text;

import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listed terms and their states, as an immutable snapshot. A change (an enforcement event, an
 * operator's list) makes a new snapshot; readers keep the one they started with.
 */
public final class Lexicon {

  /** How a tag was recognised as a term. Issue-3 matching adds disguised, decorated and near forms. */
  public record Match(LexiconTerm term, String how) {}

  private final Map<String, LexiconTerm> terms;

  private Lexicon(Map<String, LexiconTerm> terms) {
    this.terms = Map.copyOf(terms);
  }

  public static Lexicon of(Collection<LexiconTerm> terms) {
    Map<String, LexiconTerm> m = new HashMap<>();
    for (LexiconTerm t : terms) {
      m.put(Hashtags.fold(t.term()), t);
    }
    return new Lexicon(m);
  }

  /** Later terms replace earlier ones with the same (folded) spelling. */
  public Lexicon with(Collection<LexiconTerm> more) {
    Map<String, LexiconTerm> m = new HashMap<>(terms);
    for (LexiconTerm t : more) {
      m.put(Hashtags.fold(t.term()), t);
    }
    return new Lexicon(m);
  }

  /** The lexicon with a term's state changed; an unlisted term is added under {@code category}. */
  public Lexicon withState(String term, TagState state, String category) {
    String key = Hashtags.fold(term);
    LexiconTerm old = terms.get(key);
    LexiconTerm updated = new LexiconTerm(key, old == null ? category : old.category(), state);
    return with(List.of(updated));
  }

  /** The term a tag (case-folded) is recognised as, if any. */
  public Optional<Match> match(String foldedTag) {
    LexiconTerm t = terms.get(foldedTag);
    return t == null ? Optional.empty() : Optional.of(new Match(t, "exact"));
  }

  public Optional<LexiconTerm> term(String term) {
    return Optional.ofNullable(terms.get(Hashtags.fold(term)));
  }

  public Collection<LexiconTerm> terms() {
    return terms.values();
  }

  public int size() {
    return terms.size();
  }
}
