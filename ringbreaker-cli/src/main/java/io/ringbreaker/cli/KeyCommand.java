package io.ringbreaker.cli;

import io.ringbreaker.server.ApiKeyAdmin;
import io.ringbreaker.store.ApiKeyInfo;
import io.ringbreaker.store.Store;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "key", mixinStandardHelpOptions = true,
    header = "Manage the API keys integrations send: add, list, revoke.",
    description = {"Scopes: events:write (send events), verdicts:read (read the API), actions:write (approve actions,",
        "decide cases), lookup:read (hash lookups), admin (the lexicon, and any route not named). Give a key only",
        "what its integration needs. The key is printed once; the store keeps its SHA-256. Each change is in the",
        "audit log as done by cli:<your user name>. Admins do the same at /admin/keys."},
    subcommands = {KeyCommand.Add.class, KeyCommand.ListKeys.class, KeyCommand.Revoke.class})
final class KeyCommand {
  private KeyCommand() {}

  /** Who ran the command, for the audit log: the operating-system user, as for evidence. */
  static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      header = "Add a key named NAME with the given scopes; prints the key once.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Who the key is for: 1 to 64 letters, digits, '.', '_' or '-'.")
    String name;

    @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
        description = "What it may do, comma-separated: events:write, verdicts:read, actions:write, lookup:read, admin.")
    List<String> scopes;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        ApiKeyAdmin.Created c;
        try {
          c = ApiKeyAdmin.create(store, actor(), name, new LinkedHashSet<>(scopes));
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
        System.out.println("added API key " + c.key().name() + " (" + String.join(", ", c.key().scopes()) + ")");
        System.out.println("key: " + c.secret() + "   (shown once: pass it on safely)");
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, header = "List every key, revoked ones too (never the key itself).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        String format = "%-5s %-24s %-11s %-21s %-20s %s%n";
        System.out.printf(Locale.ROOT, format, "ID", "NAME", "PREFIX", "CREATED", "STATE", "SCOPES");
        for (ApiKeyInfo k : store.apiKeys().list()) {
          System.out.printf(Locale.ROOT, format, k.id(), k.name(), k.prefix(), k.createdAt().truncatedTo(ChronoUnit.SECONDS),
              k.revokedAt().map(t -> "revoked " + t.truncatedTo(ChronoUnit.MINUTES)).orElse("active"),
              String.join(",", k.scopes()));
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      header = "Revoke the key named NAME; a running server refuses it within 10 seconds.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        List<ApiKeyInfo> revoked;
        try {
          revoked = ApiKeyAdmin.revokeNamed(store, actor(), name);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage() + " (see: ringbreaker key list)");
        }
        revoked.forEach(k -> System.out.println("revoked API key " + k.name() + " (" + k.prefix() + "…, id " + k.id() + ")"));
      }
      return 0;
    }
  }
}
