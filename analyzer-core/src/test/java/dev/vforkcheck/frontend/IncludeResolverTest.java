package dev.vforkcheck.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an #include name becomes a file: beside the includer, -I, the tree default, and never
 * outside.
 */
class IncludeResolverTest {
  @TempDir Path tmp;

  /** Creates the files (with some text) under {@code base}, then returns {@code base}. */
  private static Path tree(Path base, String... files) throws IOException {
    for (String f : files) {
      Path p = base.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "/* " + f + " */\n");
    }
    return base;
  }

  private Path root() {
    return tmp.resolve("root").toAbsolutePath().normalize();
  }

  private IncludeResolver resolver(ParseOptions options) {
    return new IncludeResolver(List.of(root()), options, p -> false);
  }

  private IncludeResolver resolver() {
    return resolver(ParseOptions.defaults());
  }

  @Test
  void quotedIncludeIsFoundBesideTheIncluder() throws IOException {
    Path root = tree(root(), "src/a.c", "src/b.h", "other/b.h");
    Path found = resolver().resolveQuietly("b.h", root.resolve("src/a.c"), false);
    assertEquals(root.resolve("src/b.h"), found);
  }

  @Test
  void quotedIncludeWithASubfolderBesideTheIncluder() throws IOException {
    Path root = tree(root(), "src/a.c", "src/sys/x.h");
    assertEquals(
        root.resolve("src/sys/x.h"),
        resolver().resolveQuietly("sys/x.h", root.resolve("src/a.c"), false));
    assertEquals(
        root.resolve("src/sys/x.h"),
        resolver().resolveQuietly("./sys/x.h", root.resolve("src/a.c"), false));
  }

  @Test
  void angleIncludeDoesNotLookBesideTheIncluder() throws IOException {
    Path root = tree(root(), "src/a.c", "src/x.h", "inc/x.h");
    IncludeResolver r =
        resolver(
            ParseOptions.defaults()
                .withIncludes(List.of(root.resolve("inc")), List.of(), List.of()));
    assertEquals(
        root.resolve("src/x.h"),
        r.resolveQuietly("x.h", root.resolve("src/a.c"), false),
        "a quoted include looks beside the includer first");
    assertEquals(
        root.resolve("inc/x.h"),
        r.resolveQuietly("x.h", root.resolve("src/a.c"), true),
        "an angle include goes straight to -I");
  }

  @Test
  void includeDirsAreSearchedInOrderBeforeTheTree() throws IOException {
    Path root = tree(root(), "src/a.c", "d1/h.h", "d2/h.h", "d2/g.h", "src/g.h", "src/k.h");
    IncludeResolver r =
        resolver(
            ParseOptions.defaults()
                .withIncludes(
                    List.of(root.resolve("d1"), root.resolve("d2")), List.of(), List.of()));
    assertEquals(root.resolve("d1/h.h"), r.resolveQuietly("h.h", root.resolve("src/a.c"), true));
    assertEquals(
        root.resolve("d2/g.h"),
        r.resolveQuietly("g.h", root.resolve("src/a.c"), true),
        "-I beats the tree default even when the tree has a nearer file");
    assertEquals(
        root.resolve("src/k.h"),
        r.resolveQuietly("k.h", root.resolve("src/a.c"), true),
        "not in -I: the tree default");
  }

  @Test
  void systemIncludeDirsComeAfterIncludeDirs() throws IOException {
    Path root = tree(root(), "src/a.c", "sys/h.h", "inc/h.h");
    IncludeResolver r =
        resolver(
            ParseOptions.defaults()
                .withIncludes(
                    List.of(root.resolve("inc")), List.of(root.resolve("sys")), List.of()));
    assertEquals(root.resolve("inc/h.h"), r.searchFrom("h.h", root.resolve("src/a.c")));
  }

  @Test
  void includeDirOutsideTheTreeIsReadable() throws IOException {
    Path root = tree(root(), "src/a.c");
    Path ext = tree(tmp.resolve("ext"), "lib.h");
    IncludeResolver r =
        resolver(ParseOptions.defaults().withIncludes(List.of(ext), List.of(), List.of()));
    assertEquals(ext.resolve("lib.h"), r.resolveQuietly("lib.h", root.resolve("src/a.c"), false));
    assertTrue(r.allowed(ext.resolve("lib.h")));
  }

  @Test
  void treeDefaultMatchesByPathSuffix() throws IOException {
    Path root = tree(root(), "main.c", "a/sub/x.h", "b/xsub/x.h", "c/x.h");
    IncludeResolver r = resolver();
    assertEquals(
        root.resolve("a/sub/x.h"), r.resolveQuietly("sub/x.h", root.resolve("main.c"), false));
    assertEquals(Map.of(), r.ambiguities(), "xsub/x.h and c/x.h do not end with /sub/x.h");
  }

  @Test
  void treeDefaultNeedsAWholeFolderName() throws IOException {
    Path root = tree(root(), "main.c", "b/xsub/x.h");
    assertNull(resolver().resolveQuietly("sub/x.h", root.resolve("main.c"), false));
  }

  @Test
  void unknownNameResolvesToNothing() throws IOException {
    Path root = tree(root(), "main.c");
    assertNull(resolver().resolveQuietly("nowhere.h", root.resolve("main.c"), false));
    assertNull(resolver().resolveQuietly("", root.resolve("main.c"), false));
  }

  @Test
  void nearestToTheIncluderWins() throws IOException {
    Path root = tree(root(), "app/src/main.c", "app/include/util.h", "lib/include/util.h");
    IncludeResolver r = resolver();
    assertEquals(
        root.resolve("app/include/util.h"),
        r.resolveQuietly("util.h", root.resolve("app/src/main.c"), false));
    assertEquals(
        root.resolve("lib/include/util.h"),
        r.resolveQuietly("util.h", root.resolve("lib/src/x.c"), false));
    assertEquals(Map.of(), r.ambiguities(), "one candidate was always nearer");
  }

  @Test
  void atEqualDistanceTheShallowerFileWins() throws IOException {
    Path root = tree(root(), "main.c", "x/util.h", "y/deep/util.h");
    IncludeResolver r = resolver();
    assertEquals(
        root.resolve("x/util.h"), r.resolveQuietly("util.h", root.resolve("main.c"), false));
    assertEquals(Map.of(), r.ambiguities());
  }

  @Test
  void equallyNearCandidatesAreRecordedAsAmbiguous() throws IOException {
    Path root = tree(root(), "main.c", "b/util.h", "a/util.h");
    IncludeResolver r = resolver();
    assertEquals(
        root.resolve("a/util.h"),
        r.resolveQuietly("util.h", root.resolve("main.c"), false),
        "the first in name order, so that every run picks the same file");
    assertEquals(
        Map.of(
            "util.h",
            List.of(root.resolve("a/util.h").toString(), root.resolve("b/util.h").toString())),
        r.ambiguities());
  }

  @Test
  void skippedDirectoriesAreNotSearched() throws IOException {
    Path root = tree(root(), "main.c", "build/gen.h", "src/sub/build/other.h");
    IncludeResolver r =
        new IncludeResolver(
            List.of(root),
            ParseOptions.defaults(),
            p -> p.getFileName().toString().equals("build"));
    assertNull(r.resolveQuietly("gen.h", root.resolve("main.c"), false));
    assertNull(r.resolveQuietly("other.h", root.resolve("main.c"), false));
  }

  @Test
  void pathsOutsideTheTreeAreNeverReturned() throws IOException {
    Path root = tree(root(), "src/deep/a.c", "inside.h");
    tree(tmp, "outside.h");
    IncludeResolver r = resolver();
    Path includer = root.resolve("src/deep/a.c");
    assertEquals(
        root.resolve("inside.h"),
        r.resolveQuietly("../../inside.h", includer, false),
        "a relative path that stays in the tree is fine");
    assertNull(
        r.resolveQuietly("../../../outside.h", includer, false),
        "outside.h exists but is outside the tree");
    assertNull(
        r.resolveQuietly(tmp.resolve("outside.h").toString(), includer, false),
        "an absolute path outside the tree");
    assertEquals(
        root.resolve("inside.h"),
        r.resolveQuietly(root.resolve("inside.h").toString(), includer, true),
        "an absolute path inside the tree");
    assertFalse(r.allowed(tmp.resolve("outside.h")));
    assertTrue(r.allowed(root.resolve("inside.h")));
  }

  @Test
  void parentRelativeNameIsNotLookedUpByTheTreeDefault() throws IOException {
    Path root = tree(root(), "src/a.c", "lib/x.h");
    assertNull(
        resolver().resolveQuietly("../x.h", root.resolve("src/a.c"), false),
        "../x.h from src/ would be root/x.h, which does not exist; lib/x.h must not be taken instead");
  }

  @Test
  void rootsAreAbsoluteNormalizedAndDistinct() throws IOException {
    Path root = tree(root(), "main.c");
    IncludeResolver r =
        new IncludeResolver(
            List.of(root, root.resolve("sub/.."), root.resolve(".")),
            ParseOptions.defaults(),
            p -> false);
    assertEquals(List.of(root), r.roots());
  }

  @Test
  void missingIncludesAreCountedWithTheFirstIncluderInSortedOrder() {
    IncludeResolver r = resolver();
    r.recordMissing("zlib.h", "src/z.c");
    r.recordMissing("config.h", "src/main.c");
    r.recordMissing("config.h", "lib/a.c");
    r.recordMissing("config.h", "src/b.c");
    assertEquals(
        List.of(
            new IncludeResolver.Missing("config.h", 3, "lib/a.c"),
            new IncludeResolver.Missing("zlib.h", 1, "src/z.c")),
        r.missing());
  }

  @Test
  void nothingMissingAtFirst() {
    assertEquals(List.of(), resolver().missing());
    assertEquals(Map.of(), resolver().ambiguities());
  }
}
