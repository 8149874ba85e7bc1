package io.ringbreaker.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in PHC string form, at OWASP's minimum cost:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (base64 without padding, 16-byte salt,
 * 32-byte hash). A hash made with other parameters still verifies with its own, so the cost can
 * be raised later without resetting anyone's password.
 */
public final class PasswordHasher {
  /** Shorter passwords are refused: length is what makes a password hard to guess. */
  public static final int MIN_LENGTH = 12;
  private static final int MEMORY_KIB = 19_456;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  /** Bounds on what a stored hash may ask for, so a tampered row cannot make a sign-in take all memory. */
  private static final int MAX_MEMORY_KIB = 1 << 20;
  private static final int MAX_ITERATIONS = 20;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Letters and digits that cannot be mistaken for each other when read aloud or copied by hand. */
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  /** Checked against when the user does not exist, so such a sign-in takes as long as a real one. */
  private static final String DUMMY = hash("not-a-password-of-anyone".toCharArray());

  private PasswordHasher() {}

  /**
   * Hashes a password with a fresh salt.
   *
   * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters
   */
  public static String hash(char[] password) {
    checkStrength(password);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }

  /** True when {@code password} hashes to {@code phc}; false for anything else, a malformed hash too. Constant time. */
  public static boolean verify(char[] password, String phc) {
    if (password == null || phc == null) {
      return false;
    }
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
        || parallelism < 1) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = Base64.getDecoder().decode(m.group(4));
      expected = Base64.getDecoder().decode(m.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  /** Spends the time of one verification and answers false: for sign-ins of names that do not exist. */
  static boolean verifyNobody(char[] password) {
    verify(password, DUMMY);
    return false;
  }

  /** @throws IllegalArgumentException "password must be at least 12 characters, got 5" */
  public static void checkStrength(char[] password) {
    int n = password == null ? 0 : password.length;
    if (n < MIN_LENGTH) {
      throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters, got " + n);
    }
  }

  /** A new random password of 20 characters (about 115 bits), for a first admin or a reset. */
  public static char[] generate() {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return out;
  }

  private static byte[] derive(char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memory)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    // UTF-8, as other Argon2 implementations take the password; the copy is wiped after use.
    byte[] bytes = utf8(password);
    try {
      generator.generateBytes(bytes, out);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    return out;
  }

  private static byte[] utf8(char[] password) {
    java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
