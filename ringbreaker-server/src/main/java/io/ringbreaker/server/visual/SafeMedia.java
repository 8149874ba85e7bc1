package io.ringbreaker.server.visual;

import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.media.pdq.PdqException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * Media at less exposure. The reviewer's browser gets {@link #preview} first: a small, grey,
 * heavily blurred picture from which the layout of an image can be judged but not its detail; the
 * original's pixels reach it only through {@link #reveal}, which a person asks for. Both decode
 * with {@link Pdq#decode} (size read from the header and checked before any pixel is decoded,
 * truncation refused, decode time bounded) and answer a freshly encoded PNG, so no byte of the
 * upload (its metadata, its location, a polyglot payload) is passed through.
 */
public final class SafeMedia {
  /** The long side of the grey image that is blurred: this little detail is all a preview holds. */
  static final int SMALL = 48;
  /** The long side of the preview as sent. */
  static final int PREVIEW = 240;
  /** Box-blur radius (in small pixels) and passes: three passes of a box approximate a Gaussian. */
  static final int BLUR_RADIUS = 2;
  static final int BLUR_PASSES = 3;

  private SafeMedia() {}

  /**
   * @param maxBytes      largest encoded input accepted
   * @param maxPixels     largest width × height, checked from the header before decoding
   * @param maxDecodeTime longest a decode may take
   */
  public record Limits(long maxBytes, long maxPixels, Duration maxDecodeTime) {
    /** 16 MiB, 50 megapixels, 10 s. */
    public static final Limits DEFAULTS = new Limits(16L * 1024 * 1024, 50_000_000L, Duration.ofSeconds(10));

    public Limits {
      if (maxBytes <= 0 || maxPixels <= 0 || maxDecodeTime == null || maxDecodeTime.isNegative() || maxDecodeTime.isZero()) {
        throw new IllegalArgumentException("limits must be positive, got maxBytes=" + maxBytes + " maxPixels=" + maxPixels
            + " maxDecodeTime=" + maxDecodeTime);
      }
    }

    Pdq.Limits pdq() {
      return new Pdq.Limits(maxBytes, maxPixels, maxDecodeTime);
    }
  }

  /** A grey, blurred PNG at most {@value #PREVIEW} px on its long side. */
  public static byte[] preview(byte[] image, Limits limits) throws MediaRefusedException {
    BufferedImage src = decode(image, limits);
    int w = src.getWidth();
    int h = src.getHeight();
    double scale = Math.min(1.0, (double) SMALL / Math.max(w, h));
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    float[] grey = shrinkGrey(src, sw, sh);
    for (int p = 0; p < BLUR_PASSES; p++) {
      grey = boxBlur(grey, sw, sh, true);
      grey = boxBlur(grey, sw, sh, false);
    }
    BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = ((java.awt.image.DataBufferByte) small.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) Math.round(Math.min(255, Math.max(0, grey[i])));
    }
    double up = (double) PREVIEW / Math.max(sw, sh);
    int pw = Math.max(1, (int) Math.round(sw * up));
    int ph = Math.max(1, (int) Math.round(sh * up));
    BufferedImage out = new BufferedImage(pw, ph, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(small, 0, 0, pw, ph, null);
    } finally {
      g.dispose();
    }
    return png(out);
  }

  /** The image itself, colour kept, re-encoded as PNG (transparency kept too). */
  public static byte[] reveal(byte[] image, Limits limits) throws MediaRefusedException {
    BufferedImage src = decode(image, limits);
    // Redrawn into a plain RGB(A) raster: the PNG writer takes it whatever the decoder produced (CMYK, indexed…).
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(),
        src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return png(out);
  }

  private static BufferedImage decode(byte[] image, Limits limits) throws MediaRefusedException {
    try {
      return Pdq.decode(image, limits.pdq());
    } catch (PdqException e) {
      throw new MediaRefusedException(e.getMessage(), e);
    }
  }

  /**
   * Luma (BT.601) averaged over each target pixel's box of source pixels, so every source pixel
   * counts once (no aliasing, no detail surviving between samples). Transparent parts come out
   * mid-grey. Reads a row at a time.
   */
  static float[] shrinkGrey(BufferedImage src, int sw, int sh) {
    int w = src.getWidth();
    int h = src.getHeight();
    double[] sum = new double[sw * sh];
    int[] count = new int[sw * sh];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      src.getRGB(0, y, w, 1, row, 0, w);
      int ty = (int) ((long) y * sh / h);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        double a = (argb >>> 24) / 255.0;
        double luma = 0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff);
        int t = ty * sw + (int) ((long) x * sw / w);
        sum[t] += a * luma + (1 - a) * 128;
        count[t]++;
      }
    }
    float[] out = new float[sw * sh];
    for (int i = 0; i < out.length; i++) {
      out[i] = count[i] == 0 ? 128 : (float) (sum[i] / count[i]);
    }
    return out;
  }

  /** One pass of a box blur along rows or columns, edges clamped. */
  static float[] boxBlur(float[] in, int w, int h, boolean horizontal) {
    float[] out = new float[in.length];
    int span = 2 * BLUR_RADIUS + 1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int k = -BLUR_RADIUS; k <= BLUR_RADIUS; k++) {
          int xx = horizontal ? Math.clamp(x + k, 0, w - 1) : x;
          int yy = horizontal ? y : Math.clamp(y + k, 0, h - 1);
          s += in[yy * w + xx];
        }
        out[y * w + x] = s / span;
      }
    }
    return out;
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      if (!ImageIO.write(img, "png", out)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory", e);
    }
    return out.toByteArray();
  }
}
