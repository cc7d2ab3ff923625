package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.ConfigurationFinder;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.HeaderCache;
import dev.vforkcheck.frontend.IncludeResolver;
import dev.vforkcheck.frontend.MacroHarvest;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front ends pass 1 parses with: one per set of parse options, sharing one header cache per set
 * of include directories, each given the macros harvested from the tree's headers (pass 0). Also
 * where those tree-wide inputs come from: the harvest itself and the default include roots.
 */
final class FrontEnds {
  private final Map<ParseOptions, FrontEnd> byOptions = new ConcurrentHashMap<>();
  private final Map<List<Object>, HeaderCache> caches = new ConcurrentHashMap<>();
  private final KnowledgeBase knowledge;
  private final ConfigurationFinder.Mode variants;
  private final List<Path> roots;
  private final Map<String, String> headerMacros;
  private final Set<String> spawnNames = new TreeSet<>();

  /**
   * @param roots where includes are looked up
   * @param headerMacros the macros of {@link #harvestHeaderMacros}
   */
  FrontEnds(
      KnowledgeBase knowledge,
      ConfigurationFinder.Mode variants,
      List<Path> roots,
      Map<String, String> headerMacros) {
    this.knowledge = knowledge;
    this.variants = variants;
    this.roots = roots;
    this.headerMacros = headerMacros;
    headerMacros.keySet().forEach(k -> spawnNames.add(k.replaceAll("\\(.*$", "")));
  }

  /** The front end for {@code options}, made on first use. */
  FrontEnd of(ParseOptions options) {
    return byOptions.computeIfAbsent(
        options,
        o -> {
          HeaderCache cache =
              caches.computeIfAbsent(
                  List.of(o.includeDirs(), o.systemIncludeDirs(), o.systemHeaders()),
                  k -> new HeaderCache(new IncludeResolver(roots, o, SourceWalker::skipDir)));
          ParseOptions withHarvest = headerMacros.isEmpty() ? o : withMacros(o, headerMacros);
          return new FrontEnd(knowledge, withHarvest, cache, variants, spawnNames);
        });
  }

  /** The header caches made so far (their resolvers know the headers not found). */
  List<HeaderCache> caches() {
    return List.copyOf(caches.values());
  }

  /** Harvested macros under the user's own defines (which win). */
  private static ParseOptions withMacros(ParseOptions options, Map<String, String> macros) {
    Map<String, String> merged = new TreeMap<>(macros);
    Set<String> userNames = new HashSet<>();
    options.defines().keySet().forEach(k -> userNames.add(k.replaceAll("\\(.*$", "")));
    merged.keySet().removeIf(k -> userNames.contains(k.replaceAll("\\(.*$", "")));
    merged.putAll(options.defines());
    return new ParseOptions(
        merged,
        options.undefines(),
        options.includeDirs(),
        options.systemIncludeDirs(),
        options.preIncludes(),
        options.systemHeaders(),
        options.followIncludes(),
        options.recoverUnknownMacros());
  }

  /**
   * Pass 0: the macros in the scanned headers that hide fork, vfork, exec or _exit (such as {@code
   * xvfork()}); every file is then parsed with them, since {@code #include} is not followed.
   *
   * @param redefined filled with the libc names the headers redefine as macros
   */
  static Map<String, String> harvestHeaderMacros(
      List<Path> files, KnowledgeBase knowledge, Set<String> redefined) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".h")) {
        continue;
      }
      try {
        byte[] bytes = Files.readAllBytes(f);
        if (!SourceText.looksBinary(bytes)) {
          SourceText text = SourceText.decode(bytes);
          MacroHarvest.harvest(text, knowledge).forEach(out::putIfAbsent);
          redefined.addAll(MacroHarvest.libcNamesRedefined(text, knowledge));
        }
      } catch (IOException | RuntimeException e) {
        // the file is reported when pass 1 reads it
      }
    }
    return out;
  }

  /** The folders of the scanned files, outermost only: where includes are looked up by default. */
  static List<Path> defaultRoots(List<Path> files) {
    TreeSet<Path> dirs = new TreeSet<>();
    for (Path f : files) {
      Path parent = f.toAbsolutePath().normalize().getParent();
      if (parent != null) {
        dirs.add(parent);
      }
    }
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      if (out.stream().noneMatch(d::startsWith)) {
        out.add(d);
      }
    }
    return out;
  }
}
