package dev.vforkcheck.frontend;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * Finds the file an {@code #include} names, the way a compiler would, plus one default that needs
 * no flags: a header that is not found beside the includer or in the {@code -I}/{@code -isystem}
 * directories resolves to the file of the scanned tree whose path ends with the included name,
 * nearest to the includer first. Nothing outside the tree, the include directories and (when asked)
 * the system header directories is ever read. Thread-safe; records what it could not resolve and
 * which names were ambiguous, for one report per name.
 */
public final class IncludeResolver {
  /** Where the machine's C library headers live, searched only with {@code --system-headers}. */
  private static final List<Path> SYSTEM_DIRS =
      List.of(
          Path.of("/usr/local/include"),
          Path.of("/usr/include/x86_64-linux-gnu"),
          Path.of("/usr/include/aarch64-linux-gnu"),
          Path.of("/usr/include"));

  private static final int MAX_INDEXED_FILES = 300_000;

  private final List<Path> roots;
  private final List<Path> searchDirs;

  /** The roots and include directories with symbolic links resolved. */
  private final List<Path> realRoots;

  private final Predicate<Path> skipDir;
  private volatile Map<String, List<Path>> byName;
  private final Map<String, Boolean> exists = new ConcurrentHashMap<>();
  private final Map<String, Boolean> allowedReal = new ConcurrentHashMap<>();
  private final Map<String, List<String>> ambiguous = new ConcurrentSkipListMap<>();
  private final Map<String, Missing> missing = new ConcurrentSkipListMap<>();

  /** Why an include was not read. */
  public enum Reason {
    /** Found nowhere the search looks. */
    NOT_FOUND,
    /** The file exists, but outside the tree and the include directories. */
    OUTSIDE_TREE,
    /** {@code #include NAME} where NAME is a macro with no definition. */
    MACRO_UNDEFINED
  }

  /**
   * An include that was not read: how many times, and the first includer (in sorted order).
   *
   * @param where for {@link Reason#OUTSIDE_TREE}, the file that exists; "" otherwise
   */
  public record Missing(String name, Reason reason, String where, int count, String firstIncluder) {
    public Missing(String name, int count, String firstIncluder) {
      this(name, Reason.NOT_FOUND, "", count, firstIncluder);
    }

    /** Both counts together, with the first includer of the two. */
    public Missing plus(Missing other) {
      return new Missing(
          name,
          reason,
          where,
          count + other.count(),
          firstIncluder.compareTo(other.firstIncluder()) <= 0
              ? firstIncluder
              : other.firstIncluder());
    }

    /** What identifies one report: the name and why it was not read. */
    public String key() {
      return reason + "\u0000" + name;
    }
  }

  /**
   * @param roots the scanned tree's top directories (absolute)
   * @param options -I, -isystem and --system-headers
   * @param skipDir directories of the tree never searched (build output, VCS folders)
   */
  public IncludeResolver(List<Path> roots, ParseOptions options, Predicate<Path> skipDir) {
    this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    List<Path> dirs = new ArrayList<>();
    options.includeDirs().forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
    options.systemIncludeDirs().forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
    if (options.systemHeaders()) {
      dirs.addAll(SYSTEM_DIRS);
      dirs.addAll(gccIncludeDirs());
    }
    this.searchDirs = List.copyOf(dirs);
    this.skipDir = skipDir;
    List<Path> both = new ArrayList<>(this.roots);
    both.addAll(this.searchDirs);
    this.realRoots = real(both);
  }

  public List<Path> roots() {
    return roots;
  }

  /** Records a quoted include that was found nowhere, for one report per name. */
  public void recordMissing(String name, String includer) {
    record(new Missing(name, 1, includer));
  }

  /** Records an include that was not read, for one report per name and reason. */
  public void record(Missing m) {
    missing.merge(m.key(), m, Missing::plus);
  }

  /** The file {@code name} names when included from {@code includer}, or null; records nothing. */
  public Path resolveQuietly(String name, Path includer, boolean angle) {
    if (name.isEmpty()) {
      return null;
    }
    Path asked = Path.of(name);
    if (asked.isAbsolute()) {
      Path p = asked.normalize();
      return allowed(p) && isFile(p) ? p : null;
    }
    if (!angle && includer != null && includer.getParent() != null) {
      Path p = includer.getParent().resolve(name).normalize();
      if (allowed(p) && isFile(p)) {
        return p;
      }
    }
    return searchFrom(name, includer);
  }

  /**
   * The search after the includer's own folder: -I, -isystem, system dirs, then the tree default.
   */
  public Path searchFrom(String name, Path includer) {
    for (Path dir : searchDirs) {
      Path p = dir.resolve(name).normalize();
      if (isFile(p)) {
        return p;
      }
    }
    return inTree(name, includer);
  }

  /**
   * True for files inside the tree or the include directories, also once symbolic links are
   * resolved: the only files ever read.
   */
  public boolean allowed(Path p) {
    return inside(p)
        && allowedReal.computeIfAbsent(
            p.toString(),
            k -> {
              try {
                return inside(p.toRealPath()) || insideReal(p.toRealPath());
              } catch (IOException | SecurityException e) {
                return true; // does not exist (yet): nothing is read through it
              }
            });
  }

  private boolean inside(Path p) {
    for (Path r : roots) {
      if (p.startsWith(r)) {
        return true;
      }
    }
    for (Path d : searchDirs) {
      if (p.startsWith(d)) {
        return true;
      }
    }
    return false;
  }

  /** Like {@link #inside} against the real paths of the roots (a tree reached through a link). */
  private boolean insideReal(Path real) {
    for (Path r : realRoots) {
      if (real.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> real(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path r : paths) {
      try {
        out.add(r.toRealPath());
      } catch (IOException | SecurityException e) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  public boolean isFile(Path p) {
    return exists.computeIfAbsent(p.toString(), k -> Files.isRegularFile(p));
  }

  /** The tree's file whose path ends with {@code name}, nearest to the includer's folder. */
  private Path inTree(String name, Path includer) {
    String normalized = name.replace('\\', '/');
    while (normalized.startsWith("./")) {
      normalized = normalized.substring(2);
    }
    if (normalized.startsWith("../") || normalized.isEmpty()) {
      return null;
    }
    String base = normalized.substring(normalized.lastIndexOf('/') + 1);
    List<Path> candidates = index().getOrDefault(base, List.of());
    String suffix = "/" + normalized;
    List<Path> matching = new ArrayList<>();
    for (Path c : candidates) {
      if (c.toString().replace('\\', '/').endsWith(suffix)) {
        matching.add(c);
      }
    }
    if (matching.isEmpty()) {
      return null;
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    Path from =
        includer == null || includer.getParent() == null ? roots.get(0) : includer.getParent();
    Comparator<Path> nearest =
        Comparator.comparingInt((Path c) -> -commonPrefix(c.getParent(), from))
            .thenComparingInt(Path::getNameCount)
            .thenComparing(Path::toString);
    matching.sort(nearest);
    if (commonPrefix(matching.get(0).getParent(), from)
            == commonPrefix(matching.get(1).getParent(), from)
        && matching.get(0).getNameCount() == matching.get(1).getNameCount()) {
      ambiguous.putIfAbsent(normalized, matching.stream().map(Path::toString).toList());
    }
    return matching.get(0);
  }

  private static int commonPrefix(Path a, Path b) {
    int n = 0;
    while (n < a.getNameCount() && n < b.getNameCount() && a.getName(n).equals(b.getName(n))) {
      n++;
    }
    return n;
  }

  private Map<String, List<Path>> index() {
    Map<String, List<Path>> idx = byName;
    if (idx == null) {
      synchronized (this) {
        if (byName == null) {
          byName = buildIndex();
        }
        idx = byName;
      }
    }
    return idx;
  }

  private Map<String, List<Path>> buildIndex() {
    Map<String, List<Path>> out = new HashMap<>();
    int[] count = {0};
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && skipDir.test(dir)
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !Files.isSymbolicLink(file)) {
                  out.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>())
                      .add(file);
                }
                return ++count[0] > MAX_INDEXED_FILES
                    ? FileVisitResult.TERMINATE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        // an unreadable part of the tree only means fewer headers found
      }
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(Path::toString)));
    return out;
  }

  private static List<Path> gccIncludeDirs() {
    List<Path> out = new ArrayList<>();
    Path gcc = Path.of("/usr/lib/gcc");
    if (!Files.isDirectory(gcc, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (var targets = Files.list(gcc)) {
      for (Path t : targets.sorted().toList()) {
        try (var versions = Files.list(t)) {
          versions
              .sorted(Comparator.reverseOrder())
              .map(v -> v.resolve("include"))
              .filter(Files::isDirectory)
              .findFirst()
              .ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      // no compiler headers: fine, the stand-in covers the common macros
    }
    return out;
  }

  /**
   * Include names that matched more than one file of the tree equally well, with the candidates.
   */
  public Map<String, List<String>> ambiguities() {
    return Map.copyOf(ambiguous);
  }

  /** Quoted includes found nowhere, sorted by name. */
  public List<Missing> missing() {
    return List.copyOf(missing.values());
  }
}
