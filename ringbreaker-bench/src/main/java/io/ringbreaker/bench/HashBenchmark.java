package io.ringbreaker.bench;

import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.media.pdq.PdqException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PDQ hashes per second of one image of the shared vectors ({@code shared/pdq-vectors}, found
 * walking up from the working directory), one hash per operation:
 * <ul>
 *   <li>{@code decodeOnly}: the baseline, {@code javax.imageio} decoding of the file's bytes;
 *   <li>{@code decodeAndHash}: {@link Pdq#hash(byte[], Pdq.Limits)}, decoding with its guards and
 *       hashing, what hashing an upload costs;
 *   <li>{@code hashDecoded}: {@link Pdq#hash(BufferedImage)} of the already decoded image;
 *   <li>{@code dihedralDecoded}: the 8 dihedral hashes of the decoded image, from one DCT.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class HashBenchmark {

  /** The image, by its path under shared/pdq-vectors/images (the default is a 361 KB JPEG photo). */
  @Param("bridge-mods/aaa-orig.jpg")
  public String image;

  private byte[] bytes;
  private BufferedImage decoded;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    bytes = Files.readAllBytes(PdqVectors.image(image));
    decoded = ImageIO.read(new ByteArrayInputStream(bytes));
    if (decoded == null) {
      throw new IllegalStateException("javax.imageio cannot decode " + image);
    }
  }

  @Benchmark
  public BufferedImage decodeOnly() throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  @Benchmark
  public Pdq.Hash decodeAndHash() throws PdqException {
    return Pdq.hash(bytes, Pdq.Limits.DEFAULTS);
  }

  @Benchmark
  public Pdq.Hash hashDecoded() {
    return Pdq.hash(decoded);
  }

  @Benchmark
  public List<Pdq.Hash> dihedralDecoded() {
    return Pdq.dihedral(decoded);
  }
}
