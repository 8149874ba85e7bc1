package io.ringbreaker.cli;

import io.ringbreaker.detect.lists.BankFiles;
import io.ringbreaker.detect.lists.ListFormatException;
import io.ringbreaker.model.Bank;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.store.Lists;
import io.ringbreaker.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "bank", mixinStandardHelpOptions = true,
    header = "Manage the hash banks in the store: import, export, list, create, add, enable, disable.",
    description = {"Hash banks hold known media hashes (pdq, md5, sha256). A match bank flags media within its PDQ",
        "threshold; an allow bank (known memes, known false positives) suppresses matches. A running",
        "server picks up changes without a restart.",
        "File formats: hex (one hash per line, or TYPE HASH), csv (signal_type,signal,label) and hma",
        "(collab,signal_type,signal_str,category,tags, as python-threatexchange writes it)."},
    subcommands = {BankCommand.Import.class, BankCommand.Export.class, BankCommand.ListBanks.class,
        BankCommand.Create.class, BankCommand.Add.class, BankCommand.Disable.class, BankCommand.Enable.class})
final class BankCommand {
  /** Entries per store transaction on import: memory stays flat however long the file. */
  static final int BATCH = 10_000;

  private BankCommand() {}

  static final class TypeConverter implements ITypeConverter<HashType> {
    @Override
    public HashType convert(String value) {
      return HashType.fromWire(value.toLowerCase(Locale.ROOT))
          .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of pdq, md5, sha256"));
    }
  }

  static String checkedName(String bank) {
    if (!Bank.isValidName(bank)) {
      throw new UserError("bank name '" + bank
          + "' must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    return bank;
  }

  static Bank existing(Lists lists, String bank) {
    return lists.bank(checkedName(bank))
        .orElseThrow(() -> new UserError("no bank named " + bank + " (see: ringbreaker bank list)"));
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  static String counts(Lists.UpsertCount c) {
    return String.format(Locale.ROOT, "%,d added, %,d updated, %,d unchanged", c.added(), c.updated(), c.unchanged());
  }

  // ---- import ----

  @Command(name = "import", mixinStandardHelpOptions = true,
      header = "Import hash files into a bank (idempotent; a file with a bad line imports nothing).",
      description = {"Reads each FILE twice: first to check every line (a bad line anywhere stops the import",
          "before anything is written, naming the file and line), then to upsert it in batches. Entries already",
          "in the bank with the same label and source are unchanged. An entry someone disabled stays disabled",
          "unless --enable is given. Prints how many entries were added, updated and unchanged."})
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BANK", description = "The bank (created with default settings if new).")
    String bank;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Hash files.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
        description = "auto (from the first line), hex, csv or hma (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--type", paramLabel = "TYPE", converter = TypeConverter.class,
        description = "pdq, md5 or sha256: the type of bare hex lines (default: 64 hex characters are pdq, 32 md5); "
            + "rows naming another type are refused.")
    Optional<HashType> type = Optional.empty();

    @Option(names = "--label", defaultValue = "", paramLabel = "LABEL", description = "Label of rows that have none.")
    String label;

    @Option(names = "--source", paramLabel = "SOURCE",
        description = "Where the entries come from (default: file:NAME of each file).")
    Optional<String> source = Optional.empty();

    @Option(names = "--enable",
        description = "Also set each existing entry's enabled flag from the file (re-enables entries disabled here).")
    boolean enable;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      checkedName(bank);
      Optional<BankFiles.Format> fixed = switch (format.toLowerCase(Locale.ROOT)) {
        case "auto" -> Optional.empty();
        default -> Optional.of(BankFiles.Format.fromWire(format.toLowerCase(Locale.ROOT))
            .orElseThrow(() -> new UserError("--format '" + format + "' is not one of auto, hex, csv, hma")));
      };
      Instant added = now();
      // First pass over every file: nothing is written unless all of them read cleanly.
      Map<Path, BankFiles.Checked> checked = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      for (Path f : files) {
        ListOptions.readable(f, "bank");
        BankFiles.Checked c = read(() -> BankFiles.check(f, fixed, options(f, added), 5));
        checked.put(f, c);
        if (!c.ok()) {
          problems.add(c.message());
        }
      }
      if (!problems.isEmpty()) {
        throw new UserError(String.join("\n", problems) + "\nnothing imported");
      }
      long total = checked.values().stream().mapToLong(BankFiles.Checked::entries).sum();
      ProgressLine progress = new ProgressLine(System.err);
      Lists.UpsertCount sum = new Lists.UpsertCount(0, 0, 0);
      try (Store store = storeOption.open()) {
        Lists lists = store.lists();
        if (lists.bank(bank).isEmpty()) {
          lists.putBank(Bank.named(bank));
        }
        List<BankEntry> batch = new ArrayList<>(BATCH);
        Lists.UpsertCount[] running = {sum};
        for (Map.Entry<Path, BankFiles.Checked> e : checked.entrySet()) {
          Path f = e.getKey();
          read(() -> BankFiles.read(f, e.getValue().format(), options(f, added), entry -> {
            batch.add(entry);
            if (batch.size() == BATCH) {
              running[0] = running[0].plus(lists.upsertBankEntries(batch, enable));
              batch.clear();
              long done = running[0].added() + running[0].updated() + running[0].unchanged();
              progress.show(String.format(Locale.ROOT, "bank import: %,d of %,d entries (%d%%)", done, total,
                  total == 0 ? 100 : done * 100 / total));
            }
          }));
        }
        running[0] = running[0].plus(lists.upsertBankEntries(batch, enable));
        sum = running[0];
      } finally {
        progress.done();
      }
      System.out.println(bank + ": " + counts(sum) + " (" + files.size() + " file" + (files.size() == 1 ? "" : "s") + ")");
      return 0;
    }

    private BankFiles.Options options(Path f, Instant added) {
      return new BankFiles.Options(bank, type, label, source.orElse("file:" + f.getFileName()), added);
    }
  }

  static <T> T read(java.util.function.Supplier<T> r) {
    try {
      return r.get();
    } catch (ListFormatException e) {
      throw new UserError(e.getMessage());
    }
  }

  // ---- export ----

  @Command(name = "export", mixinStandardHelpOptions = true,
      header = "Write a bank's entries (disabled ones too) as csv, hex or hma.",
      description = {"csv: signal_type,signal,label,enabled.  hex: one hash per line (sha256 lines say 'sha256 HASH';",
          "labels and the enabled flag are not kept).  hma: collab,signal_type,signal_str,category,tags with",
          "disabled entries as FALSE_POSITIVE. Streams: any size of bank."})
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BANK")
    String bank;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
        description = "csv, hex or hma (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--type", paramLabel = "TYPE", converter = TypeConverter.class,
        description = "Only entries of this type (pdq, md5 or sha256).")
    Optional<HashType> type = Optional.empty();

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Optional<Path> out = Optional.empty();

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() throws IOException {
      BankFiles.Format f = BankFiles.Format.fromWire(format.toLowerCase(Locale.ROOT))
          .orElseThrow(() -> new UserError("--format '" + format + "' is not one of csv, hex, hma"));
      try (Store store = storeOption.open()) {
        Lists lists = store.lists();
        existing(lists, bank);
        long[] n = {0};
        try (Writer w = out.isPresent() ? Files.newBufferedWriter(out.get(), StandardCharsets.UTF_8)
            : new BufferedWriter(new OutputStreamWriter(new NonClosing(System.out), StandardCharsets.UTF_8))) {
          BankFiles.BankWriter writer = BankFiles.writer(f, w);
          lists.forEachBankEntry(bank, e -> {
            if (type.isEmpty() || type.get() == e.type()) {
              writer.write(e);
              n[0]++;
            }
          });
          writer.finish();
        } catch (UncheckedIOException | IOException e) {
          throw new UserError("cannot write " + out.map(Path::toString).orElse("standard output") + ": "
              + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage()));
        }
        if (out.isPresent()) {
          System.err.printf(Locale.ROOT, "%s: %,d entries written to %s%n", bank, n[0], out.get());
        }
      }
      return 0;
    }
  }

  /** Standard output stays open after an export written to it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  // ---- list ----

  @Command(name = "list", mixinStandardHelpOptions = true, header = "The banks, their settings and entry counts.")
  static final class ListBanks implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        Lists lists = store.lists();
        Map<String, Optional<Bank>> banks = new java.util.TreeMap<>();
        lists.banks().forEach(b -> banks.put(b.name(), Optional.of(b)));
        Map<String, Map<HashType, long[]>> counts = new LinkedHashMap<>();
        for (Lists.BankEntryCount c : lists.bankEntryCounts()) {
          banks.putIfAbsent(c.bank(), Optional.empty()); // entries stored under a name no bank settings accept
          counts.computeIfAbsent(c.bank(), k -> new EnumMap<>(HashType.class)).put(c.type(),
              new long[] {c.enabled(), c.disabled()});
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"BANK", "KIND", "THRESHOLD", "QUALITY FLOOR", "ENABLED", "PDQ", "MD5", "SHA256",
            "DISABLED ENTRIES"});
        banks.forEach((name, bank) -> {
          Map<HashType, long[]> byType = counts.getOrDefault(name, Map.of());
          long disabled = byType.values().stream().mapToLong(n -> n[1]).sum();
          List<String> row = new ArrayList<>(List.of(name,
              bank.map(b -> b.kind().wire()).orElse("-"),
              bank.map(b -> String.valueOf(b.pdqThreshold())).orElse("-"),
              bank.map(b -> String.valueOf(b.qualityFloor())).orElse("-"),
              bank.map(b -> b.enabled() ? "yes" : "no").orElse("-")));
          for (HashType t : List.of(HashType.PDQ, HashType.MD5, HashType.SHA256)) {
            long[] n = byType.getOrDefault(t, new long[2]);
            row.add(String.format(Locale.ROOT, "%,d", n[0] + n[1]));
          }
          row.add(String.format(Locale.ROOT, "%,d", disabled));
          rows.add(row.toArray(String[]::new));
        });
        if (banks.isEmpty()) {
          System.out.println("no banks (create one: ringbreaker bank create NAME, or ringbreaker bank import NAME FILE)");
          return 0;
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
          for (int i = 0; i < r.length; i++) {
            widths[i] = Math.max(widths[i], r[i].length());
          }
        }
        for (String[] r : rows) {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < r.length; i++) {
            boolean number = i >= 2 && i != 4;
            String cell = number ? " ".repeat(widths[i] - r[i].length()) + r[i] : r[i] + " ".repeat(widths[i] - r[i].length());
            sb.append(i == 0 ? "" : "  ").append(cell);
          }
          System.out.println(sb.toString().stripTrailing());
        }
      }
      return 0;
    }
  }

  // ---- create ----

  @Command(name = "create", mixinStandardHelpOptions = true,
      header = "Create a bank, or change the settings of one (only the options given).")
  static final class Create implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BANK")
    String bank;

    @Option(names = "--kind", paramLabel = "KIND",
        description = "match (flag media that matches) or allow (known memes and false positives: suppress matches). "
            + "New banks: match.")
    Optional<String> kind = Optional.empty();

    @Option(names = "--threshold", paramLabel = "N",
        description = "Largest PDQ Hamming distance counted as a match, 0 to " + Bank.MAX_PDQ_THRESHOLD
            + ". New banks: " + Bank.DEFAULT_PDQ_THRESHOLD + ".")
    Optional<Integer> threshold = Optional.empty();

    @Option(names = "--quality-floor", paramLabel = "N",
        description = "PDQ hashes of media below this quality (0 to 100) are not matched. New banks: "
            + Bank.DEFAULT_QUALITY_FLOOR + ".")
    Optional<Integer> qualityFloor = Optional.empty();

    @Option(names = "--description", paramLabel = "TEXT")
    Optional<String> description = Optional.empty();

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      checkedName(bank);
      Optional<Bank.Kind> k = kind.map(s -> Bank.Kind.fromWire(s.toLowerCase(Locale.ROOT))
          .orElseThrow(() -> new UserError("--kind '" + s + "' is not one of match, allow")));
      try (Store store = storeOption.open()) {
        Lists lists = store.lists();
        Optional<Bank> before = lists.bank(bank);
        Bank b = before.orElseGet(() -> Bank.named(bank));
        try {
          if (k.isPresent()) {
            b = b.withKind(k.get());
          }
          if (threshold.isPresent()) {
            b = b.withPdqThreshold(threshold.get());
          }
          if (qualityFloor.isPresent()) {
            b = b.withQualityFloor(qualityFloor.get());
          }
          if (description.isPresent()) {
            b = b.withDescription(description.get());
          }
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
        lists.putBank(b);
        System.out.printf(Locale.ROOT, "%s bank %s: %s, threshold %d, quality floor %d, %s%n",
            before.isEmpty() ? "created" : before.get().equals(b) ? "unchanged" : "updated", b.name(),
            b.kind().wire(), b.pdqThreshold(), b.qualityFloor(), b.enabled() ? "enabled" : "disabled");
      }
      return 0;
    }
  }

  // ---- add ----

  @Command(name = "add", mixinStandardHelpOptions = true, header = "Add hashes to a bank (created if new).")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BANK")
    String bank;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "HASH",
        description = "Hex hashes (64 characters: pdq unless --type sha256; 32: md5), or TYPE:HASH.")
    List<String> hashes;

    @Option(names = "--type", paramLabel = "TYPE", converter = TypeConverter.class, description = "pdq, md5 or sha256.")
    Optional<HashType> type = Optional.empty();

    @Option(names = "--label", defaultValue = "", paramLabel = "LABEL")
    String label;

    @Option(names = "--source", defaultValue = "cli", paramLabel = "SOURCE",
        description = "Where they come from (default: ${DEFAULT-VALUE}).")
    String source;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      checkedName(bank);
      List<BankEntry> entries = parse(hashes, type, new BankFiles.Options(bank, type, label, source, now()));
      try (Store store = storeOption.open()) {
        Lists lists = store.lists();
        if (lists.bank(bank).isEmpty()) {
          lists.putBank(Bank.named(bank));
        }
        System.out.println(bank + ": " + counts(lists.upsertBankEntries(entries)));
      }
      return 0;
    }
  }

  /** Hashes given as arguments, read as hex lines ({@code TYPE:HASH} allowed); a bad one is a usage error. */
  static List<BankEntry> parse(List<String> hashes, Optional<HashType> type, BankFiles.Options options) {
    StringBuilder lines = new StringBuilder();
    for (String h : hashes) {
      lines.append(h.strip().replaceFirst("^([A-Za-z0-9_]+):", "$1 ")).append('\n');
    }
    List<BankEntry> out = new ArrayList<>();
    try {
      BankFiles.read(new java.io.StringReader(lines.toString()), "hash", BankFiles.Format.HEX, options, out::add);
    } catch (ListFormatException e) {
      // "hash:2: …" names the second hash given.
      throw new UserError(e.getMessage().replaceFirst("^hash:(\\d+):", "hash $1:"));
    }
    return out;
  }

  // ---- enable / disable ----

  abstract static class Toggle implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BANK")
    String bank;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "HASH",
        description = "Entries to change; none: the whole bank.")
    List<String> hashes = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", converter = TypeConverter.class,
        description = "pdq, md5 or sha256 (default: any type of the hash's length).")
    Optional<HashType> type = Optional.empty();

    @Mixin StoreOption storeOption;

    abstract boolean enabled();

    @Override
    public Integer call() {
      checkedName(bank);
      String verb = enabled() ? "enabled" : "disabled";
      try (Store store = storeOption.open()) {
        Lists lists = store.lists();
        Bank b = existing(lists, bank);
        if (hashes.isEmpty()) {
          lists.putBank(b.withEnabled(enabled()));
          System.out.println("bank " + bank + " " + verb);
          return 0;
        }
        List<String> unknown = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < hashes.size(); i++) {
          String given = hashes.get(i).strip();
          String hash = given.toLowerCase(Locale.ROOT).replaceFirst("^[a-z0-9_]+:", "");
          if (!hash.matches("[0-9a-f]+") || (hash.length() != 32 && hash.length() != 64)) {
            throw new UserError("hash " + (i + 1) + ": '" + given + "' is not a 32 or 64 character hex hash");
          }
          List<HashType> candidates = type.map(List::of).orElseGet(() ->
              List.of(HashType.values()).stream().filter(t -> t.hexLength() == hash.length()).toList());
          boolean found = false;
          for (HashType t : candidates) {
            if (t.hexLength() == hash.length() && lists.setBankEntryEnabled(bank, t, hash, enabled())) {
              found = true;
            }
          }
          if (found) {
            changed++;
          } else {
            unknown.add(given);
          }
        }
        System.out.println(bank + ": " + changed + " entr" + (changed == 1 ? "y" : "ies") + " " + verb);
        for (String u : unknown) {
          System.err.println("ringbreaker bank " + (enabled() ? "enable" : "disable") + ": no entry " + u
              + " in bank " + bank);
        }
        return unknown.isEmpty() ? 0 : 1;
      }
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      header = "Disable a bank, or some of its entries: they stay stored and never match. Exit 1 when a hash is not in the bank.")
  static final class Disable extends Toggle {
    @Override
    boolean enabled() {
      return false;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true,
      header = "Enable a bank, or some of its entries. Exit 1 when a hash is not in the bank.")
  static final class Enable extends Toggle {
    @Override
    boolean enabled() {
      return true;
    }
  }
}
