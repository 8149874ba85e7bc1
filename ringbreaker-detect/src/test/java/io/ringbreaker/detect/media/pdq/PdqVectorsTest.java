package io.ringbreaker.detect.media.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference implementation's own outputs, reproduced bit for bit. */
class PdqVectorsTest {

  static Path vectors() {
    return Vectors.dir();
  }

  static Stream<Arguments> single() throws IOException {
    return lines("expected-pdq.csv").stream()
        .map(l -> l.split(",", -1))
        .map(f -> Arguments.of(f[2], f[0], Integer.parseInt(f[1])));
  }

  static Stream<Arguments> dihedral() throws IOException {
    return lines("expected-pdq-dihedral.csv").stream()
        .map(l -> l.split(",", -1))
        .map(f -> Arguments.of(f[9], List.of(Arrays.copyOf(f, 8)), Integer.parseInt(f[8])));
  }

  private static List<String> lines(String name) throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(vectors().resolve(name), StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  private static BufferedImage read(String path) throws IOException {
    Path file = vectors().resolve("images").resolve(path);
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(img).as("javax.imageio decodes %s", file).isNotNull();
    return img;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("single")
  void hashAndQualityMatchTheReference(String path, String hex, int quality) throws Exception {
    Pdq.Hash fromImage = Pdq.hash(read(path));
    assertThat(fromImage.hex()).isEqualTo(hex);
    assertThat(fromImage.quality()).isEqualTo(quality);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("single")
  void hashingTheFileBytesGivesTheSameHash(String path, String hex, int quality) throws Exception {
    byte[] bytes = Files.readAllBytes(vectors().resolve("images").resolve(path));
    Pdq.Hash h = Pdq.hash(bytes);
    assertThat(h.hex()).isEqualTo(hex);
    assertThat(h.quality()).isEqualTo(quality);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dihedral")
  void allEightDihedralHashesMatchTheReference(String path, List<String> hexes, int quality)
      throws Exception {
    List<Pdq.Hash> hashes = Pdq.dihedral(read(path));
    assertThat(hashes).extracting(Pdq.Hash::hex).containsExactlyElementsOf(hexes);
    assertThat(hashes).extracting(Pdq.Hash::quality).containsOnly(quality);
  }

  @Test
  void theDihedralImagesHashToTheTransformsOfTheOriginal() throws Exception {
    // bridge-2..8 are the rotated/flipped files of bridge-1: each lands near the matching
    // transform computed from the original's DCT.
    List<Pdq.Hash> fromOriginal = Pdq.dihedral(read("reg-test-input/dih/bridge-1-original.jpg"));
    String[] files = {
      "bridge-1-original", "bridge-2-rotate-90", "bridge-3-rotate-180", "bridge-4-rotate-270",
      "bridge-5-flipx", "bridge-6-flipy", "bridge-7-flip-plus-1", "bridge-8-flip-minus-1"
    };
    for (int i = 0; i < files.length; i++) {
      Pdq.Hash direct = Pdq.hash(read("reg-test-input/dih/" + files[i] + ".jpg"));
      assertThat(direct.distance(fromOriginal.get(i))).as(files[i]).isLessThanOrEqualTo(Pdq.MATCH_DISTANCE);
    }
  }

  @Test
  void theVectorsAreFoundInTheNearestDirectoryAboveThatHasThem(@TempDir Path dir) throws IOException {
    Path outer = Files.createDirectories(dir.resolve("shared/pdq-vectors"));
    Path inner = Files.createDirectories(dir.resolve("a/shared/pdq-vectors"));
    Path deep = Files.createDirectories(dir.resolve("a/b/c"));
    Files.createDirectories(dir.resolve("x/shared"));
    Files.writeString(dir.resolve("x/shared/pdq-vectors"), "a file, not the vectors");

    assertThat(PdqVectors.find(deep)).contains(inner);
    assertThat(PdqVectors.find(dir.resolve("a"))).contains(inner);
    assertThat(PdqVectors.find(dir)).contains(outer);
    assertThat(PdqVectors.find(dir.resolve("x"))).contains(outer);
  }
}
