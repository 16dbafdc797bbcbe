package dev.foryou.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code foryou} command line, started by the {@code ./foryou} launcher at the repository root.
 *
 * <p>Each subcommand is a class of its own registered in {@link #commandLine()}. Not thread-safe;
 * one instance runs one command.
 */
@Command(
    name = "foryou",
    mixinStandardHelpOptions = true,
    versionProvider = ForyouCli.Version.class,
    description = "An embeddable For You feed engine with an ad auction on top.",
    subcommands = {
      CommandLine.HelpCommand.class,
      EvaluateCommand.class,
      AuctionCommand.class,
      SimulateCommand.class,
      ServeCommand.class,
    })
public final class ForyouCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the root command; picocli fills its fields. */
  public ForyouCli() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Builds the command line with every subcommand registered; tests call it to run commands without
   * exiting the JVM.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    return new CommandLine(new ForyouCli());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest, or says it runs from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ForyouCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "foryou " + (v == null ? "(development build)" : v),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
