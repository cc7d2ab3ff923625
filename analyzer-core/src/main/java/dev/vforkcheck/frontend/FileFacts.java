package dev.vforkcheck.frontend;

import dev.vforkcheck.model.Diagnostic;

import java.util.List;
import java.util.Set;

/**
 * Everything pass 1 keeps of one file. No parser object survives in it.
 *
 * @param path         path relative to the scan's base directory
 * @param lines        number of lines in the file
 * @param functions    every function definition, in source order
 * @param globals      names of variables declared at file scope
 * @param noReturnDecls functions declared noreturn in this file (with or without a body)
 * @param diagnostics  problems with the input (syntax errors, preprocessor problems), in source order
 */
public record FileFacts(String path, int lines, List<FunctionFacts> functions, Set<String> globals,
                        Set<String> noReturnDecls, List<Diagnostic> diagnostics) {
    public FileFacts {
        functions = List.copyOf(functions);
        globals = Set.copyOf(globals);
        noReturnDecls = Set.copyOf(noReturnDecls);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Facts of a file that was not parsed (binary, unreadable): only its diagnostics. */
    public static FileFacts skipped(String path, List<Diagnostic> diagnostics) {
        return new FileFacts(path, 0, List.of(), Set.of(), Set.of(), diagnostics);
    }
}
