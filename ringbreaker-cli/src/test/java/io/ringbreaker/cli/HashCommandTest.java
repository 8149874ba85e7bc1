package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.detect.media.pdq.PdqVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringbreaker hash} on the shared PDQ vectors, through {@link Main#run}. */
class HashCommandTest {
  @TempDir Path dir;

  record Run(int exit, List<String> out, String err) {}

  private static Run run(String... args) {
    MainTest.Run r = MainTest.run(args);
    return new Run(r.exit(), r.out().isEmpty() ? List.of() : List.of(r.out().split("\n")), r.err());
  }

  static Path vectors() {
    return PdqVectors.find(Path.of(System.getProperty("user.dir")))
        .orElseThrow(() -> new AssertionError("no shared/pdq-vectors above " + System.getProperty("user.dir")));
  }

  /** A row of an expected-*.csv: the columns before the path, and the path under images/. */
  record Expected(String columns, String path) {}

  static List<Expected> expected(String csv) throws Exception {
    List<Expected> rows = new ArrayList<>();
    for (String line : Files.readAllLines(vectors().resolve(csv), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        int comma = line.strip().lastIndexOf(',');
        rows.add(new Expected(line.strip().substring(0, comma), line.strip().substring(comma + 1)));
      }
    }
    assertThat(rows).as(csv).hasSizeGreaterThan(10);
    return rows;
  }

  private static String image(Expected e) {
    return vectors().resolve("images").resolve(e.path()).toString();
  }

  @Test
  void everyVectorHashesAsTheReferencePrintedItInInputOrder() throws Exception {
    List<Expected> rows = expected("expected-pdq.csv");

    Run r = run(args(rows.stream().map(HashCommandTest::image).toList(), "hash"));

    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsExactlyElementsOf(rows.stream().map(e -> e.columns() + "," + image(e)).toList());
  }

  @Test
  void dihedralPrintsTheEightHashesQualityAndPathOnOneLineAsTheReference() throws Exception {
    List<Expected> rows = expected("expected-pdq-dihedral.csv").subList(0, 6);

    Run r = run(args(rows.stream().map(HashCommandTest::image).toList(), "hash", "--dihedral"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsExactlyElementsOf(rows.stream().map(e -> e.columns() + "," + image(e)).toList());
  }

  @Test
  void aBrokenAndAMissingFileAreNamedOnStderrTheOthersStillHashedAndTheExitIs1() throws Exception {
    List<Expected> rows = expected("expected-pdq.csv");
    Path broken = dir.resolve("broken.jpg");
    Files.writeString(broken, "this is not a JPEG");
    Path missing = dir.resolve("missing.png");
    List<String> args = new ArrayList<>(List.of("hash", image(rows.get(0)), image(rows.get(1)), broken.toString(),
        image(rows.get(2)), missing.toString(), image(rows.get(3))));

    Run r = run(args.toArray(String[]::new));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).containsExactly(
        rows.get(0).columns() + "," + image(rows.get(0)), rows.get(1).columns() + "," + image(rows.get(1)),
        rows.get(2).columns() + "," + image(rows.get(2)), rows.get(3).columns() + "," + image(rows.get(3)));
    assertThat(r.err().lines().toList()).satisfiesExactly(
        l -> assertThat(l).startsWith("ringbreaker hash: " + broken + ": not an image in a readable format"),
        l -> assertThat(l).isEqualTo("ringbreaker hash: " + missing + ": no such file"));
  }

  @Test
  void aTruncatedJpegIsRefusedAsDamaged() throws Exception {
    Expected first = expected("expected-pdq.csv").get(0);
    byte[] whole = Files.readAllBytes(Path.of(image(first)));
    Path truncated = dir.resolve("truncated.jpg");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 3));

    Run r = run("hash", truncated.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("ringbreaker hash: " + truncated + ": JPEG image is damaged: ");
  }

  @Test
  void md5AndSha256OfTheBytesGoBeforeThePath() throws Exception {
    Expected e = expected("expected-pdq.csv").get(0);
    byte[] bytes = Files.readAllBytes(Path.of(image(e)));

    Run r = run("hash", "--sha256", "--md5", image(e));

    assertThat(r.exit()).as(r.err()).isZero();
    HexFormat hex = HexFormat.of();
    assertThat(r.out()).containsExactly(e.columns() + ","
        + hex.formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + ","
        + hex.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "," + image(e));
  }

  @Test
  void aDirectoryIsRefusedWithoutRecursiveAndWalkedInPathOrderWithIt() throws Exception {
    Path bridge = vectors().resolve("images").resolve("bridge-mods");
    List<Expected> inDir = expected("expected-pdq.csv").stream()
        .filter(e -> e.path().startsWith("bridge-mods/"))
        .sorted(java.util.Comparator.comparing(e -> vectors().resolve("images").resolve(e.path())))
        .toList();
    Files.writeString(dir.resolve("notes.txt"), "not an image: skipped by --recursive");
    Files.copy(bridge.resolve("aaa-orig.jpg"), dir.resolve("copy.jpg"));

    Run refused = run("hash", bridge.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).isEqualTo("ringbreaker hash: " + bridge
        + ": is a directory: pass --recursive to hash the image files under it" + System.lineSeparator());

    Run walked = run("hash", "--recursive", bridge.toString(), dir.toString());
    assertThat(walked.exit()).as(walked.err()).isZero();
    List<String> want = new ArrayList<>(inDir.stream().map(e -> e.columns() + "," + image(e)).toList());
    want.add(inDir.stream().filter(e -> e.path().equals("bridge-mods/aaa-orig.jpg")).findFirst().orElseThrow().columns()
        + "," + dir.resolve("copy.jpg"));
    assertThat(walked.out()).containsExactlyElementsOf(want);
  }

  @Test
  void noFileIsAUsageError() {
    Run r = run("hash");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter").contains("ringbreaker hash --help");
  }

  private static String[] args(List<String> files, String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(files);
    return all.toArray(String[]::new);
  }
}
