package io.ringbreaker.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys evidence is sealed with: AES-256-GCM, a fresh 96-bit nonce per item, the item's content
 * address and the key id as associated data (a sealed copy cannot be passed off as another's).
 * Read from a key file of lines {@code KEY-ID BASE64-32-BYTES}; the first key seals new evidence,
 * every key opens what it sealed, so a rotation is a new first line (docs/operations.md).
 */
public final class EvidenceKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int NONCE_BYTES = 12;

  private final Map<String, SecretKey> keys;
  private final String active;

  private EvidenceKeys(Map<String, SecretKey> keys) {
    this.keys = Map.copyOf(keys);
    this.active = keys.keySet().iterator().next();
  }

  /** A sealed item: which key, the nonce, and the ciphertext with its 128-bit tag. */
  public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}

  /**
   * Reads the key file, creating it with one new key (mode 600) when it does not exist.
   *
   * @throws StoreException naming the file and the line when it does not read
   */
  public static EvidenceKeys ensure(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        String line = "k" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace("-", "") + " "
            + Base64.getEncoder().encodeToString(k) + "\n";
        OwnerOnlyFile.create(file, ("# Evidence keys: KEY-ID BASE64-32-BYTES; the first seals, all open. "
            + "Keep a copy offline.\n" + line).getBytes(StandardCharsets.UTF_8));
      }
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new StoreException("cannot read evidence key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses key lines; {@code source} names them in errors. */
  public static EvidenceKeys parse(List<String> lines, String source) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2 || !ID.matcher(parts[0]).matches()) {
        throw new StoreException(source + ":" + n + ": expected 'KEY-ID BASE64-KEY' (id: letters, digits, . _ -)");
      }
      byte[] k;
      try {
        k = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new StoreException(source + ":" + n + ": key '" + parts[0] + "' is not base64");
      }
      if (k.length != 32) {
        throw new StoreException(source + ":" + n + ": key '" + parts[0] + "' is " + k.length
            + " bytes; AES-256 needs 32");
      }
      if (keys.put(parts[0], new SecretKeySpec(k, "AES")) != null) {
        throw new StoreException(source + ":" + n + ": key id '" + parts[0] + "' is given twice");
      }
    }
    if (keys.isEmpty()) {
      throw new StoreException(source + ": no keys");
    }
    return new EvidenceKeys(keys);
  }

  /** The id of the key that seals new evidence. */
  public String activeKeyId() {
    return active;
  }

  public List<String> keyIds() {
    return new ArrayList<>(keys.keySet());
  }

  /** Seals {@code plaintext} with the active key, bound to its content address. */
  public Sealed seal(String digest, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(active), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(active, digest));
      return new Sealed(active, nonce, c.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a sealed item.
   *
   * @throws StoreException when its key is not in the file, or it was altered (the tag does not verify)
   */
  public byte[] open(String digest, Sealed s) {
    SecretKey k = keys.get(s.keyId());
    if (k == null) {
      throw new StoreException("evidence " + digest + " is sealed with key '" + s.keyId()
          + "', which is not in the key file (keys: " + String.join(", ", keys.keySet()) + ")");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, Objects.requireNonNull(s.nonce())));
      c.updateAAD(aad(s.keyId(), digest));
      return c.doFinal(s.ciphertext());
    } catch (javax.crypto.AEADBadTagException e) {
      throw new StoreException("evidence " + digest + " does not verify: it was altered or sealed for another address");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }

  private static byte[] aad(String keyId, String digest) {
    return ("ringbreaker-evidence/1\n" + keyId + "\n" + digest).getBytes(StandardCharsets.UTF_8);
  }
}
