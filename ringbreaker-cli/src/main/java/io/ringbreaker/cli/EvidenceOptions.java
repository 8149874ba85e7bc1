package io.ringbreaker.cli;

import io.ringbreaker.engine.EvidenceKeeper;
import io.ringbreaker.store.Evidence;
import io.ringbreaker.store.EvidenceKeys;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --evidence-keys} and {@code --evidence-retention-days}: how evidence is sealed and kept. */
final class EvidenceOptions {
  static final String KEY_FILE = "evidence-keys";

  @Option(names = "--evidence-keys", paramLabel = "FILE",
      description = "Evidence key file: lines 'KEY-ID BASE64-32-BYTES', the first seals, all open "
          + "(default: <data-dir>/evidence-keys, created on first use; keep a copy offline).")
  Optional<Path> keyFile = Optional.empty();

  @Option(names = "--evidence-retention-days", paramLabel = "DAYS", defaultValue = "365",
      description = "How long preserved evidence is kept before it is deleted, unless held (default and least: "
          + "${DEFAULT-VALUE}, 18 U.S.C. 2258A as amended in 2024).")
  long retentionDays = 365;

  EvidenceKeys keys(Path dataDir) {
    Path file = keyFile.orElse(dataDir.resolve(KEY_FILE));
    try {
      return EvidenceKeys.ensure(file);
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    }
  }

  Duration retention() {
    Duration d = Duration.ofDays(retentionDays);
    if (d.compareTo(Evidence.MIN_RETENTION) < 0) {
      throw new UserError("--evidence-retention-days: " + retentionDays + " is under the one year (365 days) "
          + "the law asks providers to keep what they report");
    }
    return d;
  }

  /** The keeper that preserves what the policy asks for, started. */
  EvidenceKeeper startKeeper(Store store, Path dataDir) {
    return new EvidenceKeeper(store, keys(dataDir), retention(), Clock.systemUTC()).start();
  }
}
