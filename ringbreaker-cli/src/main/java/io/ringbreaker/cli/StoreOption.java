package io.ringbreaker.cli;

import io.ringbreaker.store.Store;
import io.ringbreaker.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --db} and {@code --data-dir}: where the store is. */
final class StoreOption {
  @Option(names = "--db", paramLabel = "JDBC-URL",
      description = "Store: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=… (default: SQLite in the data dir).")
  Optional<String> db = Optional.empty();

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "ringbreaker-data",
      description = "Where Ringbreaker keeps its embedded database and its API key (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  Store open() {
    try {
      return db.map(Store::open).orElseGet(() -> Store.openDefault(dataDir));
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** Where the store's own files live (the evidence keys): beside a SQLite file, else the data dir. */
  Path home() {
    return home(db, dataDir);
  }

  static Path home(Optional<String> db, Path dataDir) {
    String url = db.orElse("").strip();
    return url.startsWith("jdbc:sqlite:")
        ? Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().getParent()
        : dataDir;
  }

  static Store open(String jdbcUrl) {
    try {
      return Store.open(jdbcUrl);
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    }
  }
}
