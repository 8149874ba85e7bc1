package io.ringbreaker.detect.trade;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.ringbreaker.detect.lists.CsvRows;
import io.ringbreaker.detect.lists.ListFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Trade-language rules: {@code id,category,pattern} rows, each pattern in RE2 syntax, matched
 * case-insensitively. RE2/J runs in time linear in the text whatever an operator writes, so no
 * rule can hang the engine. Immutable; a reload makes a new set.
 */
public final class PhraseRules {

  /**
   * One rule: what it is called, what kind of talk it is, its compiled pattern, and optional
   * trigger words (lower case) of which one must appear in the text before the pattern runs. RE2
   * is linear but not fast; a substring check rules most text out for a fraction of its cost.
   */
  public record Rule(String id, String category, List<String> triggers, Pattern pattern) {
    public Rule {
      triggers = List.copyOf(triggers);
    }

    boolean mayMatch(String lowerCaseText) {
      if (triggers.isEmpty()) {
        return true;
      }
      for (String t : triggers) {
        if (lowerCaseText.contains(t)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Longest pattern accepted, in characters. */
  static final int MAX_PATTERN_CHARS = 2_000;

  private final List<Rule> rules;

  private PhraseRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static PhraseRules of(List<Rule> rules) {
    return new PhraseRules(rules);
  }

  /** The rules Ringbreaker ships: common soliciting and trading talk, no listed terms. */
  public static PhraseRules defaults() {
    try (InputStream in = PhraseRules.class.getResourceAsStream("/io/ringbreaker/detect/trade/default-phrases.csv")) {
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), "default-phrases.csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PhraseRules read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    } catch (IOException e) {
      throw new ListFormatException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** Reads rules ({@code id,category,pattern}, optionally {@code triggers}); problems name the file, line and column. */
  public static PhraseRules read(Reader in, String name) {
    List<Rule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (CsvRows.Row row : CsvRows.read(in, name, List.of("id", "category", "pattern"))) {
      String id = row.get("id");
      String pattern = row.get("pattern");
      if (id.isEmpty()) {
        throw row.problem("id", "is empty");
      }
      if (!ids.add(id)) {
        throw row.problem("id", "'" + id + "' is used twice");
      }
      if (pattern.isEmpty() || pattern.length() > MAX_PATTERN_CHARS) {
        throw row.problem("pattern", "must have 1 to " + MAX_PATTERN_CHARS + " characters");
      }
      List<String> triggers = Arrays.stream(row.get("triggers").split("\\s+"))
          .filter(t -> !t.isEmpty()).map(t -> t.toLowerCase(Locale.ROOT)).toList();
      try {
        out.add(new Rule(id, row.get("category"), triggers, Pattern.compile(pattern, Pattern.CASE_INSENSITIVE)));
      } catch (PatternSyntaxException e) {
        throw row.problem("pattern", "not a valid RE2 pattern (" + e.getDescription() + ")");
      }
    }
    return new PhraseRules(out);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** A rule's match in a text: UTF-16 offsets of the raw text. */
  public record Hit(Rule rule, int start, int end) {}

  /** Every rule that matches, at its first match. */
  public List<Hit> find(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    List<Hit> hits = new ArrayList<>(2);
    for (Rule r : rules) {
      if (!r.mayMatch(lower)) {
        continue;
      }
      Matcher m = r.pattern().matcher(text);
      if (m.find()) {
        hits.add(new Hit(r, m.start(), m.end()));
      }
    }
    return hits;
  }
}
