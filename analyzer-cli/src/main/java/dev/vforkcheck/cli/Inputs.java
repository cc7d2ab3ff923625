package dev.vforkcheck.cli;

import dev.vforkcheck.engine.SourceWalker;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Turns PATH arguments into files, with user-facing errors. */
final class Inputs {
  private Inputs() {}

  static List<Path> files(CommandLine cmd, List<Path> paths) {
    if (paths == null || paths.isEmpty()) {
      throw new CommandLine.ParameterException(
          cmd, "no PATH given: name the files or directories to scan");
    }
    try {
      return SourceWalker.expand(paths);
    } catch (NoSuchFileException e) {
      throw new CommandLine.ParameterException(cmd, "no such file or directory: " + e.getFile());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "cannot read " + e.getMessage());
    }
  }
}
