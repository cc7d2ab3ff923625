package dev.vforkcheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the default SARIF source root: the enclosing git work tree's top level, else the start
 * directory.
 */
final class SourceRoot {
  private SourceRoot() {}

  static Path find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return dir;
  }
}
