package io.ringbreaker.detect.lists;

import io.ringbreaker.detect.text.Hashtags;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.LexiconTerm;
import io.ringbreaker.model.TagState;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the operator's list files: a lexicon CSV ({@code term,category,state}) and a bank CSV
 * ({@code signal_type,signal,label}). Every problem names the file, the line and the column.
 */
public final class ListFiles {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  private ListFiles() {}

  /** The publicly reported terms Ringbreaker ships with; operators add their own. */
  public static List<LexiconTerm> defaultLexicon() {
    try (InputStream in = ListFiles.class.getResourceAsStream("/io/ringbreaker/detect/default-lexicon.csv")) {
      return readLexicon(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), "default-lexicon.csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<LexiconTerm> readLexicon(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readLexicon(r, file.toString());
    } catch (IOException e) {
      throw new ListFormatException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  public static List<LexiconTerm> readLexicon(Reader in, String name) {
    List<LexiconTerm> out = new ArrayList<>();
    for (CsvRows.Row row : CsvRows.read(in, name, List.of("term", "category", "state"))) {
      String term = Hashtags.fold(row.get("term"));
      if (term.isEmpty()) {
        throw row.problem("term", "is empty");
      }
      String stateName = row.get("state").toLowerCase(Locale.ROOT);
      TagState state = TagState.fromWire(stateName).filter(s -> s != TagState.NONE)
          .orElseThrow(() -> row.problem("state", "'" + stateName + "' is not one of watch, restricted, blocked, allowed"));
      out.add(new LexiconTerm(term, row.get("category"), state));
    }
    return out;
  }

  /** A bank file; the bank is named after the file (its name without extension). */
  public static List<BankEntry> readBank(Path file) {
    String bank = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readBank(r, file.toString(), bank);
    } catch (IOException e) {
      throw new ListFormatException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  public static List<BankEntry> readBank(Reader in, String name, String bank) {
    List<BankEntry> out = new ArrayList<>();
    for (CsvRows.Row row : CsvRows.read(in, name, List.of("signal_type", "signal", "label"))) {
      String typeName = row.get("signal_type").toLowerCase(Locale.ROOT);
      HashType type = HashType.fromWire(typeName)
          .orElseThrow(() -> row.problem("signal_type", "'" + typeName + "' is not one of pdq, md5, sha256"));
      String hash = row.get("signal").toLowerCase(Locale.ROOT);
      if (hash.length() != type.hexLength() || !HEX.matcher(hash).matches()) {
        throw row.problem("signal", "a " + type.wire() + " hash is " + type.hexLength() + " hex characters");
      }
      out.add(new BankEntry(bank, type, hash, row.get("label")));
    }
    return out;
  }
}
