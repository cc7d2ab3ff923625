package dev.vforkcheck.engine;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands the paths a user names into the C files to scan: files named directly are taken as they
 * are; directories are walked for {@code .c} and {@code .h} files in sorted order, skipping version
 * control and build output folders, and never following a symbolic link out of the tree.
 */
public final class SourceWalker {
  private static final Set<String> SKIPPED_DIRS =
      Set.of("target", "node_modules", "CMakeFiles", "autom4te.cache", "_build", "CVS");

  private SourceWalker() {}

  /** The files to scan, in order, with duplicates removed. */
  public static List<Path> expand(List<Path> roots) throws IOException {
    Set<Path> seenReal = new LinkedHashSet<>();
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new NoSuchFileException(root.toString(), null, "no such file or directory");
      }
      if (!Files.isDirectory(root)) {
        if (seenReal.add(root.toRealPath())) {
          out.add(root.normalize());
        }
        continue;
      }
      out.addAll(keepOnce(walk(root), seenReal));
    }
    return out;
  }

  /** The source files under a directory, sorted, skipping what {@link #skipDir} skips. */
  private static Set<Path> walk(Path root) throws IOException {
    Collector collector = new Collector(root, root.toRealPath());
    Files.walkFileTree(root, collector);
    return collector.found;
  }

  /**
   * The files not seen yet, sorted. A file reached both directly and through a link inside the tree
   * is scanned once, under its own name: plain files are taken before links.
   */
  private static Set<Path> keepOnce(Set<Path> found, Set<Path> seenReal) {
    Set<Path> kept = new TreeSet<>();
    for (boolean links : new boolean[] {false, true}) {
      for (Path f : found) {
        if (Files.isSymbolicLink(f) != links) {
          continue;
        }
        Path real;
        try {
          real = f.toRealPath();
        } catch (IOException e) {
          real = f.toAbsolutePath().normalize();
        }
        if (seenReal.add(real)) {
          kept.add(f.normalize());
        }
      }
    }
    return kept;
  }

  /** Collects the source files of one directory walk. */
  private static final class Collector extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Path realRoot;
    final Set<Path> found = new TreeSet<>();

    Collector(Path root, Path realRoot) {
      this.root = root;
      this.realRoot = realRoot;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (!dir.equals(root) && skipDir(dir)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (!isSource(file)) {
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isSymbolicLink() ? linksIntoTree(file) : attrs.isRegularFile()) {
        found.add(file);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      // unreadable entries are reported when the file itself is read; keep walking
      if (isSource(file)) {
        found.add(file);
      }
      return FileVisitResult.CONTINUE;
    }

    /** True for a link to a regular file inside the tree; false for a dangling link. */
    private boolean linksIntoTree(Path link) {
      Path target;
      try {
        target = link.toRealPath();
      } catch (IOException e) {
        return false; // dangling link
      }
      return target.startsWith(realRoot) && Files.isRegularFile(target);
    }
  }

  public static boolean skipDir(Path dir) {
    Path name = dir.getFileName();
    if (name == null) {
      return false;
    }
    String n = name.toString();
    if (n.startsWith(".") && !n.equals(".") && !n.equals("..")) {
      return true; // .git, .hg, .svn, editor and tool folders
    }
    return SKIPPED_DIRS.contains(n)
        || Files.exists(dir.resolve("CMakeCache.txt"), LinkOption.NOFOLLOW_LINKS);
  }

  /** True for the files a directory walk (and a staged scan) takes: {@code .c} and {@code .h}. */
  public static boolean isSource(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".c") || n.endsWith(".h");
  }
}
