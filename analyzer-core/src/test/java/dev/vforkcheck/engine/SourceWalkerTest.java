package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWalkerTest {
  @TempDir Path dir;

  private void touch(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "int x;\n");
  }

  private List<String> names(List<Path> files) {
    return files.stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
  }

  @Test
  void walksCAndHeaderFilesSortedSkippingVcsAndBuildOutput() throws IOException {
    touch("b.c");
    touch("a.h");
    touch("sub/z.c");
    touch("sub/readme.txt");
    touch(".git/objects/x.c");
    touch("target/gen.c");
    touch("node_modules/m/x.c");
    touch("cmake-build/CMakeCache.txt");
    touch("cmake-build/gen.c");
    assertEquals(List.of("a.h", "b.c", "sub/z.c"), names(SourceWalker.expand(List.of(dir))));
  }

  @Test
  void symlinksOutOfTheTreeAreNotFollowed(@TempDir Path outside) throws IOException {
    touch("in.c");
    Path secret = outside.resolve("secret.c");
    Files.writeString(secret, "int y;\n");
    Files.createSymbolicLink(dir.resolve("link.c"), secret);
    Files.createSymbolicLink(dir.resolve("linkdir"), outside);
    Files.createSymbolicLink(dir.resolve("alias.c"), dir.resolve("in.c"));
    assertEquals(List.of("in.c"), names(SourceWalker.expand(List.of(dir))));
  }

  @Test
  void explicitFilesAreTakenWhateverTheirName() throws IOException {
    touch("weird.inc");
    assertEquals(
        List.of("weird.inc"), names(SourceWalker.expand(List.of(dir.resolve("weird.inc")))));
  }

  @Test
  void missingPathIsAnError() {
    assertThrows(
        NoSuchFileException.class, () -> SourceWalker.expand(List.of(dir.resolve("nope"))));
  }
}
