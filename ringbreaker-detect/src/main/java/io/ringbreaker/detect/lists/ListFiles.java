package io.ringbreaker.detect.lists;

import io.ringbreaker.detect.text.Hashtags;
import io.ringbreaker.model.BankEntry;
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

/**
 * Reads the operator's list files: a lexicon CSV ({@code term,category,state}) and a bank file
 * (see {@link BankFiles}). Every problem names the file and the line.
 */
public final class ListFiles {

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

  /**
   * The bank a file's entries go to: the file's name without its extension, with characters a
   * bank name cannot hold replaced by '-' ("known list (2).csv" is bank "known-list--2-").
   */
  public static String bankName(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_.-]", "-");
    name = name.replaceFirst("^[^A-Za-z0-9]+", "");
    name = name.isEmpty() ? "bank" : name;
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  /**
   * A bank file in any format {@link BankFiles} reads (detected from its first line); the bank is
   * named after the file (see {@link #bankName}).
   */
  public static List<BankEntry> readBank(Path file) {
    String bank = bankName(file);
    return BankFiles.readAll(file, java.util.Optional.empty(), BankFiles.Options.of(bank));
  }

  /** A bank CSV ({@code signal_type,signal,label}). */
  public static List<BankEntry> readBank(Reader in, String name, String bank) {
    List<BankEntry> out = new ArrayList<>();
    BankFiles.read(in, name, BankFiles.Format.CSV, BankFiles.Options.of(bank), out::add);
    return out;
  }
}
