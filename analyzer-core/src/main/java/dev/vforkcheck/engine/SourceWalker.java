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
      Path realRoot = root.toRealPath();
      TreeSet<Path> found = new TreeSet<>();
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root) && skipDir(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (!isSource(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isSymbolicLink()) {
                Path target;
                try {
                  target = file.toRealPath();
                } catch (IOException e) {
                  return FileVisitResult.CONTINUE; // dangling link
                }
                if (!target.startsWith(realRoot) || !Files.isRegularFile(target)) {
                  return FileVisitResult.CONTINUE;
                }
              } else if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              found.add(file);
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
          });
      // a file reached both directly and through a link inside the tree is scanned once, under its
      // own name
      TreeSet<Path> kept = new TreeSet<>();
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
      out.addAll(kept);
    }
    return out;
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
