package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vforkcheck.cli.VersionProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Golden files for the three report formats over a small fixed corpus. The compared text has no
 * timestamps, durations or absolute paths. Regenerate with {@code mvn -pl test-corpus test
 * -Dgolden.update=true} after an intended change, and review the diff.
 */
class ReportGoldenTest {
  private static final Path INPUT = Path.of("golden", "input");
  private static final Path EXPECTED = Path.of("golden", "expected");

  private static String normalize(String s) {
    String root = Path.of("").toAbsolutePath().toUri().toString();
    return s.replace(root, "file:///SRCROOT/")
        .replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0")
        .replace(VersionProvider.version(), "VERSION")
        .replace(VersionProvider.version().replace("-SNAPSHOT", ""), "VERSION");
  }

  private static void check(String name, String actual) throws IOException {
    Path file = EXPECTED.resolve(name);
    String normalized = normalize(actual);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(EXPECTED);
      Files.writeString(file, normalized, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8),
        normalized,
        "golden file "
            + file
            + " differs (rerun with -Dgolden.update=true if the change is intended)");
  }

  @Test
  void text() throws IOException {
    Cli.Run r = Cli.run("scan", "--color=never", "--jobs", "2", INPUT.toString());
    assertEquals(1, r.code());
    check("report.txt", r.out() + "--- stderr ---\n" + r.err());
  }

  @Test
  void json() throws IOException {
    Cli.Run r = Cli.run("scan", "--format", "json", "--jobs", "2", INPUT.toString());
    assertEquals(1, r.code());
    check("report.json", r.out());
  }

  @Test
  void sarif() throws IOException {
    Cli.Run r = Cli.run("scan", "--format", "sarif", "--srcroot", ".", INPUT.toString());
    assertEquals(1, r.code());
    check("report.sarif", r.out());
  }
}
