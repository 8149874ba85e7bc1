package io.ringbreaker.detect.media.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebP files have no reference line (the reference tool cannot decode WebP); they are the
 * same picture as modes/RGB.jpg, so they must hash close to it. Needs a WebP ImageIO plugin
 * (com.twelvemonkeys.imageio:imageio-webp) on the classpath.
 */
class PdqWebpTest {

  private static final String RGB_JPG =
      "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"misc-images/modes/F.webp", "misc-images/modes/PA.webp"})
  void webpLandsNearTheSamePictureAsJpeg(String path) throws Exception {
    assumeTrue(
        ImageIO.getImageReadersByFormatName("webp").hasNext(),
        "skipped: no WebP reader for javax.imageio on the classpath"
            + " (add com.twelvemonkeys.imageio:imageio-webp:3.12.0)");
    byte[] webp = Files.readAllBytes(Vectors.dir().resolve("images").resolve(path));

    Pdq.Hash h = Pdq.hash(webp);

    assertThat(h.distance(Pdq.Hash.fromHex(RGB_JPG))).isLessThanOrEqualTo(8);
    assertThat(h.quality()).isGreaterThanOrEqualTo(Pdq.MIN_USEFUL_QUALITY);
  }
}
