package io.ringbreaker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ringbreaker} command. Each subcommand is a class beside this one. */
@Command(name = "ringbreaker", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {
        "Finds and helps stop child-abuse trading networks on a platform: events in, verdicts out.",
        "",
        "Start with:  ringbreaker demo      (a simulated platform, the API and a page of verdicts)",
        "Scan a file: ringbreaker simulate --seed 1 --out sim && ringbreaker scan sim/events.jsonl --out out"},
    subcommands = {ScanCommand.class, ServeCommand.class, DemoCommand.class, SimulateCommand.class,
        EvaluateCommand.class, PolicyCommand.class, EvidenceCommand.class, HashCommand.class, BankCommand.class,
        UserCommand.class, KeyCommand.class, AuditCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No command given: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return 2;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code: 0 done, 2 bad usage or unreadable input. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExitCodeExceptionMapper(e -> 2);
    cli.setParameterExceptionHandler((e, args2) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("ringbreaker: " + e.getMessage() + " (see: ringbreaker "
          + (cmd.getParent() == null ? "" : cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^ringbreaker ", "") + " ")
          + "--help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof UserError ue) {
        // The whole command ("ringbreaker bank import"), so a subcommand's message says whose it is.
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName(" ") + ": " + ue.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ringbreaker " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
  }
}
