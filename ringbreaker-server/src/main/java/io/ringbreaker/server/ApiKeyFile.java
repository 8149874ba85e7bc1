package io.ringbreaker.server;

import io.ringbreaker.store.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first API key: created on the first start of a store that has none, and written to a file
 * only its owner can read. The store keeps only the key's hash.
 */
public final class ApiKeyFile {

  public record Bootstrap(Path file, Optional<String> createdKey) {}

  private ApiKeyFile() {}

  public static Path path(Path dataDir) {
    return dataDir.resolve("api-key");
  }

  /** Creates a key when the store has none; returns where the key is kept. */
  public static Bootstrap ensure(ApiKeys keys, Path dataDir) {
    Path file = path(dataDir);
    if (keys.count() > 0) {
      return new Bootstrap(file, Optional.empty());
    }
    String key = keys.create("default");
    try {
      io.ringbreaker.store.OwnerOnlyFile.replace(file, (key + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the API key to " + file, e);
    }
    return new Bootstrap(file, Optional.of(key));
  }

  /** The key stored in the file, if the file is there. */
  public static Optional<String> read(Path dataDir) {
    try {
      Path file = path(dataDir);
      return Files.isReadable(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
