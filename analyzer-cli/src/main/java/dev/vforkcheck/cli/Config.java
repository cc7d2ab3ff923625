package dev.vforkcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
 *   levels: {vfork-shared-write: note}
 * exclude: ["third_party/**", "**&#47;*_test.c"]
 * assume-safe: [xmove_fd, xdup2]
 * defines: {BB_MMU: "1"}
 * </pre>
 */
record Config(Path file, Set<String> disabled, Map<String, Severity> levels, List<String> exclude,
              Set<String> assumeSafe, Map<String, String> defines) {

    static final List<String> NAMES = List.of(".vforkcheck.yaml", ".vforkcheck.yml", ".vforkcheck.json");

    static Config none() {
        return new Config(null, Set.of(), Map.of(), List.of(), Set.of(), Map.of());
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

    static Config load(Path file, Set<String> knownRules) throws IOException {
        ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid " + (file.toString().endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Config(file, Set.of(), Map.of(), List.of(), Set.of(), Map.of());
        }
        if (!root.isObject()) {
            throw new IOException(file + ": expected a mapping at the top");
        }
        Set<String> allowed = Set.of("rules", "exclude", "assume-safe", "defines");
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IOException(file + ": unknown key '" + k + "' (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        Set<String> disabled = new TreeSet<>();
        for (JsonNode n : root.path("rules").path("disable")) {
            disabled.add(rule(file, n.asText(), knownRules));
        }
        Map<String, Severity> levels = new LinkedHashMap<>();
        var lv = root.path("rules").path("levels").fields();
        while (lv.hasNext()) {
            var e = lv.next();
            String level = e.getValue().asText().toUpperCase(Locale.ROOT);
            try {
                levels.put(rule(file, e.getKey(), knownRules), Severity.valueOf(level));
            } catch (IllegalArgumentException ex) {
                throw new IOException(file + ": level of " + e.getKey() + " must be error, warning or note, not '"
                        + e.getValue().asText() + "'", ex);
            }
        }
        List<String> exclude = new ArrayList<>();
        root.path("exclude").forEach(n -> exclude.add(n.asText()));
        Set<String> safe = new TreeSet<>();
        root.path("assume-safe").forEach(n -> safe.add(n.asText()));
        Map<String, String> defines = new LinkedHashMap<>();
        root.path("defines").fields().forEachRemaining(e -> defines.put(e.getKey(), e.getValue().asText()));
        return new Config(file, disabled, levels, exclude, safe, defines);
    }

    private static String rule(Path file, String id, Set<String> known) throws IOException {
        if (!known.contains(id)) {
            throw new IOException(file + ": unknown rule '" + id + "'");
        }
        return id;
    }

    /** True when a file (path relative to the config file's folder, with '/') matches an exclude glob. */
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
