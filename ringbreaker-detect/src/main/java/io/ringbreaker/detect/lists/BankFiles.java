package io.ringbreaker.detect.lists;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hash bank files in three formats, read and written one row at a time (a file of millions of
 * hashes is never held in memory). Every bad row is a {@link Problem} naming the file and line.
 *
 * <ul>
 *   <li>{@link Format#HEX}: one hash per line; blank lines and lines starting with {@code #} are
 *       ignored. A line may also name its type first, {@code TYPE HASH} (as HMA's local-file
 *       exchange reads them, e.g. {@code pdq 3a4b…}). Otherwise the type is the caller's, or
 *       inferred from the length: 32 hex characters are md5, 64 are pdq (sha256 only when the
 *       caller says so or the line names it).
 *   <li>{@link Format#CSV}: header {@code signal_type,signal,label} (in any order, other columns
 *       ignored), plus an optional {@code enabled} column (true/false).
 *   <li>{@link Format#HMA}: the CSV that python-threatexchange's {@code threatexchange dataset -P
 *       --csv} writes and HMA deployments pass around, header
 *       {@code collab,signal_type,signal_str,category,tags}. Signal types {@code pdq},
 *       {@code video_md5} and {@code video_sha256} (also plain {@code md5}, {@code sha256});
 *       {@code tags} (space-separated) become the label; category {@code FALSE_POSITIVE} imports
 *       the entry disabled, {@code TRUE_POSITIVE}, {@code WORTH_INVESTIGATING} or none enabled;
 *       {@code collab} is not imported (the bank is the caller's). See
 *       https://github.com/facebook/ThreatExchange/blob/main/python-threatexchange/threatexchange/cli/dataset_cmd.py
 * </ul>
 */
public final class BankFiles {

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES).enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.ALLOW_COMMENTS).build();
  /** Characters read ahead to detect the format. */
  private static final int DETECT_LIMIT = 64 * 1024;

  private BankFiles() {}

  public enum Format {
    HEX, CSV, HMA;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> fromWire(String s) {
      for (Format f : values()) {
        if (f.wire().equals(s)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * What a file's rows do not say: the bank they go to, the type of untyped hex lines (or the only
   * type accepted, when given), the label of rows without one, where they came from and when.
   */
  public record Options(String bank, Optional<HashType> type, String label, String source, Instant added) {
    public Options {
      Objects.requireNonNull(bank, "bank");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(added, "added");
    }

    /** Rows into {@code bank}, types from the file, no default label, untracked source and time. */
    public static Options of(String bank) {
      return new Options(bank, Optional.empty(), "", "", Instant.EPOCH);
    }
  }

  /** A bad row. */
  public record Problem(String file, long line, String what) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + what;
    }
  }

  /** What a first pass over a file found: the entries it holds, and the first few problems of how many. */
  public record Checked(String file, Format format, long entries, long problems, List<Problem> firstProblems) {
    public boolean ok() {
      return problems == 0;
    }

    /** One line: the first problem, and where the next few are. */
    public String message() {
      if (ok()) {
        return file + ": " + entries + " entries, no problems";
      }
      StringBuilder sb = new StringBuilder(firstProblems.get(0).toString());
      if (problems > 1) {
        sb.append(" (").append(problems).append(" bad lines in all; next at line");
        if (firstProblems.size() > 2) {
          sb.append('s');
        }
        for (int i = 1; i < firstProblems.size(); i++) {
          sb.append(i == 1 ? " " : ", ").append(firstProblems.get(i).line());
        }
        if (problems > firstProblems.size()) {
          sb.append(", …");
        }
        sb.append(')');
      }
      return sb.toString();
    }
  }

  // ---- detecting ----

  /** The format of a file, from its first line that is not blank or a comment. */
  public static Format detect(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return detect(r);
    } catch (IOException e) {
      throw new ListFormatException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** The format of what {@code in} holds; leaves {@code in} where it was (mark and reset). */
  public static Format detect(BufferedReader in) throws IOException {
    in.mark(DETECT_LIMIT);
    try {
      int read = 0;
      String line;
      while ((line = in.readLine()) != null) {
        read += line.length() + 1;
        String s = line.strip();
        if (s.startsWith("\uFEFF")) {
          s = s.substring(1);
        }
        if (s.isEmpty() || s.startsWith("#")) {
          if (read >= DETECT_LIMIT - 1024) {
            return Format.HEX;
          }
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (String cell : s.toLowerCase(Locale.ROOT).split(",", -1)) {
          cells.add(cell.strip().replace("\"", ""));
        }
        if (cells.contains("signal_str")) {
          return Format.HMA;
        }
        // Any other comma-separated first line is a CSV header (a wrong one is reported as such).
        return s.contains(",") ? Format.CSV : Format.HEX;
      }
      return Format.HEX;
    } finally {
      in.reset();
    }
  }

  // ---- reading ----

  /**
   * A first pass: every row of {@code file} parsed and checked, nothing kept but counts and the
   * first {@code keep} problems. {@code format} empty: detected.
   */
  public static Checked check(Path file, Optional<Format> format, Options options, int keep) {
    Format f = format.orElseGet(() -> detect(file));
    List<Problem> first = new ArrayList<>();
    long[] counts = new long[2];
    withReader(file, r -> scan(r, file.toString(), f, options, e -> counts[0]++, p -> {
      counts[1]++;
      if (first.size() < keep) {
        first.add(p);
      }
    }));
    return new Checked(file.toString(), f, counts[0], counts[1], List.copyOf(first));
  }

  /**
   * Reads every entry of {@code file} into {@code entries}, in file order.
   *
   * @throws ListFormatException at the first bad row, naming the file and line (entries before it
   *     were delivered: {@link #check} first to deliver nothing from a broken file)
   */
  public static long read(Path file, Format format, Options options, Consumer<BankEntry> entries) {
    long[] n = new long[1];
    withReader(file, r -> read(r, file.toString(), format, options, e -> {
      n[0]++;
      entries.accept(e);
    }));
    return n[0];
  }

  /** As {@link #read(Path, Format, Options, Consumer)}, from a reader named {@code name} in messages. */
  public static void read(Reader in, String name, Format format, Options options, Consumer<BankEntry> entries) {
    scan(in, name, format, options, entries, p -> {
      throw new ListFormatException(p.toString());
    });
  }

  /** Every entry of a small file, for callers that want them all (a scan's {@code --bank}). */
  public static List<BankEntry> readAll(Path file, Optional<Format> format, Options options) {
    List<BankEntry> out = new ArrayList<>();
    read(file, format.orElseGet(() -> detect(file)), options, out::add);
    return out;
  }

  private interface ReaderWork {
    void run(BufferedReader r) throws IOException;
  }

  private static void withReader(Path file, ReaderWork work) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      work.run(r);
    } catch (IOException e) {
      throw new ListFormatException(file + ": cannot read (" + e.getMessage() + ")");
    } catch (UncheckedIOException e) {
      throw new ListFormatException(file + ": cannot read (" + e.getCause().getMessage() + ")");
    }
  }

  /** Each good row to {@code entries}, each bad one to {@code problems}. */
  static void scan(Reader in, String name, Format format, Options options, Consumer<BankEntry> entries,
      Consumer<Problem> problems) {
    try {
      switch (format) {
        case HEX -> scanHex(in instanceof BufferedReader b ? b : new BufferedReader(in), name, options, entries, problems);
        case CSV, HMA -> scanCsv(in, name, format, options, entries, problems);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void scanHex(BufferedReader in, String name, Options options, Consumer<BankEntry> entries,
      Consumer<Problem> problems) throws IOException {
    long lineNr = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNr++;
      String s = line.strip();
      if (lineNr == 1 && s.startsWith("\uFEFF")) {
        s = s.substring(1).strip();
      }
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String[] tokens = s.split("\\s+");
      if (tokens.length > 2) {
        problems.accept(new Problem(name, lineNr, "expected HASH or TYPE HASH, got " + tokens.length + " words"));
        continue;
      }
      Optional<HashType> named = Optional.empty();
      if (tokens.length == 2) {
        named = signalType(tokens[0]);
        if (named.isEmpty()) {
          problems.accept(new Problem(name, lineNr, "'" + abbreviate(tokens[0])
              + "' is not a hash type (pdq, md5, sha256, video_md5, video_sha256)"));
          continue;
        }
      }
      String hash = tokens[tokens.length - 1].toLowerCase(Locale.ROOT);
      Optional<HashType> type = resolve(named, options.type(), hash);
      String problem = type.isEmpty() ? lengthProblem(hash) : conflict(named, options.type())
          .orElseGet(() -> hashProblem(type.get(), hash));
      if (problem != null) {
        problems.accept(new Problem(name, lineNr, problem));
        continue;
      }
      entries.accept(new BankEntry(options.bank(), type.get(), hash, options.label(), options.source(),
          options.added(), true));
    }
  }

  /** The row's own type, else the caller's, else inferred from the length (64: pdq, 32: md5). */
  private static Optional<HashType> resolve(Optional<HashType> named, Optional<HashType> given, String hash) {
    if (named.isPresent()) {
      return named;
    }
    if (given.isPresent()) {
      return given;
    }
    return hash.length() == 64 ? Optional.of(HashType.PDQ) : hash.length() == 32 ? Optional.of(HashType.MD5)
        : Optional.empty();
  }

  private static Optional<String> conflict(Optional<HashType> named, Optional<HashType> given) {
    if (named.isPresent() && given.isPresent() && named.get() != given.get()) {
      return Optional.of("the line says " + named.get().wire() + " but the type given is " + given.get().wire());
    }
    return Optional.empty();
  }

  private static String lengthProblem(String hash) {
    if (!isHex(hash)) {
      return "'" + abbreviate(hash) + "' is not a hex hash";
    }
    return "'" + abbreviate(hash) + "' is " + hash.length()
        + " hex characters: a pdq or sha256 hash is 64, an md5 hash 32";
  }

  /** Null when {@code hash} is a good hash of {@code type}. */
  private static String hashProblem(HashType type, String hash) {
    if (hash.isEmpty()) {
      return "the " + type.wire() + " hash is empty";
    }
    if (!isHex(hash)) {
      return "'" + abbreviate(hash) + "' is not a hex hash";
    }
    if (hash.length() != type.hexLength()) {
      return "a " + type.wire() + " hash is " + type.hexLength() + " hex characters, '" + abbreviate(hash)
          + "' is " + hash.length();
    }
    return null;
  }

  /** Ringbreaker's type names and python-threatexchange's (SignalType.get_name()) for the same hashes. */
  private static Optional<HashType> signalType(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "video_md5" -> Optional.of(HashType.MD5);
      case "video_sha256" -> Optional.of(HashType.SHA256);
      default -> HashType.fromWire(t);
    };
  }

  private static void scanCsv(Reader in, String name, Format format, Options options, Consumer<BankEntry> entries,
      Consumer<Problem> problems) throws IOException {
    String typeColumn = "signal_type";
    String signalColumn = format == Format.HMA ? "signal_str" : "signal";
    String labelColumn = format == Format.HMA ? "tags" : "label";
    List<String> required = format == Format.HMA ? List.of(typeColumn, signalColumn)
        : List.of(typeColumn, signalColumn, labelColumn);
    String expected = format == Format.HMA ? "collab,signal_type,signal_str,category,tags" : "signal_type,signal,label";
    try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(in)) {
      Map<String, Integer> columns = null;
      while (true) {
        long line;
        List<String> row;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          line = it.getCurrentLocation().getLineNr();
          row = it.nextValue();
        } catch (RuntimeException e) {
          // The CSV itself is broken (an unclosed quote): nothing after it can be trusted.
          problems.accept(new Problem(name, Math.max(1, it.getCurrentLocation().getLineNr()),
              "not valid CSV (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")"));
          return;
        }
        if (columns == null) {
          columns = new HashMap<>();
          for (int i = 0; i < row.size(); i++) {
            String h = row.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && h.startsWith("\uFEFF")) {
              h = h.substring(1);
            }
            columns.putIfAbsent(h, i);
          }
          Map<String, Integer> header = columns;
          List<String> missing = required.stream().filter(h -> !header.containsKey(h)).toList();
          if (!missing.isEmpty()) {
            problems.accept(new Problem(name, line, "header must be " + expected + " (missing "
                + String.join(", ", missing) + ")"));
            return;
          }
          continue;
        }
        Map<String, Integer> c = columns;
        java.util.function.Function<String, String> get = col -> {
          Integer i = c.get(col);
          return i == null || i >= row.size() ? "" : row.get(i).strip();
        };
        String typeName = get.apply(typeColumn);
        Optional<HashType> named = typeName.isEmpty() ? Optional.empty() : signalType(typeName);
        if (!typeName.isEmpty() && named.isEmpty()) {
          problems.accept(new Problem(name, line, "signal_type '" + abbreviate(typeName) + "' is not one of "
              + (format == Format.HMA ? "pdq, video_md5, video_sha256" : "pdq, md5, sha256")));
          continue;
        }
        if (named.isEmpty() && options.type().isEmpty()) {
          problems.accept(new Problem(name, line, "signal_type is empty"));
          continue;
        }
        Optional<String> clash = conflict(named, options.type());
        if (clash.isPresent()) {
          problems.accept(new Problem(name, line, clash.get()));
          continue;
        }
        HashType type = named.orElseGet(() -> options.type().orElseThrow());
        String hash = get.apply(signalColumn).toLowerCase(Locale.ROOT);
        String problem = hashProblem(type, hash);
        if (problem != null) {
          problems.accept(new Problem(name, line, signalColumn + ": " + problem));
          continue;
        }
        Optional<Boolean> enabled = format == Format.HMA ? category(get.apply("category")) : flag(get.apply("enabled"));
        if (enabled.isEmpty()) {
          problems.accept(new Problem(name, line, format == Format.HMA
              ? "category '" + abbreviate(get.apply("category"))
                  + "' is not one of TRUE_POSITIVE, WORTH_INVESTIGATING, FALSE_POSITIVE"
              : "enabled '" + abbreviate(get.apply("enabled")) + "' is not true or false"));
          continue;
        }
        String label = get.apply(labelColumn);
        entries.accept(new BankEntry(options.bank(), type, hash, label.isEmpty() ? options.label() : label,
            options.source(), options.added(), enabled.get()));
      }
      if (columns == null) {
        problems.accept(new Problem(name, 1, "no header: expected " + expected));
      }
    }
  }

  /** HMA's opinion category: a false positive is kept, disabled. */
  private static Optional<Boolean> category(String s) {
    return switch (s.toUpperCase(Locale.ROOT)) {
      case "", "TRUE_POSITIVE", "WORTH_INVESTIGATING" -> Optional.of(true);
      case "FALSE_POSITIVE" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private static Optional<Boolean> flag(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "", "true", "yes", "1" -> Optional.of(true);
      case "false", "no", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  // ---- writing ----

  /** Writes entries one at a time in one format; {@link #finish()} flushes (the caller closes the writer). */
  public static final class BankWriter {
    private final Format format;
    private final Writer out;
    private boolean started;

    private BankWriter(Format format, Writer out) {
      this.format = format;
      this.out = out;
    }

    public void write(BankEntry e) {
      try {
        if (!started) {
          started = true;
          switch (format) {
            case HEX -> { }
            case CSV -> out.write("signal_type,signal,label,enabled\n");
            case HMA -> out.write("collab,signal_type,signal_str,category,tags\n");
          }
        }
        switch (format) {
          // sha256 says so: a bare 64-character line reads back as pdq.
          case HEX -> out.write((e.type() == HashType.SHA256 ? "sha256 " : "") + e.hash() + "\n");
          case CSV -> out.write(e.type().wire() + "," + e.hash() + "," + quote(e.label()) + "," + e.enabled() + "\n");
          case HMA -> out.write(quote(e.bank()) + "," + hmaName(e.type()) + "," + e.hash() + ","
              + (e.enabled() ? "TRUE_POSITIVE" : "FALSE_POSITIVE") + "," + quote(e.label()) + "\n");
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    /** Writes the header of an empty CSV file too, and flushes. */
    public void finish() {
      try {
        if (!started && format != Format.HEX) {
          out.write(format == Format.CSV ? "signal_type,signal,label,enabled\n"
              : "collab,signal_type,signal_str,category,tags\n");
        }
        started = true;
        out.flush();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  public static BankWriter writer(Format format, Writer out) {
    return new BankWriter(Objects.requireNonNull(format, "format"), Objects.requireNonNull(out, "out"));
  }

  /** python-threatexchange's SignalType name for a type. */
  static String hmaName(HashType t) {
    return switch (t) {
      case PDQ -> "pdq";
      case MD5 -> "video_md5";
      case SHA256 -> "video_sha256";
    };
  }

  private static String quote(String s) {
    boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
        || s.startsWith("#") || !s.equals(s.strip());
    return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
