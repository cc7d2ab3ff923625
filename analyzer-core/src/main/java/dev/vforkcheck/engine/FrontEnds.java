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
import java.util.Collections;
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
  private final Harvest harvest;
  private final Set<String> spawnNames = new TreeSet<>();

  /**
   * @param roots where includes are looked up
   * @param harvest what pass 0 learned from the headers
   */
  FrontEnds(
      KnowledgeBase knowledge,
      ConfigurationFinder.Mode variants,
      List<Path> roots,
      Harvest harvest) {
    this.knowledge = knowledge;
    this.variants = variants;
    this.roots = roots;
    this.harvest = harvest;
    harvest.spawnMacros().keySet().forEach(k -> spawnNames.add(k.replaceAll("\\(.*$", "")));
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
          Map<String, String> macros = new LinkedHashMap<>(harvest.attributeMacros());
          macros.putAll(harvest.spawnMacros());
          ParseOptions withHarvest = macros.isEmpty() ? o : withMacros(o, macros);
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
   * What pass 0 learns from the scanned headers.
   *
   * @param spawnMacros macros that hide fork, vfork, exec or _exit (such as {@code xvfork()}):
   *     every file is parsed with them, whether or not its includes are followed
   * @param attributeMacros attribute-like macros ({@code FAST_FUNC}, {@code NORETURN}): every file
   *     is parsed with them (a header that defines one again overrides it), so that a declaration
   *     whose header is not read (includes not followed, or not found) parses the first time
   * @param redefined the libc names the headers redefine as macros
   */
  record Harvest(
      Map<String, String> spawnMacros, Map<String, String> attributeMacros, Set<String> redefined) {
    Harvest {
      spawnMacros = Collections.unmodifiableMap(new LinkedHashMap<>(spawnMacros));
      attributeMacros = Collections.unmodifiableMap(new LinkedHashMap<>(attributeMacros));
      redefined = Set.copyOf(redefined);
    }
  }

  /** Pass 0: reads every scanned header once for its {@link Harvest}. */
  static Harvest harvest(List<Path> files, KnowledgeBase knowledge) {
    Map<String, String> spawn = new LinkedHashMap<>();
    Set<String> redefined = new TreeSet<>();
    List<MacroHarvest.AttributeDefinitions> attributes = new ArrayList<>();
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".h")) {
        continue;
      }
      try {
        byte[] bytes = Files.readAllBytes(f);
        if (!SourceText.looksBinary(bytes)) {
          SourceText text = SourceText.decode(bytes);
          MacroHarvest.HeaderMacros found = MacroHarvest.read(text, knowledge);
          found.spawn().forEach(spawn::putIfAbsent);
          attributes.add(found.attributes());
          redefined.addAll(MacroHarvest.libcNamesRedefined(text, knowledge));
        }
      } catch (IOException | RuntimeException e) {
        // the file is reported when pass 1 reads it
      }
    }
    Map<String, String> attributeMacros = MacroHarvest.attributeMacros(attributes);
    spawn.keySet().forEach(k -> attributeMacros.remove(k));
    return new Harvest(spawn, attributeMacros, redefined);
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
