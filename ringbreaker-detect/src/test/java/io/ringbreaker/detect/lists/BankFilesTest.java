package io.ringbreaker.detect.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringbreaker.detect.lists.BankFiles.Format;
import io.ringbreaker.detect.lists.BankFiles.Options;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BankFilesTest {
  @TempDir Path dir;

  private static final Instant ADDED = Instant.parse("2024-03-01T10:00:00Z");
  private static final Options OPTIONS = new Options("bank-a", Optional.empty(), "default label", "file:x", ADDED);

  private static String hex(Random r, int chars) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chars; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static List<BankEntry> read(Path p, Options options) {
    List<BankEntry> out = new ArrayList<>();
    BankFiles.read(p, BankFiles.detect(p), options, out::add);
    return out;
  }

  @Test
  void hexLinesInferTheTypeFromTheLengthAndSkipBlanksAndComments() throws IOException {
    Random r = new Random(1);
    String pdq = hex(r, 64);
    String md5 = hex(r, 32);
    String sha = hex(r, 64);
    Path p = file("bank.txt", "# synthetic hashes\n\n" + pdq.toUpperCase() + "\n  " + md5 + "  \nsha256 " + sha
        + "\nvideo_md5 " + md5 + "\n");

    assertThat(BankFiles.detect(p)).isEqualTo(Format.HEX);
    assertThat(read(p, OPTIONS)).containsExactly(
        new BankEntry("bank-a", HashType.PDQ, pdq, "default label", "file:x", ADDED, true),
        new BankEntry("bank-a", HashType.MD5, md5, "default label", "file:x", ADDED, true),
        new BankEntry("bank-a", HashType.SHA256, sha, "default label", "file:x", ADDED, true),
        new BankEntry("bank-a", HashType.MD5, md5, "default label", "file:x", ADDED, true));
  }

  @Test
  void hexLinesTakeTheCallersTypeAndRefuseAnother() throws IOException {
    Random r = new Random(2);
    String sha = hex(r, 64);
    Path p = file("bank.txt", sha + "\npdq " + hex(r, 64) + "\n" + hex(r, 32) + "\n");
    Options sha256 = new Options("bank-a", Optional.of(HashType.SHA256), "", "", ADDED);

    BankFiles.Checked checked = BankFiles.check(p, Optional.empty(), sha256, 10);

    assertThat(checked.entries()).isEqualTo(1);
    assertThat(checked.firstProblems()).extracting(Object::toString).containsExactly(
        p + ":2: the line says pdq but the type given is sha256",
        p + ":3: a sha256 hash is 64 hex characters, '" + Files.readAllLines(p).get(2) + "' is 32");
  }

  @Test
  void everyBadLineIsNamedInTheFirstPass() throws IOException {
    Random r = new Random(3);
    Path p = file("bank.txt", hex(r, 64) + "\nnot-a-hash\n" + hex(r, 40) + "\nurl " + hex(r, 64) + "\n"
        + "a b c\n" + hex(r, 32) + "\n");

    BankFiles.Checked checked = BankFiles.check(p, Optional.empty(), OPTIONS, 3);

    assertThat(checked.ok()).isFalse();
    assertThat(checked.entries()).isEqualTo(2);
    assertThat(checked.problems()).isEqualTo(4);
    assertThat(checked.firstProblems()).extracting(BankFiles.Problem::line).containsExactly(2L, 3L, 4L);
    assertThat(checked.firstProblems().get(0).toString()).isEqualTo(p + ":2: 'not-a-hash' is not a hex hash");
    assertThat(checked.firstProblems().get(1).what()).contains("40 hex characters");
    assertThat(checked.firstProblems().get(2).what()).contains("'url' is not a hash type");
    assertThat(checked.message()).isEqualTo(p + ":2: 'not-a-hash' is not a hex hash (4 bad lines in all; next at lines 3, 4, …)");
    assertThatThrownBy(() -> read(p, OPTIONS)).isInstanceOf(ListFormatException.class)
        .hasMessage(p + ":2: 'not-a-hash' is not a hex hash");
  }

  @Test
  void csvRowsCarryTheirTypeLabelAndEnabledFlag() throws IOException {
    Random r = new Random(4);
    String pdq = hex(r, 64);
    String md5 = hex(r, 32);
    Path p = file("bank.csv", "signal_type,signal,label,enabled\npdq," + pdq + ",\"placeholder, quoted\",true\n\n"
        + "MD5," + md5.toUpperCase() + ",,false\n");

    assertThat(BankFiles.detect(p)).isEqualTo(Format.CSV);
    assertThat(read(p, OPTIONS)).containsExactly(
        new BankEntry("bank-a", HashType.PDQ, pdq, "placeholder, quoted", "file:x", ADDED, true),
        new BankEntry("bank-a", HashType.MD5, md5, "default label", "file:x", ADDED, false));
  }

  @Test
  void csvProblemsNameTheLine() throws IOException {
    Random r = new Random(5);
    Path p = file("bank.csv", "signal_type,signal,label\npdq," + hex(r, 64) + ",x\ntlsh," + hex(r, 64)
        + ",x\nmd5," + hex(r, 64) + ",x\n");
    BankFiles.Checked checked = BankFiles.check(p, Optional.empty(), OPTIONS, 10);
    assertThat(checked.firstProblems()).extracting(Object::toString).containsExactly(
        p + ":3: signal_type 'tlsh' is not one of pdq, md5, sha256",
        p + ":4: signal: a md5 hash is 32 hex characters, '" + Files.readAllLines(p).get(3).split(",")[1] + "' is 64");

    Path wrongHeader = file("wrong.csv", "hash,label\n" + hex(r, 64) + ",x\n");
    assertThat(BankFiles.check(wrongHeader, Optional.empty(), OPTIONS, 10).message())
        .isEqualTo(wrongHeader + ":1: header must be signal_type,signal,label (missing signal_type, signal)");
  }

  @Test
  void hmaCsvIsReadAsPythonThreatexchangeWritesIt() throws IOException {
    Random r = new Random(6);
    String pdq = hex(r, 64);
    String md5 = hex(r, 32);
    String sha = hex(r, 64);
    Path p = file("dataset.csv", "collab,signal_type,signal_str,category,tags\n"
        + "Sample Collab,pdq," + pdq + ",TRUE_POSITIVE,placeholder_tag other_tag\n"
        + "Sample Collab,video_md5," + md5 + ",FALSE_POSITIVE,\n"
        + "Sample Collab,video_sha256," + sha + ",WORTH_INVESTIGATING,x\n");

    assertThat(BankFiles.detect(p)).isEqualTo(Format.HMA);
    assertThat(read(p, OPTIONS)).containsExactly(
        new BankEntry("bank-a", HashType.PDQ, pdq, "placeholder_tag other_tag", "file:x", ADDED, true),
        new BankEntry("bank-a", HashType.MD5, md5, "default label", "file:x", ADDED, false),
        new BankEntry("bank-a", HashType.SHA256, sha, "x", "file:x", ADDED, true));

    Path bad = file("bad.csv", "collab,signal_type,signal_str,category,tags\nc,raw_text,hello,TRUE_POSITIVE,\n"
        + "c,pdq," + pdq + ",MAYBE,\n");
    assertThat(BankFiles.check(bad, Optional.empty(), OPTIONS, 10).firstProblems()).extracting(Object::toString)
        .containsExactly(bad + ":2: signal_type 'raw_text' is not one of pdq, video_md5, video_sha256",
            bad + ":3: category 'MAYBE' is not one of TRUE_POSITIVE, WORTH_INVESTIGATING, FALSE_POSITIVE");
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void whatIsWrittenReadsBackTheSame(Format format) throws IOException {
    Random r = new Random(7);
    List<BankEntry> entries = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HashType type = HashType.values()[i % 3];
      String label = format == Format.HEX ? "default label" : i % 5 == 0 ? "placeholder, with \"quotes\"" : "label-" + i;
      boolean enabled = format == Format.HEX || i % 7 != 0;
      entries.add(new BankEntry("bank-a", type, hex(r, type.hexLength()), label, "file:x", ADDED, enabled));
    }
    Path p = dir.resolve("out." + format.wire());
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      BankFiles.BankWriter writer = BankFiles.writer(format, w);
      entries.forEach(writer::write);
      writer.finish();
    }

    assertThat(BankFiles.detect(p)).isEqualTo(format);
    assertThat(read(p, OPTIONS)).isEqualTo(entries);
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"CSV", "HMA"})
  void anEmptyExportIsAHeaderThatReadsBackAsNothing(Format format) throws IOException {
    StringWriter w = new StringWriter();
    BankFiles.writer(format, w).finish();
    Path p = file("empty.csv", w.toString());
    assertThat(BankFiles.detect(p)).isEqualTo(format);
    assertThat(read(p, OPTIONS)).isEmpty();
  }

  @Test
  void theBankCsvOfScanStillReads() {
    List<BankEntry> entries = ListFiles.readBank(new java.io.StringReader(
        "signal_type,signal,label\nmd5," + "0".repeat(32) + ",placeholder\n"), "bank.csv", "known");
    assertThat(entries).containsExactly(BankEntry.of("known", HashType.MD5, "0".repeat(32), "placeholder"));
  }
}
