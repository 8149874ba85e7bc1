package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ringbreaker bank …} through {@link Main#run}, against a SQLite store in a temporary directory. */
class BankCommandTest {
  @TempDir Path dir;
  String db;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void store() {
    db = TestDatabases.sqliteUrl(dir);
  }

  private static Run run(String... args) {
    MainTest.Run r = MainTest.run(args);
    // The store's log lines ("opened SQLite …") are not what these tests are about.
    String errors = r.err().lines().filter(l -> !l.contains(" [INFO] "))
        .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    return new Run(r.exit(), r.out(), errors);
  }

  private Run bank(String... args) {
    List<String> all = new ArrayList<>(List.of("bank"));
    all.addAll(List.of(args));
    all.add("--db");
    all.add(db);
    return run(all.toArray(String[]::new));
  }

  private static String hex(Random r, int chars) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chars; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  private List<BankEntry> entries() {
    try (Store store = Store.open(db)) {
      return store.lists().bankEntries();
    }
  }

  /** A synthetic CSV bank of {@code n} entries of all three types. */
  private Path csvBank(String name, int n, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("signal_type,signal,label\n");
    for (int i = 0; i < n; i++) {
      HashType t = HashType.values()[i % 3];
      sb.append(t.wire()).append(',').append(hex(r, t.hexLength())).append(",placeholder-").append(i % 4).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  @Test
  void importingTwiceChangesNothingTheSecondTime() throws IOException {
    Path file = csvBank("known.csv", 30, 1);

    Run first = bank("import", "known-media", file.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("known-media: 30 added, 0 updated, 0 unchanged (1 file)\n");
    List<BankEntry> afterFirst = entries();

    Run second = bank("import", "known-media", file.toString());
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo("known-media: 0 added, 0 updated, 30 unchanged (1 file)\n");
    assertThat(entries()).isEqualTo(afterFirst);
    assertThat(afterFirst).allSatisfy(e -> assertThat(e.source()).isEqualTo("file:known.csv"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "hex", "hma"})
  void anExportImportsBackAsTheSameEntries(String format) throws IOException {
    Path file = csvBank("known.csv", 40, 2);
    assertThat(bank("import", "bank-a", file.toString(), "--label", "unused").exit()).isZero();
    assertThat(bank("disable", "bank-a", Files.readAllLines(file).get(1).split(",")[1]).exit()).isZero();

    Run export = bank("export", "bank-a", "--format", format);
    assertThat(export.exit()).as(export.err()).isZero();
    Path exported = dir.resolve("export." + format);
    Files.writeString(exported, export.out());
    Run toFile = bank("export", "bank-a", "--format", format, "--out", dir.resolve("file." + format).toString());
    assertThat(toFile.exit()).as(toFile.err()).isZero();
    assertThat(dir.resolve("file." + format)).hasContent(export.out());

    Run reimport = bank("import", "bank-b", exported.toString(), "--source", "file:known.csv");
    assertThat(reimport.exit()).as(reimport.err()).isZero();
    assertThat(reimport.out()).startsWith("bank-b: 40 added");

    List<BankEntry> a = new ArrayList<>();
    List<BankEntry> b = new ArrayList<>();
    for (BankEntry e : entries()) {
      (e.bank().equals("bank-a") ? a : b).add(e);
    }
    assertThat(b).hasSize(40);
    for (int i = 0; i < a.size(); i++) {
      BankEntry x = a.get(i);
      BankEntry y = b.get(i);
      assertThat(List.of(y.type(), y.hash())).isEqualTo(List.of(x.type(), x.hash()));
      if (!format.equals("hex")) { // hex lines carry neither label nor enabled flag
        assertThat(y.label()).isEqualTo(x.label());
        assertThat(y.enabled()).isEqualTo(x.enabled());
      }
    }
  }

  @Test
  void aDisabledEntryAndBankShowInTheListAndStayDisabledOnReimport() throws IOException {
    Path file = csvBank("known.csv", 9, 3);
    String pdq = Files.readAllLines(file).get(1).split(",")[1];
    assertThat(bank("import", "known-media", file.toString()).exit()).isZero();
    assertThat(bank("create", "memes", "--kind", "allow", "--threshold", "10", "--description", "placeholder").out())
        .isEqualTo("created bank memes: allow, threshold 10, quality floor 50, enabled\n");

    Run disable = bank("disable", "known-media", pdq);
    assertThat(disable.exit()).as(disable.err()).isZero();
    assertThat(disable.out()).isEqualTo("known-media: 1 entry disabled\n");
    assertThat(bank("disable", "memes").out()).isEqualTo("bank memes disabled\n");

    Run list = bank("list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).containsExactly(
        "BANK         KIND   THRESHOLD  QUALITY FLOOR  ENABLED  PDQ  MD5  SHA256  DISABLED ENTRIES",
        "known-media  match         31             50  yes        3    3       3                 1",
        "memes        allow         10             50  no         0    0       0                 0");

    assertThat(bank("import", "known-media", file.toString()).out()).contains("0 added, 0 updated, 9 unchanged");
    assertThat(bank("list").out()).contains("known-media  match         31             50  yes        3    3       3                 1");
    assertThat(bank("import", "known-media", file.toString(), "--enable").out()).contains("0 added, 1 updated, 8 unchanged");
    assertThat(entries()).allSatisfy(e -> assertThat(e.enabled()).isTrue());
  }

  @Test
  void unknownHashesAreNamedWithExit1AndTheOthersStillChange() throws IOException {
    Random r = new Random(4);
    String known = hex(r, 64);
    String unknown = hex(r, 32);
    Run add = bank("add", "bank-a", known, "--label", "placeholder");
    assertThat(add.out()).isEqualTo("bank-a: 1 added, 0 updated, 0 unchanged\n");

    Run disable = bank("disable", "bank-a", known, unknown);

    assertThat(disable.exit()).isEqualTo(1);
    assertThat(disable.out()).isEqualTo("bank-a: 1 entry disabled\n");
    assertThat(disable.err()).isEqualTo("ringbreaker bank disable: no entry " + unknown + " in bank bank-a\n");
    assertThat(entries()).singleElement().satisfies(e -> assertThat(e.enabled()).isFalse());
    assertThat(bank("enable", "bank-a", known).exit()).isZero();
    assertThat(entries()).singleElement().satisfies(e -> assertThat(e.enabled()).isTrue());
  }

  @Test
  void aBadFileNamesTheLineAndImportsNothing() throws IOException {
    Random r = new Random(5);
    Path good = csvBank("good.csv", 6, 6);
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, hex(r, 64) + "\n" + hex(r, 32) + "\nnot-a-hash\n" + hex(r, 31) + "\n");

    Run run = bank("import", "bank-a", good.toString(), bad.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).containsExactly(
        "ringbreaker bank import: " + bad + ":3: 'not-a-hash' is not a hex hash (2 bad lines in all; next at line 4)",
        "nothing imported");
    assertThat(entries()).isEmpty();
  }

  @Test
  void usageErrorsAreOneLineAndExit2() {
    Run badName = bank("import", "no spaces please", "x.csv");
    assertThat(badName.exit()).isEqualTo(2);
    assertThat(badName.err().strip()).startsWith("ringbreaker bank import: bank name 'no spaces please' must be");

    Run missing = bank("import", "bank-a", dir.resolve("absent.csv").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("ringbreaker bank import: cannot read bank file "
        + dir.resolve("absent.csv") + " (no such file)");

    Run badType = bank("add", "bank-a", "0".repeat(64), "--type", "tlsh");
    assertThat(badType.exit()).isEqualTo(2);
    assertThat(badType.err()).contains("'tlsh' is not one of pdq, md5, sha256");

    Run badHash = bank("add", "bank-a", "0".repeat(64), "xyz");
    assertThat(badHash.exit()).isEqualTo(2);
    assertThat(badHash.err().strip()).isEqualTo("ringbreaker bank add: hash 2: 'xyz' is not a hex hash");

    Run noBank = bank("export", "absent");
    assertThat(noBank.exit()).isEqualTo(2);
    assertThat(noBank.err().strip()).isEqualTo("ringbreaker bank export: no bank named absent (see: ringbreaker bank list)");

    Run threshold = bank("create", "bank-a", "--threshold", "99");
    assertThat(threshold.exit()).isEqualTo(2);
    assertThat(threshold.err().strip()).isEqualTo("ringbreaker bank create: bank bank-a: pdq threshold must be 0 to 63, got 99");
  }
}
