package dev.vforkcheck.frontend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How C files are preprocessed and parsed, as a compiler command line says it.
 *
 * @param defines macros defined before each file ({@code -D NAME=VALUE}); a value of "" defines the
 *     name empty
 * @param undefines macros undefined before each file ({@code -U NAME}), after the defines
 * @param includeDirs {@code -I} directories, searched for quoted and angle includes, in order
 * @param systemIncludeDirs {@code -isystem} directories, searched after the {@code -I} ones
 * @param preIncludes files read before each file ({@code -include FILE})
 * @param systemHeaders also search the machine's C library headers (/usr/include, ...); off by
 *     default, when a small bundled stand-in for the C library's macros is used instead
 * @param followIncludes read the files {@code #include} names (beside the includer, in the -I dirs,
 *     in the scanned tree); false parses each file on its own
 * @param recoverUnknownMacros when a declaration or statement fails to parse because of an unknown
 *     object-like macro written in capitals ({@code int FAST_FUNC f(void)}), retry with that word
 *     blanked out in the failing code only
 */
public record ParseOptions(
    Map<String, String> defines,
    Set<String> undefines,
    List<Path> includeDirs,
    List<Path> systemIncludeDirs,
    List<Path> preIncludes,
    boolean systemHeaders,
    boolean followIncludes,
    boolean recoverUnknownMacros) {

  public ParseOptions {
    defines = Map.copyOf(defines);
    undefines = Set.copyOf(undefines);
    includeDirs = List.copyOf(includeDirs);
    systemIncludeDirs = List.copyOf(systemIncludeDirs);
    preIncludes = List.copyOf(preIncludes);
  }

  /**
   * The defaults: no defines, includes followed inside the scanned tree, unknown-macro recovery on.
   */
  public static ParseOptions defaults() {
    return new ParseOptions(Map.of(), Set.of(), List.of(), List.of(), List.of(), false, true, true);
  }

  public ParseOptions withDefines(Map<String, String> more) {
    var merged = new TreeMap<>(defines);
    merged.putAll(more);
    return new ParseOptions(
        merged,
        undefines,
        includeDirs,
        systemIncludeDirs,
        preIncludes,
        systemHeaders,
        followIncludes,
        recoverUnknownMacros);
  }

  public ParseOptions withUndefines(Set<String> more) {
    var merged = new TreeSet<>(undefines);
    merged.addAll(more);
    return new ParseOptions(
        defines,
        merged,
        includeDirs,
        systemIncludeDirs,
        preIncludes,
        systemHeaders,
        followIncludes,
        recoverUnknownMacros);
  }

  public ParseOptions withIncludes(List<Path> dirs, List<Path> systemDirs, List<Path> files) {
    return new ParseOptions(
        defines,
        undefines,
        concat(includeDirs, dirs),
        concat(systemIncludeDirs, systemDirs),
        concat(preIncludes, files),
        systemHeaders,
        followIncludes,
        recoverUnknownMacros);
  }

  public ParseOptions withSystemHeaders(boolean on) {
    return new ParseOptions(
        defines,
        undefines,
        includeDirs,
        systemIncludeDirs,
        preIncludes,
        on,
        followIncludes,
        recoverUnknownMacros);
  }

  public ParseOptions withFollowIncludes(boolean on) {
    return new ParseOptions(
        defines,
        undefines,
        includeDirs,
        systemIncludeDirs,
        preIncludes,
        systemHeaders,
        on,
        recoverUnknownMacros);
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> out = new ArrayList<>(a);
    b.forEach(
        p -> {
          if (!out.contains(p)) {
            out.add(p);
          }
        });
    return out;
  }
}
