package io.ringbreaker.detect.media;

import io.ringbreaker.detect.media.pdq.Pdq;
import io.ringbreaker.detect.media.pdq.PdqException;
import io.ringbreaker.model.Media;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The hashes of one media item, from the platform's own or from its bytes (the hasher's role).
 * {@code pdq} holds the 8 dihedral hashes (original first, in {@link #VARIANTS} order) when the
 * bytes were decoded, or the platform's single hash; {@code problem} says why bytes that were
 * there could not be hashed.
 */
public record MediaHashes(Optional<String> md5, Optional<String> sha256, List<Pdq.Hash> pdq,
                          OptionalInt pdqQuality, Optional<String> problem) {

  /** The dihedral variants, in the order {@link Pdq#dihedral} returns them. */
  public static final List<String> VARIANTS = List.of(
      "original", "rotate90", "rotate180", "rotate270", "flipx", "flipy", "transpose", "antitranspose");

  public MediaHashes {
    pdq = List.copyOf(pdq);
  }

  /** Hashes the bytes, if any, and falls back on the hashes the platform sent. */
  public static MediaHashes of(Media media, Optional<byte[]> bytes, Pdq.Limits limits) {
    Optional<String> md5 = media.md5();
    Optional<String> sha256 = media.sha256();
    List<Pdq.Hash> pdq = media.pdq().map(h -> List.of(Pdq.Hash.fromHex(h, media.pdqQuality().orElse(100))))
        .orElse(List.of());
    OptionalInt quality = media.pdqQuality();
    Optional<String> problem = Optional.empty();
    if (bytes.isPresent()) {
      byte[] data = bytes.get();
      md5 = md5.or(() -> Optional.of(digest("MD5", data)));
      sha256 = sha256.or(() -> Optional.of(digest("SHA-256", data)));
      if (isVideo(media)) {
        // Video is not decoded here: its file hashes match, and a PDQ comes only from the platform.
        return new MediaHashes(md5, sha256, pdq, quality, problem);
      }
      try {
        pdq = Pdq.dihedral(data, limits);
        quality = OptionalInt.of(pdq.getFirst().quality());
      } catch (PdqException e) {
        problem = Optional.of("media " + media.id() + ": " + e.getMessage());
      }
    }
    return new MediaHashes(md5, sha256, pdq, quality, problem);
  }

  /** Whether the platform says the media is a video ({@code mime} {@code video/…}). */
  public static boolean isVideo(Media media) {
    return media.mime().flatMap(Media::videoType).isPresent();
  }

  static String digest(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
