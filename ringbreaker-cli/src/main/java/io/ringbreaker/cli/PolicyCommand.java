package io.ringbreaker.cli;

import io.ringbreaker.engine.PolicyDryRun;
import io.ringbreaker.policy.PolicyException;
import io.ringbreaker.policy.RulePolicy;
import io.ringbreaker.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", mixinStandardHelpOptions = true,
    header = "Show, check and try out policy files.",
    description = {"A policy is a YAML file of rules with CEL conditions (docs/policy.md).",
        "Start from the default:  ringbreaker policy show > my-policy.yaml",
        "Check it:                ringbreaker policy check my-policy.yaml",
        "See what it would change on what is stored, before it goes live:",
        "                         ringbreaker policy dry-run my-policy.yaml [--db JDBC-URL]",
        "Run it:                  ringbreaker serve --policy my-policy.yaml (read again when it changes)"},
    subcommands = {PolicyCommand.Show.class, PolicyCommand.Check.class, PolicyCommand.DryRun.class})
final class PolicyCommand {

  /** Reads and checks a policy file; each problem becomes a line of the usage error. */
  static RulePolicy read(Path file) {
    try {
      return RulePolicy.read(file, problem -> System.err.println("ringbreaker: " + problem));
    } catch (PolicyException e) {
      throw new UserError(e.problems().size() == 1 ? e.getMessage()
          : "policy " + file + ": " + e.problems().size() + " problems:\n  " + String.join("\n  ", e.problems()));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      header = "Print the built-in default policy, to copy and change.")
  static final class Show implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(RulePolicy.defaultSource());
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      header = "Check policy files: every problem with its line, column and rule; exit 2 when any.")
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
      List<String> failed = new ArrayList<>();
      for (Path f : files) {
        try {
          RulePolicy p = RulePolicy.read(ListOptions.readable(f, "policy"), m -> {});
          System.out.println(f + ": ok, " + p.version() + ", " + p.rules().size() + " rules");
        } catch (PolicyException e) {
          e.problems().forEach(System.err::println);
          failed.add(f.toString());
        }
      }
      if (!failed.isEmpty()) {
        throw new UserError("policy check failed: " + String.join(", ", failed));
      }
      return 0;
    }
  }

  @Command(name = "dry-run", mixinStandardHelpOptions = true,
      header = "What a policy would decide on the stored verdicts, compared with what is in force.",
      description = {"Decides every stored verdict's evidence again with FILE and prints how many subjects would",
          "move from one severity to another and which, without changing anything in the store."})
  static final class DryRun implements Callable<Integer> {
    @Mixin StoreOption storeOption;

    @Parameters(paramLabel = "FILE", description = "The policy to try.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every change as a JSON line here.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--show", defaultValue = "20", paramLabel = "N",
        description = "How many changed subjects to list (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws IOException {
      RulePolicy next = read(ListOptions.readable(file, "policy"));
      PrintStream o = System.out;
      List<PolicyDryRun.Change> shown = new ArrayList<>();
      PolicyDryRun.Report r;
      try (Store store = storeOption.open();
           Writer w = out.isPresent() ? Files.newBufferedWriter(out.get(), StandardCharsets.UTF_8) : Writer.nullWriter()) {
        r = PolicyDryRun.run(store, next, c -> {
          if (shown.size() < show) {
            shown.add(c);
          }
          try {
            w.write(PolicyDryRun.json(c));
            w.write('\n');
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        o.printf(Locale.ROOT, "policy dry-run on %s: %s (in force: %s) -> %s%n", store.describe(), file,
            r.policyBefore().isEmpty() ? "unrecorded" : r.policyBefore(), r.policyAfter());
      }
      o.printf(Locale.ROOT, "%,d subjects decided again; %,d would change (%,d in severity, %,d in actions only)%n",
          r.subjects(), r.changed(), r.changed() - r.actionsOnly(), r.actionsOnly());
      List<String> moves = PolicyDryRun.describe(r);
      if (!moves.isEmpty()) {
        o.println("severity before -> after:");
        moves.forEach(m -> o.println("  " + m));
      }
      if (!shown.isEmpty()) {
        o.println("changes" + (r.changed() > shown.size() ? " (first " + shown.size() + ")" : "") + ":");
        for (PolicyDryRun.Change c : shown) {
          o.printf(Locale.ROOT, "  %-28s %-8s -> %-8s %s -> %s (rules %s -> %s)%n", c.subject(), c.before().wire(),
              c.after().wire(), c.actionsBefore(), c.actionsAfter(), c.rulesBefore(), c.rulesAfter());
        }
      }
      out.ifPresent(p -> o.println("wrote every change to " + p));
      return 0;
    }
  }
}
