package io.ringbreaker.detect.media;

import io.ringbreaker.detect.MediaDetector;
import io.ringbreaker.detect.SignalSink;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.Event;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.Media;
import io.ringbreaker.model.Signal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Media whose hash is in a bank: a {@code media.hash_match} signal naming the bank, the label and
 * the hash type. Uses the hashes the platform sent, and MD5/SHA-256 of the bytes when there are any.
 */
public final class BankMatchDetector implements MediaDetector {

  public static final String KIND = "media.hash_match";

  private final Supplier<HashBank> bank;

  public BankMatchDetector(Supplier<HashBank> bank) {
    this.bank = bank;
  }

  @Override
  public void scan(Event event, Media media, Optional<byte[]> bytes, SignalSink out) {
    HashBank b = bank.get();
    if (b.size() == 0) {
      return;
    }
    Map<HashType, String> hashes = new LinkedHashMap<>();
    media.md5().ifPresent(h -> hashes.put(HashType.MD5, h));
    media.sha256().ifPresent(h -> hashes.put(HashType.SHA256, h));
    media.pdq().ifPresent(h -> hashes.put(HashType.PDQ, h));
    bytes.ifPresent(data -> {
      hashes.putIfAbsent(HashType.MD5, digest("MD5", data));
      hashes.putIfAbsent(HashType.SHA256, digest("SHA-256", data));
    });
    hashes.forEach((type, hex) -> {
      for (BankEntry e : b.lookup(type, hex)) {
        out.accept(Signal.of(KIND, type.wire() + ":" + hex, event).withDetail(Map.of(
            "bank", e.bank(), "label", e.label(), "media_id", media.id(), "distance", "0")));
      }
    });
  }

  static String digest(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
