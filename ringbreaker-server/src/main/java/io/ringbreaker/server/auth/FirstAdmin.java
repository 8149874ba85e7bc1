package io.ringbreaker.server.auth;

import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first person: on a store with no users, an {@code admin} with a generated password, written
 * to {@code <data-dir>/admin-password} (mode 600) and shown once. The store keeps only its hash.
 */
public final class FirstAdmin {
  public static final String NAME = "admin";

  /** Where the password is, and the password itself when this call created the admin. */
  public record Bootstrap(Path file, Optional<String> createdPassword) {
    @Override
    public String toString() {
      return "Bootstrap[file=" + file + ", created=" + createdPassword.isPresent() + "]";
    }
  }

  private FirstAdmin() {}

  public static Path path(Path dataDir) {
    return dataDir.resolve("admin-password");
  }

  /** Creates the admin when the store has no users at all; audited as {@code user.create} by {@code system}. */
  public static Bootstrap ensure(Store store, Path dataDir) {
    Path file = path(dataDir);
    if (store.users().count() > 0) {
      return new Bootstrap(file, Optional.empty());
    }
    char[] password = PasswordHasher.generate();
    String plain = new String(password);
    try {
      io.ringbreaker.store.OwnerOnlyFile.replace(file, (plain + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin password to " + file, e);
    }
    store.users().create(NAME, Role.ADMIN, PasswordHasher.hash(password));
    store.audit().append("system", "user.create", "user:" + NAME, "{\"role\":\"admin\",\"first\":true}");
    return new Bootstrap(file, Optional.of(plain));
  }

  /** The password in the file, if the file is there. */
  public static Optional<String> read(Path dataDir) {
    try {
      Path file = path(dataDir);
      return Files.isReadable(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
