package io.ringbreaker.detect.text;

import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listed terms and their states, as an immutable snapshot. A change (an enforcement event, an
 * operator's list) makes a new snapshot; readers keep the one they started with.
 *
 * <p>A tag is matched against the terms in both their case-folded and their {@link TagNormalizer
 * normalised} forms, in this order, the first that applies winning:
 *
 * <ol>
 *   <li>{@code exact}: the case-folded tag is a term;
 *   <li>{@code normalized}: the normalised tag equals a term's normalised form;
 *   <li>{@code decorated}: the normalised tag holds a term's normalised form with only decoration
 *       before and after it: runs of raw digits (a year, an age, a count) and words of the
 *       decoration list ({@code decorations.txt}: trade, 4trade, only, a group, an age …);
 *   <li>{@code near}: the normalised tag, or the tag without its decoration, is within a small edit
 *       distance of a term's normalised form: 0 below 5 characters, 1 up to 9, 2 from 10.
 * </ol>
 *
 * <p>Allowed terms win: a tag whose normalised form is an allowed term's matches that allowed term
 * (and so never signals); a listed term found inside a tag does not count when an allowed term found
 * there overlaps it and reaches beyond it ({@code dropboxpaper} when {@code dropbox} were listed); a
 * near match yields to an allowed term at least as near. A term inside a longer ordinary word
 * (anything but decoration around it) is no match, neither decorated nor near.
 */
public final class Lexicon {

  /** How a tag was recognised as a term: {@code exact}, {@code normalized}, {@code decorated}, {@code near}. */
  public record Match(LexiconTerm term, String how) {}

  /** A term found in running text, with the span of the raw text it covers. */
  public record Found(LexiconTerm term, String how, int start, int end) {}

  private record Entry(LexiconTerm term, String normalized) {}

  private final Map<String, Entry> terms;
  private volatile LexiconIndex index; // built on first match; a snapshot that is never matched costs nothing

  private Lexicon(Map<String, Entry> terms) {
    this.terms = Map.copyOf(terms);
  }

  public static Lexicon of(Collection<LexiconTerm> terms) {
    return new Lexicon(Map.of()).with(terms);
  }

  /** Later terms replace earlier ones with the same (folded) spelling. */
  public Lexicon with(Collection<LexiconTerm> more) {
    Map<String, Entry> m = new HashMap<>(terms);
    for (LexiconTerm t : more) {
      String key = Hashtags.fold(t.term());
      Entry old = m.get(key);
      m.put(key, new Entry(t, old != null ? old.normalized : TagNormalizer.fold(key)));
    }
    return new Lexicon(m);
  }

  /** The lexicon with a term's state changed; an unlisted term is added under {@code category}. */
  public Lexicon withState(String term, TagState state, String category) {
    String key = Hashtags.fold(term);
    Entry old = terms.get(key);
    LexiconTerm updated = new LexiconTerm(key, old == null ? category : old.term.category(), state);
    return with(List.of(updated));
  }

  /** The term a tag (case-folded) is recognised as, if any; allowed terms included. */
  public Optional<Match> match(String foldedTag) {
    Entry e = terms.get(foldedTag);
    if (e != null) {
      return Optional.of(new Match(e.term, "exact"));
    }
    if (foldedTag.length() > Hashtags.MAX_TAG_CHARS * 4) {
      return Optional.empty(); // no tag is this long; a clear answer instead of work
    }
    return index().match(TagNormalizer.normalize(foldedTag));
  }

  /**
   * Terms in running text (a caption, a bio), found in its normalised form so spaced, dotted and
   * disguised spellings count, with spans of the raw text. Only {@code normalized} matches that
   * start and end at word edges are reported; allowed terms that overlap a hit suppress it.
   */
  public List<Found> find(String text) {
    return index().find(text);
  }

  public Optional<LexiconTerm> term(String term) {
    Entry e = terms.get(Hashtags.fold(term));
    return e == null ? Optional.empty() : Optional.of(e.term);
  }

  public Collection<LexiconTerm> terms() {
    List<LexiconTerm> out = new ArrayList<>(terms.size());
    for (Entry e : terms.values()) {
      out.add(e.term);
    }
    return out;
  }

  public int size() {
    return terms.size();
  }

  private LexiconIndex index() {
    LexiconIndex ix = index;
    if (ix == null) {
      synchronized (this) {
        ix = index;
        if (ix == null) {
          Map<String, LexiconTerm> byNormalized = new HashMap<>();
          for (Entry e : terms.values()) {
            if (!e.normalized.isEmpty()) {
              byNormalized.merge(e.normalized, e.term, Lexicon::stronger);
            }
          }
          ix = new LexiconIndex(byNormalized);
          index = ix;
        }
      }
    }
    return ix;
  }

  /** Of two terms with one normalised form: allowed wins, then the stricter state, then the spelling. */
  static LexiconTerm stronger(LexiconTerm a, LexiconTerm b) {
    if (a.state() == TagState.ALLOWED != (b.state() == TagState.ALLOWED)) {
      return a.state() == TagState.ALLOWED ? a : b;
    }
    int c = a.state().compareTo(b.state());
    if (c != 0) {
      return c > 0 ? a : b;
    }
    return a.term().compareTo(b.term()) <= 0 ? a : b;
  }
}
