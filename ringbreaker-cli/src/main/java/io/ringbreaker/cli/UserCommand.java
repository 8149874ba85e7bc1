package io.ringbreaker.cli;

import io.ringbreaker.server.auth.PasswordHasher;
import io.ringbreaker.store.Role;
import io.ringbreaker.store.Store;
import io.ringbreaker.store.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "user", mixinStandardHelpOptions = true,
    header = "Manage the people who sign in to the console: add, list, role, disable, password.",
    description = {"Roles: viewer (reads), reviewer (decides cases), lead (also confirms reports), admin (also manages",
        "people, API keys and policies). Names are 1 to 64 letters, digits, '.', '_' or '-', unique in any case.",
        "Passwords are at least " + PasswordHasher.MIN_LENGTH + " characters and stored as Argon2id hashes. Each change"
            + " is in the audit log (actor 'system')."},
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.SetRole.class,
        UserCommand.Disable.class, UserCommand.Password.class})
final class UserCommand {
  private UserCommand() {}

  static final class RoleConverter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      return Role.fromWire(value.toLowerCase(Locale.ROOT)).orElseThrow(() ->
          new TypeConversionException("'" + value + "' is not one of " + Role.wireNames()));
    }
  }

  static User existing(Store store, String name) {
    return store.users().find(name).orElseThrow(() -> new UserError("no user named " + name
        + " (see: ringbreaker user list)"));
  }

  static void audit(Store store, String action, String target, String detailJson) {
    store.audit().append("system", action, target, detailJson);
  }

  /** The whole of standard input, without the line break a shell or file adds at the end. */
  static char[] passwordFromStdin() {
    byte[] bytes;
    try {
      InputStream in = System.in;
      bytes = in.readNBytes(4096);
    } catch (IOException e) {
      throw new UserError("cannot read the password from standard input: " + e.getMessage());
    }
    String s = new String(bytes, StandardCharsets.UTF_8);
    Arrays.fill(bytes, (byte) 0);
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.toCharArray();
  }

  static String hash(char[] password) {
    try {
      return PasswordHasher.hash(password);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      header = "Add a person. Without --password-stdin, a strong password is generated and printed once.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", converter = RoleConverter.class,
        description = "viewer, reviewer, lead or admin.")
    Role role;

    @Option(names = "--password-stdin", description = "Read the password from standard input (e.g. a pipe).")
    boolean passwordStdin;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      if (!User.isValidName(name)) {
        throw new UserError("user name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
      }
      char[] password = passwordStdin ? passwordFromStdin() : PasswordHasher.generate();
      String shown = passwordStdin ? "" : new String(password);
      String hash = hash(password);
      try (Store store = storeOption.open()) {
        User u;
        try {
          u = store.users().create(name, role, hash);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
        audit(store, "user.create", "user:" + u.name(), "{\"role\":\"" + role.wire() + "\",\"via\":\"cli\"}");
        System.out.println("added " + u.name() + " (" + role.wire() + ")");
        if (!passwordStdin) {
          System.out.println("password: " + shown + "   (shown once: pass it on safely)");
        }
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, header = "List everyone, disabled people too.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        System.out.printf(Locale.ROOT, "%-24s %-9s %-8s %s%n", "NAME", "ROLE", "STATE", "ADDED");
        for (User u : store.users().list()) {
          System.out.printf(Locale.ROOT, "%-24s %-9s %-8s %s%n", u.name(), u.role().wire(),
              u.disabled() ? "disabled" : "active", u.createdAt().truncatedTo(ChronoUnit.SECONDS));
        }
      }
      return 0;
    }
  }

  @Command(name = "role", mixinStandardHelpOptions = true, header = "Change a person's role (in force at once).")
  static final class SetRole implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ROLE", converter = RoleConverter.class,
        description = "viewer, reviewer, lead or admin.")
    Role role;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        User u = existing(store, name);
        store.users().setRole(u.id(), role);
        audit(store, "user.role", "user:" + u.name(),
            "{\"from\":\"" + u.role().wire() + "\",\"to\":\"" + role.wire() + "\",\"via\":\"cli\"}");
        System.out.println(u.name() + ": " + u.role().wire() + " -> " + role.wire());
      }
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      header = "Disable a person: they cannot sign in, and their sessions end now.")
  static final class Disable implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      try (Store store = storeOption.open()) {
        User u = existing(store, name);
        if (store.users().disable(u.id(), Instant.now())) {
          audit(store, "user.disable", "user:" + u.name(), "{\"via\":\"cli\"}");
          System.out.println(u.name() + ": disabled");
        } else {
          System.out.println(u.name() + ": already disabled");
        }
      }
      return 0;
    }
  }

  @Command(name = "password", mixinStandardHelpOptions = true,
      header = "Set a person's password from standard input; their sessions end, and any lock is lifted.")
  static final class Password implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--password-stdin", required = true,
        description = "Read the new password from standard input (required: never on the command line).")
    boolean passwordStdin;

    @Mixin StoreOption storeOption;

    @Override
    public Integer call() {
      String hash = hash(passwordFromStdin());
      try (Store store = storeOption.open()) {
        User u = existing(store, name);
        store.users().setPasswordHash(u.id(), hash);
        audit(store, "user.password", "user:" + u.name(), "{\"via\":\"cli\"}");
        System.out.println(u.name() + ": password changed; their sessions have ended");
      }
      return 0;
    }
  }
}
