package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.HeaderCache;
import dev.vforkcheck.frontend.IncludeResolver;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Problems of the whole tree after pass 1, one diagnostic per cause rather than one per file:
 * headers not found, header names that match several files, and code left unparsed by a macro with
 * no definition (grouped per macro). Each says what to pass to fix it.
 */
final class TreeDiagnostics {
  private final Function<Path, String> displayPath;

  /**
   * @param displayPath the path a diagnostic shows for a file
   */
  TreeDiagnostics(Function<Path, String> displayPath) {
    this.displayPath = displayPath;
  }

  /**
   * The tree's problems: missing headers, then ambiguous ones, then unparsed code.
   *
   * @param parsed per file, its configurations (only the default one, first, is looked at)
   * @param caches the header caches of pass 1's front ends
   */
  List<Diagnostic> of(List<List<Parsed>> parsed, List<HeaderCache> caches) {
    List<Diagnostic> out = new ArrayList<>();
    out.addAll(missingHeaders(caches));
    out.addAll(ambiguousHeaders(caches));
    out.addAll(unparsedCode(parsed));
    return out;
  }

  /** One diagnostic per header not read, with why and how to read it. */
  private static List<Diagnostic> missingHeaders(List<HeaderCache> caches) {
    Map<String, IncludeResolver.Missing> missing = new TreeMap<>();
    for (HeaderCache c : caches) {
      c.resolver().missing().forEach(m -> missing.merge(m.key(), m, IncludeResolver.Missing::plus));
    }
    List<Diagnostic> out = new ArrayList<>();
    for (IncludeResolver.Missing m : missing.values()) {
      String count = plural(m.count(), "#include");
      String message =
          switch (m.reason()) {
            case OUTSIDE_TREE ->
                "header \""
                    + m.name()
                    + "\" ("
                    + m.where()
                    + ") is outside the scanned tree and"
                    + " the -I directories, so it is not read ("
                    + count
                    + " of it); pass -I for its folder to"
                    + " read it";
            case MACRO_UNDEFINED ->
                "`#include "
                    + m.name()
                    + "` names its header through a macro with no"
                    + " definition ("
                    + count
                    + "); that header is not read. The build defines it: pass -D '"
                    + m.name()
                    + "=\"file.h\"'";
            case NOT_FOUND ->
                "header \""
                    + m.name()
                    + "\" was not found ("
                    + count
                    + " of it); the macros and"
                    + " types it defines are unknown, so code that uses them may not parse. If the build"
                    + " generates it, run that step first; otherwise pass -I DIR";
          };
      out.add(
          new Diagnostic(
              Diagnostic.Kind.INCLUDE, Location.point(m.firstIncluder(), 1, 1), message));
    }
    return out;
  }

  /** One diagnostic per header name that several files of the tree match equally well. */
  private List<Diagnostic> ambiguousHeaders(List<HeaderCache> caches) {
    Map<String, List<String>> ambiguous = new TreeMap<>();
    for (HeaderCache c : caches) {
      ambiguous.putAll(c.resolver().ambiguities());
    }
    List<Diagnostic> out = new ArrayList<>();
    ambiguous.forEach(
        (name, candidates) ->
            out.add(
                new Diagnostic(
                    Diagnostic.Kind.INCLUDE,
                    Location.point(displayPath.apply(Path.of(candidates.get(0))), 1, 1),
                    "header name \""
                        + name
                        + "\" matches "
                        + candidates.size()
                        + " files of the tree equally well; using this one (pass -I DIR"
                        + " to choose): "
                        + String.join(
                            ", ",
                            candidates.stream()
                                .map(c -> displayPath.apply(Path.of(c)))
                                .toList()))));
    return out;
  }

  /**
   * Code of the default configurations that a macro with no definition left unparsed (one
   * diagnostic per macro), then the macros read as empty so that the code around them parsed (one
   * diagnostic for all).
   */
  private static List<Diagnostic> unparsedCode(List<List<Parsed>> parsed) {
    Map<String, List<FileFacts.Unparsed>> byMacro = new TreeMap<>();
    Map<String, Integer> readAsEmpty = new TreeMap<>();
    Location firstRepair = null;
    for (List<Parsed> ps : parsed) {
      for (FileFacts.Unparsed u : ps.get(0).facts().unparsed()) {
        if (u.readAsEmpty()) {
          readAsEmpty.merge(u.macro(), 1, Integer::sum);
          firstRepair =
              firstRepair == null || Location.ORDER.compare(u.location(), firstRepair) < 0
                  ? u.location()
                  : firstRepair;
        } else {
          byMacro.computeIfAbsent(u.macro(), k -> new ArrayList<>()).add(u);
        }
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    byMacro.forEach((macro, list) -> out.add(undefinedMacro(macro, list)));
    if (!readAsEmpty.isEmpty()) {
      out.add(readAsEmpty(readAsEmpty, firstRepair));
    }
    return out;
  }

  /** The code {@code macro} left unparsed, at the first place. */
  private static Diagnostic undefinedMacro(String macro, List<FileFacts.Unparsed> list) {
    long files = list.stream().map(u -> u.location().path()).distinct().count();
    FileFacts.Unparsed firstOne =
        list.stream()
            .min((a, b) -> Location.ORDER.compare(a.location(), b.location()))
            .orElseThrow();
    return new Diagnostic(
        Diagnostic.Kind.SYNTAX,
        firstOne.location(),
        "`"
            + macro
            + "` has no definition: "
            + plural(list.size(), "declaration or statement")
            + " in "
            + plural(files, "file")
            + " not analyzed (the first is here); add -I for the header that defines it, or define it:"
            + " -D '"
            + macro
            + "=' or -D '"
            + macro
            + "(...)='");
  }

  /**
   * The macros read as empty, most used first (at most 12 named), at the first place one was.
   *
   * @param readAsEmpty per macro, how many places read it as empty
   */
  private static Diagnostic readAsEmpty(Map<String, Integer> readAsEmpty, Location firstRepair) {
    int total = readAsEmpty.values().stream().mapToInt(Integer::intValue).sum();
    List<Map.Entry<String, Integer>> top = new ArrayList<>(readAsEmpty.entrySet());
    top.sort(
        Map.Entry.<String, Integer>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < Math.min(12, top.size()); i++) {
      names
          .append(i == 0 ? "" : ", ")
          .append(top.get(i).getKey())
          .append(" (")
          .append(top.get(i).getValue())
          .append(')');
    }
    if (top.size() > 12) {
      names.append(", and ").append(top.size() - 12).append(" more");
    }
    return new Diagnostic(
        Diagnostic.Kind.SYNTAX_REPAIRED,
        firstRepair,
        plural(readAsEmpty.size(), "macro")
            + " with no definition "
            + (readAsEmpty.size() == 1 ? "was" : "were")
            + " read as empty in "
            + plural(total, "place")
            + " so that the code around"
            + " them could be analyzed; what they would expand to is not seen: "
            + names
            + ". Add -I for their headers (or run the build step that generates them) for exact results");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
