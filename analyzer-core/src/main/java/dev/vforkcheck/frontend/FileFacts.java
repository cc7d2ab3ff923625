package dev.vforkcheck.frontend;

import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything pass 1 keeps of one file in one configuration. No parser object survives in it.
 *
 * @param path path relative to the scan's base directory
 * @param lines number of lines in the file
 * @param functions every function definition of the file itself (not of its headers), in source
 *     order
 * @param globals names of variables declared at file scope
 * @param noReturnDecls functions declared noreturn in this file or in a header it includes
 * @param diagnostics problems with the input (syntax errors, preprocessor problems), in source
 *     order
 * @param unparsed code left out because of a macro with no definition, for one report per macro
 * @param variant the configuration the file was parsed in
 * @param candidates other configurations worth analyzing (inactive branches with spawn code), found
 *     when parsing the default configuration
 * @param pointerStores what the file stores into variables that are not locals ({@code void
 *     (*on_fatal)(int) = exit;}, {@code handler = on_term;}): per variable, the values stored and
 *     whether each is the initializer; which functions a global function pointer can call
 * @param parses how many times the parser read the file for these facts: 1, plus one for each round
 *     that blanked unknown macros out and parsed again
 */
public record FileFacts(
    String path,
    int lines,
    List<FunctionFacts> functions,
    Set<String> globals,
    Set<String> noReturnDecls,
    List<Diagnostic> diagnostics,
    List<Unparsed> unparsed,
    Variant variant,
    List<ConfigurationFinder.Candidate> candidates,
    Map<String, List<PointerStore>> pointerStores,
    int parses) {
  public FileFacts {
    functions = List.copyOf(functions);
    globals = Set.copyOf(globals);
    noReturnDecls = Set.copyOf(noReturnDecls);
    diagnostics = List.copyOf(diagnostics);
    unparsed = List.copyOf(unparsed);
    candidates = List.copyOf(candidates);
    Map<String, List<PointerStore>> stores = new LinkedHashMap<>();
    pointerStores.forEach((k, v) -> stores.put(k, List.copyOf(v)));
    pointerStores = Collections.unmodifiableMap(stores);
  }

  public FileFacts(
      String path,
      int lines,
      List<FunctionFacts> functions,
      Set<String> globals,
      Set<String> noReturnDecls,
      List<Diagnostic> diagnostics) {
    this(
        path,
        lines,
        functions,
        globals,
        noReturnDecls,
        diagnostics,
        List.of(),
        Variant.DEFAULT,
        List.of(),
        Map.of(),
        lines > 0 ? 1 : 0);
  }

  /** Facts of a file that was not parsed (binary, unreadable): only its diagnostics. */
  public static FileFacts skipped(String path, List<Diagnostic> diagnostics) {
    return new FileFacts(path, 0, List.of(), Set.of(), Set.of(), diagnostics);
  }

  public FileFacts withDiagnostics(List<Diagnostic> all) {
    return new FileFacts(
        path,
        lines,
        functions,
        globals,
        noReturnDecls,
        all,
        unparsed,
        variant,
        candidates,
        pointerStores,
        parses);
  }

  /**
   * A declaration or statement that did not parse, blamed on a macro that has no definition.
   *
   * @param location where the unparsed code is
   * @param macro the macro with no definition
   * @param lost what it hid that matters: a function or a fork call ("" when nothing named)
   * @param readAsEmpty the macro use was blanked out so that the code around it parses (it was not
   *     lost)
   */
  public record Unparsed(Location location, String macro, String lost, boolean readAsEmpty) {}
}
