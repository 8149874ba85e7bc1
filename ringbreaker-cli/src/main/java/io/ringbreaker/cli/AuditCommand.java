package io.ringbreaker.cli;

import io.ringbreaker.server.auth.AdminPages;
import io.ringbreaker.store.AuditLog;
import io.ringbreaker.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
    header = "Check or export the audit log: verify, export.",
    description = {"The audit log records sign-ins, changes to people, views of the log, decisions on actions and",
        "more. Each entry's hash covers the entry before it, so a change behind Ringbreaker's back breaks the chain."},
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand {
  private AuditCommand() {}

  @Command(name = "verify", mixinStandardHelpOptions = true,
      header = "Walk the whole hash chain; exit 0 when it holds, 1 with the first broken seq when not.")
  static final class Verify implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        AuditLog.Verification v = store.audit().verify();
        if (v.ok()) {
          System.out.println("audit log " + v.describe());
          return 0;
        }
        System.err.println("ringbreaker audit verify: audit log " + v.describe() + " (" + v.entries()
            + " entries before it hold)");
        return 1;
      }
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      header = "Write every entry, oldest first, as JSON Lines (seq, at, at_us, actor, action, target, detail, "
          + "prev_hash, hash).")
  static final class Export implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Optional<Path> out = Optional.empty();

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() throws IOException {
      try (Store store = storeOption.open()) {
        store.audit().append("system", "audit.export", "audit_log", "{\"via\":\"cli\"}");
        long[] n = {0};
        Writer w = out.isPresent()
            ? Files.newBufferedWriter(out.get(), StandardCharsets.UTF_8)
            : new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try {
          store.audit().export(e -> {
            try {
              w.write(AdminPages.jsonLine(e));
              w.write('\n');
              n[0]++;
            } catch (IOException x) {
              throw new UncheckedIOException(x);
            }
          });
        } catch (UncheckedIOException e) {
          throw new UserError("cannot write " + out.map(Path::toString).orElse("standard output") + ": "
              + e.getCause().getMessage());
        } finally {
          if (out.isPresent()) {
            w.close();
          } else {
            w.flush();
          }
        }
        if (out.isPresent()) {
          System.err.println("ringbreaker audit export: " + n[0] + " entries written to " + out.get());
        }
      }
      return 0;
    }
  }
}
