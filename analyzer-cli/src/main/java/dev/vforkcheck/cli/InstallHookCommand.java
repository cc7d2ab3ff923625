package dev.vforkcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vforkcheck install-hook}: a git pre-commit hook that scans the staged C files. */
@Command(
    name = "install-hook",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Write .git/hooks/pre-commit so that every commit scans the staged version of its C files"
            + " (vforkcheck scan --staged) and is refused when it adds findings.")
public final class InstallHookCommand implements Callable<Integer> {
  static final String MARKER = "# vforkcheck pre-commit hook";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--force",
      description = "Replace a pre-commit hook that vforkcheck did not write.")
  boolean force;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "The repository (default: the current directory).")
  Path repo = Path.of("");

  @Option(
      names = "--launcher",
      paramLabel = "FILE",
      description =
          "The vforkcheck launcher the hook runs (default: the one this command was started from).")
  Path launcher;

  @Override
  public Integer call() throws IOException {
    CommandLine cmd = spec.commandLine();
    Path top;
    Path hooks;
    try {
      top = Git.topLevel(repo);
      hooks = top.resolve(new Git(top).run("rev-parse", "--git-path", "hooks").trim());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "not a git repository: " + e.getMessage());
    }
    Path hook = hooks.resolve("pre-commit");
    if (Files.exists(hook)
        && !force
        && !Files.readString(hook, StandardCharsets.UTF_8).contains(MARKER)) {
      throw new CommandLine.ParameterException(
          cmd, hook + " exists and was not written by vforkcheck;" + " use --force to replace it");
    }
    Path exe = launcher != null ? launcher.toAbsolutePath() : defaultLauncher();
    String script =
        "#!/bin/sh\n"
            + MARKER
            + " (written by `vforkcheck install-hook`; safe to delete)\n"
            + "# Scans the staged version of the staged C files; the commit is refused when they have findings.\n"
            + "exec \"${VFORKCHECK:-"
            + exe
            + "}\" scan --staged --color=never\n";
    Files.createDirectories(hooks);
    OutputWriter.write(hook, script);
    try {
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      hook.toFile().setExecutable(true);
    }
    cmd.getOut().println("installed " + hook);
    return 0;
  }

  /**
   * The repository's ./vforkcheck launcher next to the jar this runs from, else `vforkcheck` on
   * PATH.
   */
  private static Path defaultLauncher() {
    try {
      Path jar =
          Path.of(
              InstallHookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = jar.getParent().getParent().getParent().resolve("vforkcheck");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    } catch (Exception e) {
      // fall through
    }
    return Path.of("vforkcheck");
  }
}
