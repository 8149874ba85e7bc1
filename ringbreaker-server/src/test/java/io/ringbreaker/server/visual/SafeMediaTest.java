package io.ringbreaker.server.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SafeMediaTest {

  /** Red and blue stripes one pixel wide on a green field with a yellow disc: colour and fine detail. */
  static BufferedImage shapes(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x2e8b57));
    g.fillRect(0, 0, w, h);
    for (int x = 0; x < w / 2; x += 2) {
      g.setColor(Color.RED);
      g.drawLine(x, 0, x, h);
      g.setColor(Color.BLUE);
      g.drawLine(x + 1, 0, x + 1, h);
    }
    g.setColor(Color.YELLOW);
    g.fillOval(w / 2, h / 4, w / 3, h / 2);
    g.dispose();
    return img;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static byte[] jpeg(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  static BufferedImage read(byte[] png) throws IOException {
    assertThat(Arrays.copyOf(png, 8)).as("PNG signature")
        .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void thePreviewIsSmallGreyAndBlurred() throws Exception {
    byte[] preview = SafeMedia.preview(png(shapes(1200, 800)), SafeMedia.Limits.DEFAULTS);
    BufferedImage p = read(preview);
    assertThat(p.getWidth()).isEqualTo(240);
    assertThat(p.getHeight()).isEqualTo(160);
    int minStripes = 255;
    int maxStripes = 0;
    for (int y = 0; y < p.getHeight(); y++) {
      for (int x = 0; x < p.getWidth(); x++) {
        int rgb = p.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        assertThat((rgb >> 8) & 0xff).isEqualTo(r);
        assertThat(rgb & 0xff).isEqualTo(r);
        if (x > 30 && x < 90 && y > 20 && y < 140) {
          minStripes = Math.min(minStripes, r);
          maxStripes = Math.max(maxStripes, r);
        }
      }
    }
    // One-pixel red/blue stripes (luma 76 and 29) are gone: what remains is one even grey.
    assertThat(maxStripes - minStripes).as("no stripe survives").isLessThanOrEqualTo(3);
    // The disc is still there as a lighter blob, so the reviewer can judge the layout.
    assertThat(p.getRGB(180, 80) & 0xff).isGreaterThan(p.getRGB(60, 80) & 0xff + 40);
    assertThat(SafeMedia.preview(png(shapes(1200, 800)), SafeMedia.Limits.DEFAULTS)).isEqualTo(preview);
  }

  @Test
  void aSmallOrTallImageStillPreviewsAt240OnItsLongSide() throws Exception {
    BufferedImage tall = read(SafeMedia.preview(jpeg(shapes(30, 90)), SafeMedia.Limits.DEFAULTS));
    assertThat(tall.getHeight()).isEqualTo(240);
    assertThat(tall.getWidth()).isEqualTo(80);
    BufferedImage dot = read(SafeMedia.preview(png(shapes(1, 1)), SafeMedia.Limits.DEFAULTS));
    assertThat(dot.getWidth()).isEqualTo(240);
  }

  @Test
  void theRevealKeepsColourAndDropsEverythingElse() throws Exception {
    BufferedImage src = shapes(300, 200);
    byte[] jpegBytes = jpeg(src);
    byte[] revealed = SafeMedia.reveal(png(src), SafeMedia.Limits.DEFAULTS);
    BufferedImage r = read(revealed);
    assertThat(r.getWidth()).isEqualTo(300);
    assertThat(r.getRGB(0, 10) & 0xffffff).isEqualTo(0xff0000);
    assertThat(r.getRGB(1, 10) & 0xffffff).isEqualTo(0x0000ff);
    assertThat(r.getRGB(200, 100) & 0xffffff).isEqualTo(0xffff00);
    assertThat(read(SafeMedia.reveal(jpegBytes, SafeMedia.Limits.DEFAULTS)).getWidth()).isEqualTo(300);
  }

  @Test
  void aTruncatedPngIsRefused() throws Exception {
    byte[] whole = png(shapes(400, 300));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> SafeMedia.preview(cut, SafeMedia.Limits.DEFAULTS))
        .isInstanceOf(MediaRefusedException.class).hasMessageContaining("cannot decode the PNG image (400x300)");
    assertThatThrownBy(() -> SafeMedia.reveal(cut, SafeMedia.Limits.DEFAULTS))
        .isInstanceOf(MediaRefusedException.class).hasMessageContaining("PNG");
  }

  /** A PNG signature and an IHDR claiming 100000 × 100000 (10 gigapixels), with a valid CRC and no pixels. */
  static byte[] forgedBomb() {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array())
        .putInt((int) crc.getValue());
    b.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
    return b.array();
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> SafeMedia.preview(forgedBomb(), SafeMedia.Limits.DEFAULTS))
        .isInstanceOf(MediaRefusedException.class)
        .hasMessage("image is 100000x100000 pixels, over the limit of 50000000");
    assertThatThrownBy(() -> SafeMedia.reveal(forgedBomb(), SafeMedia.Limits.DEFAULTS))
        .isInstanceOf(MediaRefusedException.class).hasMessageContaining("over the limit of 50000000");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void tooManyBytesNothingAtAllAndNotAnImageAreRefusedByName() throws Exception {
    byte[] big = new byte[16 * 1024 * 1024 + 1];
    assertThatThrownBy(() -> SafeMedia.preview(big, SafeMedia.Limits.DEFAULTS))
        .hasMessage("image is 16777217 bytes, over the limit of 16777216");
    assertThatThrownBy(() -> SafeMedia.preview(new byte[0], SafeMedia.Limits.DEFAULTS))
        .hasMessage("image is empty (0 bytes)");
    assertThatThrownBy(() -> SafeMedia.reveal("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8),
        SafeMedia.Limits.DEFAULTS)).isInstanceOf(MediaRefusedException.class)
        .hasMessageStartingWith("not an image in a readable format (21 bytes, starting 3c737667206f6e6c)");
    SafeMedia.Limits tight = new SafeMedia.Limits(1_000_000, 10_000, Duration.ofSeconds(5));
    assertThatThrownBy(() -> SafeMedia.reveal(png(shapes(200, 100)), tight)).hasMessage(
        "image is 200x100 pixels, over the limit of 10000");
    assertThatThrownBy(() -> new SafeMedia.Limits(0, 1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
