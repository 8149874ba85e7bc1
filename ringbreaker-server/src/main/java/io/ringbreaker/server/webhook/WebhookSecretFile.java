package io.ringbreaker.server.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The webhook secret, kept in a file only its owner can read. The secret is the file's text (64
 * hex digits when Ringbreaker made it), and the HMAC key is that text's bytes: the platform copies
 * the same string into its verifier, with no decoding step to get wrong.
 */
public final class WebhookSecretFile {
  /** The shortest secret accepted from a file someone else wrote. */
  static final int MIN_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSecretFile() {}

  /** {@code <dataDir>/webhook-secret}. */
  public static Path path(Path dataDir) {
    return dataDir.resolve("webhook-secret");
  }

  /** The secret in {@code <dataDir>/webhook-secret}, created on first use with 32 random bytes as hex. */
  public static byte[] ensure(Path dataDir) {
    Path file = path(dataDir);
    if (!Files.exists(file)) {
      byte[] b = new byte[32];
      RANDOM.nextBytes(b);
      try {
        io.ringbreaker.store.OwnerOnlyFile.create(file,
            (HexFormat.of().formatHex(b) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (FileAlreadyExistsException e) {
        // Another process made it first: read theirs.
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the webhook secret to " + file, e);
      }
    }
    return read(file);
  }

  /**
   * The secret in {@code file}: its text without surrounding whitespace, at least 32 characters.
   *
   * @throws IllegalArgumentException naming the file when it is missing, unreadable or too short
   */
  public static byte[] read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("webhook secret file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read webhook secret file " + file + ": " + e.getMessage());
    }
    if (text.length() < MIN_LENGTH || text.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("webhook secret file " + file + " must hold one secret of at least "
          + MIN_LENGTH + " characters without spaces (e.g. 64 hex digits), got " + text.length() + " characters");
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
