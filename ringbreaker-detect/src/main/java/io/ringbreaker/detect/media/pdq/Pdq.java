package io.ringbreaker.detect.media.pdq;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Meta's PDQ perceptual hash (256 bits plus a 0..100 quality), bit-for-bit compatible with the
 * reference Java implementation when the image is decoded by {@code javax.imageio}.
 *
 * <p>Pipeline: luminance from {@link BufferedImage#getRGB} (alpha ignored, as the reference does),
 * two X/Y passes of a box filter (a tent filter, after Jarosz), decimation to 64x64, a quality score
 * from the 64x64 gradients, a 16x16 DCT (frequencies 1..16, the DC row/column left out), and one
 * bit per coefficient: above the median or not. The arithmetic is in {@code float} in the same
 * order as the reference, because the bits depend on it.
 *
 * <p>Decoding bytes is guarded: a byte limit, and a pixel limit checked from the image header
 * before any pixel is allocated. There is no decode-time limit here (no threads are spawned);
 * callers that need one should run {@link #hash(byte[])} on a worker with a deadline.
 */
public final class Pdq {

  /** Hashes below this quality are too weak to act on (the reference's convention). */
  public static final int MIN_USEFUL_QUALITY = 50;

  /** Two hashes within this Hamming distance are a match (the reference's convention). */
  public static final int MATCH_DISTANCE = 31;

  private Pdq() {}

  /**
   * Limits on encoded input.
   *
   * @param maxBytes largest encoded input accepted
   * @param maxPixels largest width x height accepted, checked before decoding
   * @param maxDecodeTime longest a decode may take; the reader is aborted past it
   */
  public record Limits(long maxBytes, long maxPixels, Duration maxDecodeTime) {
    public static final Duration DEFAULT_DECODE_TIME = Duration.ofSeconds(10);
    public static final Limits DEFAULTS = new Limits(32L * 1024 * 1024, 50_000_000L);

    public Limits {
      if (maxBytes <= 0 || maxPixels <= 0 || maxDecodeTime == null || maxDecodeTime.isNegative()
          || maxDecodeTime.isZero()) {
        throw new IllegalArgumentException("limits must be positive, got maxBytes=" + maxBytes
            + " maxPixels=" + maxPixels + " maxDecodeTime=" + maxDecodeTime);
      }
    }

    public Limits(long maxBytes, long maxPixels) {
      this(maxBytes, maxPixels, DEFAULT_DECODE_TIME);
    }
  }

  /**
   * A 256-bit PDQ hash and its quality. {@code bits} are the hex string's bytes, most significant
   * first (so {@code hex()} is the reference's text form). Arrays are copied in and out.
   */
  public record Hash(byte[] bits, int quality) {
    static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    public Hash {
      if (bits == null || bits.length != BYTES) {
        throw new IllegalArgumentException(
            "a PDQ hash has 32 bytes, got " + (bits == null ? "null" : bits.length));
      }
      if (quality < 0 || quality > 100) {
        throw new IllegalArgumentException("PDQ quality is 0..100, got " + quality);
      }
      bits = bits.clone();
    }

    @Override
    public byte[] bits() {
      return bits.clone();
    }

    /** 64 lowercase hex digits, as the reference prints. */
    public String hex() {
      return HEX.formatHex(bits);
    }

    /** Hamming distance over the 256 bits (quality is not compared). */
    public int distance(Hash other) {
      int d = 0;
      for (int i = 0; i < BYTES; i++) {
        d += Integer.bitCount((bits[i] ^ other.bits[i]) & 0xff);
      }
      return d;
    }

    /** Within {@link #MATCH_DISTANCE}. */
    public boolean matches(Hash other) {
      return distance(other) <= MATCH_DISTANCE;
    }

    /**
     * Parses 64 hex digits. Hash lists carry no quality, so the result has quality 100: check
     * quality on the hash of the image being looked up, not on list entries.
     */
    public static Hash fromHex(String hex) {
      return fromHex(hex, 100);
    }

    public static Hash fromHex(String hex, int quality) {
      if (hex == null || hex.length() != 2 * BYTES) {
        throw new IllegalArgumentException(
            "a PDQ hash is 64 hex digits, got "
                + (hex == null ? "null" : hex.length() + " characters"));
      }
      byte[] b;
      try {
        b = HEX.parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a PDQ hash is 64 hex digits, got \"" + hex + "\"", e);
      }
      return new Hash(b, quality);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hash h && quality == h.quality && Arrays.equals(bits, h.bits);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(bits) + quality;
    }

    @Override
    public String toString() {
      return "Hash[" + hex() + ", quality=" + quality + "]";
    }
  }

  // ---------------------------------------------------------------- public entry points

  public static Hash hash(BufferedImage img) {
    float[][] dct = new float[16][16];
    int quality = dct16(img, dct);
    return toHash(dct, quality);
  }

  /**
   * The 8 dihedral hashes, from one DCT: original, rotate 90, rotate 180, rotate 270, flip x,
   * flip y, flip +1 (transpose), flip -1 (anti-transpose).
   */
  public static List<Hash> dihedral(BufferedImage img) {
    float[][] dct = new float[16][16];
    int quality = dct16(img, dct);
    List<Hash> out = new ArrayList<>(8);
    for (Dihedral d : Dihedral.values()) {
      out.add(toHash(d.apply(dct), quality));
    }
    return List.copyOf(out);
  }

  /** Decodes with {@code javax.imageio} under {@link Limits#DEFAULTS}, then hashes. */
  public static Hash hash(byte[] encodedImage) throws PdqException {
    return hash(encodedImage, Limits.DEFAULTS);
  }

  public static Hash hash(byte[] encodedImage, Limits limits) throws PdqException {
    return hash(decode(encodedImage, limits));
  }

  public static List<Hash> dihedral(byte[] encodedImage, Limits limits) throws PdqException {
    return dihedral(decode(encodedImage, limits));
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Same reader and default read parameters as {@link ImageIO#read}, so the pixels (and hashes)
   * are the same; but the size is checked from the header first, and a truncation warning is
   * treated as damage. Public for whoever else must decode untrusted images under the same limits
   * (the review console's blurred previews).
   */
  public static BufferedImage decode(byte[] encoded, Limits limits) throws PdqException {
    if (encoded == null || encoded.length == 0) {
      throw new PdqException("image is empty (0 bytes)");
    }
    if (encoded.length > limits.maxBytes()) {
      throw new PdqException(
          "image is " + encoded.length + " bytes, over the limit of " + limits.maxBytes());
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new PdqException(
            "not an image in a readable format (" + encoded.length + " bytes, starting "
                + HexFormat.of().formatHex(encoded, 0, Math.min(8, encoded.length)) + ")");
      }
      ImageReader reader = readers.next();
      String format = format(reader);
      try {
        reader.setInput(in, true, true);
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw new PdqException(
              "cannot read the " + format + " header: " + describe(e), e);
        }
        if (width <= 0 || height <= 0) {
          throw new PdqException(format + " header gives a size of " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
          throw new PdqException(
              "image is " + width + "x" + height + " pixels, over the limit of "
                  + limits.maxPixels());
        }
        List<String> warnings = new ArrayList<>(1);
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        reader.addIIOReadWarningListener(listener);
        Deadline deadline = new Deadline(System.nanoTime() + limits.maxDecodeTime().toNanos());
        reader.addIIOReadProgressListener(deadline);
        BufferedImage img;
        try {
          img = reader.read(0, reader.getDefaultReadParam());
        } catch (IOException | RuntimeException e) {
          throw new PdqException(
              "cannot decode the " + format + " image (" + width + "x" + height + "): "
                  + describe(e), e);
        }
        if (deadline.aborted) {
          throw new PdqException("decoding the " + format + " image (" + width + "x" + height
              + ") took longer than the limit of " + limits.maxDecodeTime().toMillis() + " ms");
        }
        List<String> damage = warnings.stream().filter(Pdq::isTruncation).toList();
        if (!damage.isEmpty()) {
          throw new PdqException(format + " image is damaged: " + String.join("; ", damage));
        }
        return img;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new PdqException("cannot read the image bytes: " + describe(e), e);
    }
  }

  /**
   * Aborts a decode past its deadline. Readers report progress as they go (per band of rows), so
   * the check costs nothing and needs no watchdog thread.
   */
  private static final class Deadline implements IIOReadProgressListener {
    private final long deadlineNanos;
    boolean aborted;

    Deadline(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
      if (System.nanoTime() - deadlineNanos > 0) {
        aborted = true;
        source.abort();
      }
    }

    @Override
    public void readAborted(ImageReader source) {
      aborted = true;
    }

    @Override public void sequenceStarted(ImageReader source, int minIndex) {}
    @Override public void sequenceComplete(ImageReader source) {}
    @Override public void imageStarted(ImageReader source, int imageIndex) {}
    @Override public void imageComplete(ImageReader source) {}
    @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}
    @Override public void thumbnailProgress(ImageReader source, float percentageDone) {}
    @Override public void thumbnailComplete(ImageReader source) {}
  }

  /**
   * A truncated JPEG decodes with only a warning (the missing part comes out grey), so such
   * warnings are refused. Other warnings (extraneous bytes, a missing colour profile) are common
   * in real uploads whose pixels are fine, so they are let through, as {@link ImageIO#read} does.
   */
  private static boolean isTruncation(String warning) {
    String w = warning.toLowerCase(java.util.Locale.ROOT);
    return w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi");
  }

  private static String format(ImageReader reader) {
    try {
      return reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
    } catch (IOException e) {
      return "image";
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  // ---------------------------------------------------------------- the hash

  private static final float LUMA_R = (float) 0.299;
  private static final float LUMA_G = (float) 0.587;
  private static final float LUMA_B = (float) 0.114;

  /** Half a 64th of the dimension per pass, rounded up: two passes then span a full 64th. */
  private static final int WINDOW_DIVISOR = 128;

  private static final int PASSES = 2;

  /** Rows 1..16 of the 64-point DCT-II basis, scaled by sqrt(2/64), computed as the reference. */
  private static final float[][] DCT = dctMatrix();

  private static float[][] dctMatrix() {
    float scale = (float) Math.sqrt(2.0 / 64.0);
    float[][] d = new float[16][64];
    for (int u = 0; u < 16; u++) {
      for (int x = 0; x < 64; x++) {
        // Same expression order as the reference: the float bits depend on it.
        d[u][x] = (float) (scale * Math.cos((Math.PI / 2 / 64.0) * (u + 1) * (2 * x + 1)));
      }
    }
    return d;
  }

  /** Fills {@code out} with the 16x16 DCT of the image and returns the quality. */
  private static int dct16(BufferedImage img, float[][] out) {
    int h = img.getHeight();
    int w = img.getWidth();
    float[] a = luma(img, w, h);
    float[] b = new float[a.length];

    int rowWindow = (w + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
    int colWindow = (h + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR;
    for (int pass = 0; pass < PASSES; pass++) {
      for (int y = 0; y < h; y++) {
        box(a, b, y * w, 1, w, rowWindow);
      }
      for (int x = 0; x < w; x++) {
        box(b, a, x, w, h, colWindow);
      }
    }

    float[][] small = new float[64][64];
    for (int i = 0; i < 64; i++) {
      int y = (int) (((i + 0.5) * h) / 64); // sample at block centres
      for (int j = 0; j < 64; j++) {
        int x = (int) (((j + 0.5) * w) / 64);
        small[i][j] = a[y * w + x];
      }
    }

    int quality = quality(small);

    float[][] t = new float[16][64];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 64; j++) {
        float s = 0.0f;
        for (int k = 0; k < 64; k++) {
          s += DCT[i][k] * small[k][j];
        }
        t[i][j] = s;
      }
    }
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        float s = 0.0f;
        for (int k = 0; k < 64; k++) {
          s += t[i][k] * DCT[j][k];
        }
        out[i][j] = s;
      }
    }
    return quality;
  }

  private static float[] luma(BufferedImage img, int w, int h) {
    float[] luma = new float[Math.multiplyExact(w, h)];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      // Bulk getRGB goes through the same ColorModel conversion as per-pixel getRGB.
      img.getRGB(0, y, w, 1, row, 0, w);
      int base = y * w;
      for (int x = 0; x < w; x++) {
        int rgb = row[x];
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int bl = rgb & 0xff;
        luma[base + x] = LUMA_R * r + LUMA_G * g + LUMA_B * bl;
      }
    }
    return luma;
  }

  /**
   * One box-filter pass along a line of {@code n} samples ({@code stride} apart, from
   * {@code start}), window {@code window} centred, shrinking at the edges. The running sum adds
   * the incoming sample before dropping the outgoing one, and divides by the live count: the
   * reference's order, kept for bit-exactness.
   */
  private static void box(float[] in, float[] out, int start, int stride, int n, int window) {
    int lead = (window + 2) / 2 - 1; // samples summed before the first output
    float sum = 0.0f;
    int count = 0;
    int next = 0; // next sample to add
    int drop = 0; // next sample to drop
    for (; next < lead; next++) {
      sum += in[start + next * stride];
      count++;
    }
    for (int o = 0; o < n; o++) {
      if (next < n) {
        sum += in[start + next * stride];
        next++;
        if (count < window) {
          count++;
        } else {
          sum -= in[start + drop * stride];
          drop++;
        }
      } else {
        sum -= in[start + drop * stride];
        drop++;
        count--;
      }
      out[start + o * stride] = sum / count;
    }
  }

  /** Sum of quantised neighbour differences on the 64x64, scaled to 0..100. */
  private static int quality(float[][] s) {
    int gradients = 0;
    for (int i = 0; i < 63; i++) {
      for (int j = 0; j < 64; j++) {
        gradients += Math.abs((int) (((s[i][j] - s[i + 1][j]) * 100) / 255));
      }
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 63; j++) {
        gradients += Math.abs((int) (((s[i][j] - s[i][j + 1]) * 100) / 255));
      }
    }
    return Math.min(gradients / 90, 100);
  }

  /**
   * Bit {@code 16*i + j} is set when coefficient (i, j) is above the median, the 128th smallest
   * of the 256 (what the reference's Torben median returns). Bit k is bit k of the hex string read
   * as one big-endian number.
   */
  private static Hash toHash(float[][] dct, int quality) {
    float[] sorted = new float[256];
    for (int i = 0; i < 16; i++) {
      System.arraycopy(dct[i], 0, sorted, 16 * i, 16);
    }
    Arrays.sort(sorted);
    float median = sorted[127];
    byte[] bits = new byte[Hash.BYTES];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        if (dct[i][j] > median) {
          int k = 16 * i + j;
          bits[Hash.BYTES - 1 - (k >> 3)] |= (byte) (1 << (k & 7));
        }
      }
    }
    return new Hash(bits, quality);
  }

  /**
   * Dihedral transforms in the DCT domain: a flip along an axis negates the odd frequencies
   * (index 0 here is frequency 1, so the even indices) of that axis; a transpose swaps the axes.
   */
  private enum Dihedral {
    ORIGINAL(false, 0),
    ROTATE_90(true, 1),
    ROTATE_180(false, 2),
    ROTATE_270(true, 3),
    FLIP_X(false, 4),
    FLIP_Y(false, 5),
    FLIP_PLUS_1(true, 6),
    FLIP_MINUS_1(true, 7);

    private final boolean transpose;
    private final int kind;

    Dihedral(boolean transpose, int kind) {
      this.transpose = transpose;
      this.kind = kind;
    }

    float[][] apply(float[][] a) {
      float[][] b = new float[16][16];
      for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 16; j++) {
          boolean negate =
              switch (kind) {
                case 1 -> (j & 1) == 0;
                case 2 -> ((i + j) & 1) != 0;
                case 3 -> (i & 1) == 0;
                case 4 -> (i & 1) == 0;
                case 5 -> (j & 1) == 0;
                case 7 -> ((i + j) & 1) != 0;
                default -> false;
              };
          float v = negate ? -a[i][j] : a[i][j];
          if (transpose) {
            b[j][i] = v;
          } else {
            b[i][j] = v;
          }
        }
      }
      return b;
    }
  }
}
