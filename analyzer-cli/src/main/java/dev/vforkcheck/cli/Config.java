package dev.vforkcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vforkcheck.frontend.Variant;
import dev.vforkcheck.model.Severity;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project configuration, {@code .vforkcheck.yaml} or {@code .vforkcheck.json}, found from the
 * scanned path upward. Command-line options win over it.
 *
 * <pre>
 * rules:
 *   disable: [vfork-unsafe-call]
 *   levels: {vfork-shared-write: note, vfork-exit: {normal: error, error-path: error}}
 * exclude: ["third_party/**", "**&#47;*_test.c"]
 * assume-safe: [xmove_fd, xdup2]
 * defines: {BB_MMU: "1"}
 * undefines: [HAVE_FORK]
 * include-dirs: [include, src]          # -I, relative to this file's folder
 * system-include-dirs: [/opt/sdk/include]   # -isystem
 * pre-includes: [include/autoconf.h]    # -include
 * system-headers: false
 * compile-commands: build/compile_commands.json
 * variants: spawn                       # none | spawn | all
 * configurations:                       # named sets, chosen with --configuration NAME
 *   mynommu: {define: {NO_MMU: "1"}, undefine: [HAVE_FORK]}
 * </pre>
 */
record Config(
    Path file,
    Set<String> disabled,
    Map<String, Levels> levels,
    List<String> exclude,
    Set<String> assumeSafe,
    Map<String, String> defines,
    Build build) {

  /**
   * The levels a project sets for one rule: on the child's normal path, and only on an error path
   * (null: the rule's own level, and one below the normal level).
   */
  record Levels(Severity normal, Severity errorPath) {
    /** The level of a finding of the rule, or null to keep the level it has. */
    Severity of(boolean onErrorPath) {
      if (!onErrorPath) {
        return normal;
      }
      return errorPath != null ? errorPath : normal == null ? null : normal.lower();
    }
  }

  /** Build options from the configuration file; paths already resolved against its folder. */
  record Build(
      List<String> undefines,
      List<Path> includeDirs,
      List<Path> systemIncludeDirs,
      List<Path> preIncludes,
      Boolean systemHeaders,
      Path compileCommands,
      String variants,
      Map<String, Variant> configurations) {
    static final Build NONE =
        new Build(List.of(), List.of(), List.of(), List.of(), null, null, null, Map.of());
  }

  static final List<String> NAMES =
      List.of(".vforkcheck.yaml", ".vforkcheck.yml", ".vforkcheck.json");

  static Config none() {
    return new Config(null, Set.of(), Map.of(), List.of(), Set.of(), Map.of(), Build.NONE);
  }

  /** The first config file in {@code start} or a directory above it, or null. */
  static Path find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    for (Path d = dir; d != null; d = d.getParent()) {
      for (String n : NAMES) {
        Path p = d.resolve(n);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** The top-level keys a configuration file may hold. */
  private static final Set<String> KEYS =
      Set.of(
          "rules",
          "exclude",
          "assume-safe",
          "defines",
          "undefines",
          "include-dirs",
          "system-include-dirs",
          "pre-includes",
          "system-headers",
          "compile-commands",
          "variants",
          "configurations");

  static Config load(Path file, Set<String> knownRules) throws IOException {
    JsonNode root = read(file);
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Config(file, Set.of(), Map.of(), List.of(), Set.of(), Map.of(), Build.NONE);
    }
    if (!root.isObject()) {
      throw new IOException(file + ": expected a mapping at the top");
    }
    checkKeys(file, root);
    JsonNode rules = root.path("rules");
    Set<String> disabled = disabled(file, rules, knownRules);
    Map<String, Levels> levels = levels(file, rules, knownRules);
    List<String> exclude = new ArrayList<>();
    root.path("exclude").forEach(n -> exclude.add(n.asText()));
    Set<String> safe = new TreeSet<>();
    root.path("assume-safe").forEach(n -> safe.add(n.asText()));
    Map<String, String> defines = macros(root.path("defines"));
    return new Config(file, disabled, levels, exclude, safe, defines, build(file, root));
  }

  /** The file's tree, read as JSON or YAML by its name; a parse error names the file. */
  private static JsonNode read(Path file) throws IOException {
    boolean json = file.toString().endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(
          file
              + ": not valid "
              + (json ? "JSON" : "YAML")
              + ": "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  /** Rejects a top-level key that is not one of {@link #KEYS}. */
  private static void checkKeys(Path file, JsonNode root) throws IOException {
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new IOException(
            file
                + ": unknown key '"
                + k
                + "' (known: "
                + String.join(", ", new TreeSet<>(KEYS))
                + ")");
      }
    }
  }

  /** {@code rules: disable:}, each a known rule. */
  private static Set<String> disabled(Path file, JsonNode rules, Set<String> knownRules)
      throws IOException {
    Set<String> disabled = new TreeSet<>();
    for (JsonNode n : rules.path("disable")) {
      disabled.add(rule(file, n.asText(), knownRules));
    }
    return disabled;
  }

  /**
   * {@code rules: levels:}, each a known rule with error, warning or note, or with {@code {normal:
   * LEVEL, error-path: LEVEL}}.
   */
  private static Map<String, Levels> levels(Path file, JsonNode rules, Set<String> knownRules)
      throws IOException {
    Map<String, Levels> levels = new LinkedHashMap<>();
    var lv = rules.path("levels").properties().iterator();
    while (lv.hasNext()) {
      var e = lv.next();
      String rule = rule(file, e.getKey(), knownRules);
      JsonNode v = e.getValue();
      if (!v.isObject()) {
        levels.put(rule, new Levels(level(file, rule, v), null));
        continue;
      }
      Severity normal = null;
      Severity errorPath = null;
      for (var part : v.properties()) {
        switch (part.getKey()) {
          case "normal" -> normal = level(file, rule, part.getValue());
          case "error-path" -> errorPath = level(file, rule, part.getValue());
          default ->
              throw new IOException(
                  file
                      + ": levels of "
                      + rule
                      + " take normal and error-path, not '"
                      + part.getKey()
                      + "'");
        }
      }
      levels.put(rule, new Levels(normal, errorPath));
    }
    return levels;
  }

  private static Severity level(Path file, String rule, JsonNode value) throws IOException {
    try {
      return Severity.valueOf(value.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      throw new IOException(
          file
              + ": level of "
              + rule
              + " must be error, warning or note, not '"
              + value.asText()
              + "'",
          ex);
    }
  }

  /** A mapping of macro names to values, in the file's order. */
  private static Map<String, String> macros(JsonNode mapping) {
    Map<String, String> out = new LinkedHashMap<>();
    mapping
        .properties()
        .iterator()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Build build(Path file, JsonNode root) throws IOException {
    Path base = file.toAbsolutePath().normalize().getParent();
    List<String> undefines = new ArrayList<>();
    root.path("undefines").forEach(n -> undefines.add(n.asText()));
    Boolean systemHeaders =
        root.has("system-headers") ? root.path("system-headers").asBoolean() : null;
    Path cc =
        root.hasNonNull("compile-commands")
            ? base.resolve(root.path("compile-commands").asText())
            : null;
    String variants = variants(file, root);
    Map<String, Variant> sets = configurations(file, root.path("configurations"));
    return new Build(
        undefines,
        paths(base, root.path("include-dirs")),
        paths(base, root.path("system-include-dirs")),
        paths(base, root.path("pre-includes")),
        systemHeaders,
        cc,
        variants,
        sets);
  }

  /** {@code variants:}, none, spawn or all; null when not set. */
  private static String variants(Path file, JsonNode root) throws IOException {
    String variants = root.hasNonNull("variants") ? root.path("variants").asText() : null;
    if (variants != null && !Set.of("none", "spawn", "all").contains(variants)) {
      throw new IOException(file + ": variants must be none, spawn or all, not '" + variants + "'");
    }
    return variants;
  }

  /** {@code configurations:}, each named set defining or undefining something. */
  private static Map<String, Variant> configurations(Path file, JsonNode configurations)
      throws IOException {
    Map<String, Variant> sets = new LinkedHashMap<>();
    var it = configurations.properties().iterator();
    while (it.hasNext()) {
      var e = it.next();
      Map<String, String> def = macros(e.getValue().path("define"));
      Set<String> undef = new TreeSet<>();
      e.getValue().path("undefine").forEach(u -> undef.add(u.asText()));
      if (def.isEmpty() && undef.isEmpty()) {
        throw new IOException(
            file + ": configuration '" + e.getKey() + "' defines and undefines nothing");
      }
      sets.put(e.getKey(), new Variant(e.getKey(), def, undef));
    }
    return sets;
  }

  private static List<Path> paths(Path base, JsonNode list) {
    List<Path> out = new ArrayList<>();
    list.forEach(n -> out.add(base.resolve(n.asText()).normalize()));
    return out;
  }

  private static String rule(Path file, String id, Set<String> known) throws IOException {
    if (!known.contains(id)) {
      throw new IOException(file + ": unknown rule '" + id + "'");
    }
    return id;
  }

  /**
   * True when a file (path relative to the config file's folder, with '/') matches an exclude glob.
   */
  boolean excluded(Path sourceFile) {
    if (file == null || exclude.isEmpty()) {
      return false;
    }
    Path base = file.toAbsolutePath().getParent();
    Path abs = sourceFile.toAbsolutePath().normalize();
    if (!abs.startsWith(base)) {
      return false;
    }
    Path rel = base.relativize(abs);
    for (String glob : exclude) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (m.matches(rel)) {
        return true;
      }
    }
    return false;
  }
}
