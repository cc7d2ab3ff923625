package dev.vforkcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs git in a working tree and returns its output; a failure becomes an IOException with git's
 * message.
 */
final class Git {
  private final Path dir;

  Git(Path dir) {
    this.dir = dir;
  }

  String run(String... args) throws IOException {
    return new String(runBytes(args), StandardCharsets.UTF_8);
  }

  byte[] runBytes(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new IOException("cannot run git (is it installed?): " + e.getMessage(), e);
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("git " + String.join(" ", args) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "git "
              + String.join(" ", args)
              + " failed: "
              + (err.isEmpty() ? "exit " + p.exitValue() : err));
    }
    return out;
  }

  /** The top level of the work tree containing {@code start}. */
  static Path topLevel(Path start) throws IOException {
    Path dir = start.toAbsolutePath().normalize();
    if (!dir.toFile().isDirectory()) {
      dir = dir.getParent();
    }
    return Path.of(new Git(dir).run("rev-parse", "--show-toplevel").trim());
  }
}
