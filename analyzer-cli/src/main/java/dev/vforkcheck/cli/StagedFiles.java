package dev.vforkcheck.cli;

import dev.vforkcheck.engine.SourceWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The staged versions of the staged C files, copied from the git index into a temporary folder
 * under their repository paths, so that a partly staged file is judged as it will be committed.
 */
final class StagedFiles {
  private StagedFiles() {}

  static List<Path> materialize(CommandLine cmd, List<Path> limits, Path into) {
    try {
      Path top = Git.topLevel(limits.isEmpty() ? Path.of("") : limits.get(0));
      Git git = new Git(top);
      List<Path> out = new ArrayList<>();
      String names = git.run("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z");
      for (String name : names.split("\u0000")) {
        if (name.isEmpty()
            || !SourceWalker.isSource(Path.of(name))
            || !within(top.resolve(name), limits)) {
          continue;
        }
        byte[] content = git.runBytes("show", ":" + name);
        Path target = into.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, content);
        out.add(target);
      }
      out.sort(Comparator.naturalOrder());
      return out;
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "--staged: " + e.getMessage());
    }
  }

  private static boolean within(Path file, List<Path> limits) {
    if (limits.isEmpty()) {
      return true;
    }
    Path abs = file.toAbsolutePath().normalize();
    for (Path l : limits) {
      if (abs.startsWith(l.toAbsolutePath().normalize())) {
        return true;
      }
    }
    return false;
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
