package io.ringbreaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchHashCommandTest {
  @TempDir Path dir;

  /** The small LabelMe images of the vectors and their expected-pdq.csv rows, laid out as the vectors are. */
  private Path smallVectors() throws Exception {
    Path root = dir.resolve("vectors");
    Path vectors = HashCommandTest.vectors();
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(vectors.resolve("expected-pdq.csv"), StandardCharsets.UTF_8)) {
      String path = line.substring(line.lastIndexOf(',') + 1).strip();
      if (path.startsWith("reg-test-input/labelme-subset/")) {
        rows.add(line);
        Path to = root.resolve("images").resolve(path);
        Files.createDirectories(to.getParent());
        Files.copy(vectors.resolve("images").resolve(path), to);
      }
    }
    assertThat(rows).hasSizeGreaterThan(3);
    Files.write(root.resolve("expected-pdq.csv"), rows, StandardCharsets.UTF_8);
    return root;
  }

  @Test
  void printsImagesPerSecondForEachWorkOnOneThreadAndOnTwoAfterCheckingTheHashes() throws Exception {
    Path small = smallVectors();
    long images = Files.readAllLines(small.resolve("expected-pdq.csv")).size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = new CommandLine(new BenchHashCommand())
          .execute("--dir", small.toString(), "--seconds", "0.05", "--threads", "2");
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed).startsWith("ringbreaker bench hash · ")
        .contains("images: " + images + " from " + small,
            "checked against expected-pdq.csv: " + images + " of " + images + " hashes match", "2 threads");
    for (String work : new String[] {"decode only (baseline):", "decode + hash:", "hash decoded:", "dihedral decoded:"}) {
      Matcher m = Pattern.compile(Pattern.quote(work) + "\\s+([\\d,.]+)\\s+([\\d,.]+)\\s+[\\d.]+x").matcher(printed);
      assertThat(m.find()).as(work + " in:\n" + printed).isTrue();
      assertThat(Double.parseDouble(m.group(1).replace(",", ""))).as(work + " 1 thread").isPositive();
      assertThat(Double.parseDouble(m.group(2).replace(",", ""))).as(work + " 2 threads").isPositive();
    }
  }

  @Test
  void aDirectoryWithoutImagesOrAMissingOneIsAUsageError() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "no images here");
    BenchHashCommand empty = new BenchHashCommand();
    new CommandLine(empty).parseArgs("--dir", dir.toString());
    assertThatThrownBy(empty::call).isInstanceOf(UserError.class).hasMessageStartingWith("no image files under " + dir);

    BenchHashCommand missing = new BenchHashCommand();
    new CommandLine(missing).parseArgs("--dir", dir.resolve("nope").toString());
    assertThatThrownBy(missing::call).isInstanceOf(UserError.class).hasMessage("--dir " + dir.resolve("nope") + " is not a directory");
  }

  @Test
  void helpNamesBothNewCommands() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(Main.run("bench", "hash", "--help")).isZero();
      assertThat(Main.run("hash", "--help")).isZero();
      assertThat(Main.run("--help")).isZero();
    } finally {
      System.setOut(old);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: ringbreaker bench hash [", "Usage: ringbreaker hash [", "PDQ hash and quality of image files");
  }
}
