package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fix tests as input/output pairs ({@code fixes/NAME.c} and {@code fixes/NAME.expected.c}):
 * applying the fixes of the rule named in the input's {@code fix-rule:} comment gives exactly the
 * expected bytes, and the fixed file, scanned again, parses and has no finding of that rule.
 */
class FixPairsTest {
  private static final Pattern RULE = Pattern.compile("fix-rule: ([a-z-]+)");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> fixesGiveTheExpectedFiles() throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(Path.of("fixes"))) {
      inputs =
          s.filter(p -> p.toString().endsWith(".c") && !p.toString().endsWith(".expected.c"))
              .sorted()
              .toList();
    }
    assertTrue(inputs.size() >= 3);
    return inputs.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
  }

  private void check(Path input) throws IOException {
    Matcher m = RULE.matcher(Files.readString(input, java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(m.find(), input + " names no fix-rule");
    String rule = m.group(1);
    String name = input.getFileName().toString();
    Path work = dir.resolve(name);
    Files.copy(input, work);
    Path expected = input.resolveSibling(name.replace(".c", ".expected.c"));

    Cli.Run diff = Cli.run("scan", "--diff", "--fix-rule", rule, work.toString());
    assertEquals(0, diff.code(), diff.err());
    assertTrue(diff.out().contains("@@ "), "a diff is shown: " + diff.out());
    assertArrayEquals(
        Files.readAllBytes(input), Files.readAllBytes(work), "--diff must not change the file");

    Cli.Run fix =
        Cli.run("scan", "--fix", "--fix-rule", rule, "--fail-on", "never", work.toString());
    assertEquals(0, fix.code(), fix.err());
    assertArrayEquals(
        Files.readAllBytes(expected),
        Files.readAllBytes(work),
        "fixed file differs from "
            + expected
            + ":\n"
            + Files.readString(work, java.nio.charset.StandardCharsets.ISO_8859_1));

    Cli.Run again = Cli.run("scan", "--format", "json", "--fail-on", "never", work.toString());
    assertFalse(
        again.out().contains("\"ruleId\" : \"" + rule + "\""), "the fixed file still has " + rule);
    assertFalse(again.out().contains("\"kind\" : \"syntax\""), "the fixed file must still parse");
  }
}
