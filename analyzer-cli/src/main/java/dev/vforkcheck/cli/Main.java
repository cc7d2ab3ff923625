package dev.vforkcheck.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code vforkcheck <command> [options] PATH...}. */
@Command(
    name = "vforkcheck",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finds fork()/vfork() misuse in C source trees.",
    subcommands = {
      ScanCommand.class,
      SitesCommand.class,
      PortCommand.class,
      CfgCommand.class,
      RulesCommand.class,
      InstallHookCommand.class,
      ExplainCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  vforkcheck scan src/                 report misuse, gcc-style",
      "  vforkcheck sites .                   list every fork/vfork call and how its child ends",
      "  vforkcheck port src/                 which fork() calls can become vfork() (no-MMU porting)",
      "  vforkcheck cfg src/spawn.c --function run_cmd --format dot | dot -Tsvg > cfg.svg",
      "  vforkcheck rules                     list the rules",
      "  vforkcheck explain vfork-exit        show a rule's documentation",
      "",
      "Exit status: 0 clean, 1 findings, 2 usage or fatal error."
    })
public final class Main implements Runnable {
  /** Exit code when the scan found problems. */
  public static final int EXIT_FINDINGS = 1;

  /** Exit code for usage errors and fatal errors. */
  public static final int EXIT_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: scan, sites, cfg, rules or explain");
  }

  public static void main(String[] args) {
    // reports are UTF-8 whatever the platform's default charset (JSON and SARIF must be)
    System.exit(
        run(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests too). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = commandLine(out, err);
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExitCodeExceptionMapper(t -> EXIT_ERROR);
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("vforkcheck: error: " + ex.getMessage());
          c.getErr()
              .println(
                  "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          return EXIT_ERROR;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          c.getErr()
              .println(
                  "vforkcheck: fatal error: "
                      + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
          return EXIT_ERROR;
        });
    return cmd;
  }
}
