package dev.vforkcheck.frontend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How C files are preprocessed and parsed.
 *
 * @param defines       macros defined before each file ({@code -D NAME=VALUE}); a value of "" defines the name empty
 * @param includeDirs   directories searched for {@code #include} when {@code followIncludes} is set
 * @param followIncludes false (the default) skips every {@code #include}: libc functions are known by name,
 *                      so no system headers are needed, and each file parses on its own. True is not
 *                      supported yet (CDT's file-based include provider needs Eclipse resource classes the
 *                      re-released jar lacks); the CLI does not offer it
 * @param recoverUnknownMacros when a declaration fails to parse because of an unknown object-like macro
 *                      written in capitals ({@code int FAST_FUNC f(void)}, {@code void die(void) NORETURN;}),
 *                      parse the file once more with those names defined empty
 */
public record ParseOptions(Map<String, String> defines, List<Path> includeDirs, boolean followIncludes,
                           boolean recoverUnknownMacros) {

    public ParseOptions {
        defines = Map.copyOf(defines);
        includeDirs = List.copyOf(includeDirs);
    }

    /** The defaults: no defines, includes not followed, unknown-macro recovery on. */
    public static ParseOptions defaults() {
        return new ParseOptions(Map.of(), List.of(), false, true);
    }

    public ParseOptions withDefines(Map<String, String> more) {
        var merged = new java.util.TreeMap<>(defines);
        merged.putAll(more);
        return new ParseOptions(merged, includeDirs, followIncludes, recoverUnknownMacros);
    }
}
