package io.ringbreaker.detect.media.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Encoded input that must be refused with a clear PdqException, never an unchecked crash. */
class PdqInputTest {

  private static byte[] file(String path) throws Exception {
    return Files.readAllBytes(Vectors.dir().resolve("images").resolve(path));
  }

  @Test
  void aTruncatedJpegIsRefusedAsDamaged() throws Exception {
    byte[] whole = file("bridge-mods/aaa-orig.jpg");
    byte[] half = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> Pdq.hash(half))
        .isInstanceOf(PdqException.class)
        .hasMessageStartingWith("JPEG image is damaged:");
  }

  @Test
  void aTruncatedPngIsRefused() throws Exception {
    byte[] whole = file("reg-test-input/pen-and-coaster.png");
    byte[] half = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> Pdq.hash(half))
        .isInstanceOf(PdqException.class)
        .hasMessageContaining("PNG");
  }

  @Test
  void randomBytesAreNotAnImage() {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = 0x00; // make sure it cannot start with an image signature by chance

    assertThatThrownBy(() -> Pdq.hash(noise))
        .isInstanceOf(PdqException.class)
        .hasMessageStartingWith("not an image in a readable format (4096 bytes, starting 00");
  }

  @Test
  void emptyInputIsRefused() {
    assertThatThrownBy(() -> Pdq.hash(new byte[0]))
        .isInstanceOf(PdqException.class)
        .hasMessage("image is empty (0 bytes)");
  }

  @Test
  void aPngClaimingTenGigapixelsIsRefusedFromItsHeader() {
    // Header only, no pixel data at all: the only way to get this message is from the size
    // check before decoding (decoding would fail on the missing IDAT instead).
    byte[] png = pngHeaderOnly(100_000, 100_000);

    assertThatThrownBy(() -> Pdq.hash(png))
        .isInstanceOf(PdqException.class)
        .hasMessage("image is 100000x100000 pixels, over the limit of 50000000");
  }

  @Test
  void thePixelLimitIsConfigurable() throws Exception {
    byte[] jpeg = file("misc-images/wee.jpg");
    Pdq.Hash ok = Pdq.hash(jpeg);
    assertThat(ok.quality()).isBetween(0, 100);

    assertThatThrownBy(() -> Pdq.hash(jpeg, new Pdq.Limits(1 << 20, 10)))
        .isInstanceOf(PdqException.class)
        .hasMessageStartingWith("image is ")
        .hasMessageEndingWith("pixels, over the limit of 10");
  }

  @Test
  void inputOverTheByteLimitIsRefusedBeforeDecoding() throws Exception {
    byte[] jpeg = file("bridge-mods/aaa-orig.jpg");

    assertThatThrownBy(() -> Pdq.hash(jpeg, new Pdq.Limits(1000, 50_000_000)))
        .isInstanceOf(PdqException.class)
        .hasMessage("image is " + jpeg.length + " bytes, over the limit of 1000");
  }

  @Test
  void aPngWithAnImpossibleHeaderIsRefused() {
    byte[] png = pngHeaderOnly(64, 64);
    png[24] = 7; // IHDR bit depth 7 does not exist

    assertThatThrownBy(() -> Pdq.hash(png)).isInstanceOf(PdqException.class).hasMessageContaining("PNG");
  }

  /** PNG signature, an IHDR with the given size (valid CRC), and IEND. */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height);
    ihdr.put((byte) 8); // bit depth
    ihdr.put((byte) 2); // colour type: RGB
    ihdr.put((byte) 0).put((byte) 0).put((byte) 0); // compression, filter, interlace
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
