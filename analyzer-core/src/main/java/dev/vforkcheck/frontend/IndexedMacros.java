package dev.vforkcheck.frontend;

import java.lang.reflect.Proxy;
import java.util.List;
import org.eclipse.cdt.core.index.IIndexFile;
import org.eclipse.cdt.core.index.IIndexMacro;
import org.eclipse.cdt.core.parser.ISignificantMacros;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;

/**
 * A cached header's macros handed to CDT's preprocessor the way its indexer hands over a header it
 * has already read: as a "found in index" content carrying only macro definitions, which the
 * preprocessor adds to its dictionary without lexing {@code #define} lines or recording them in the
 * AST. CDT reads only a macro's name, parameter list and expansion image (null undefines it), and
 * of the file only its significant macros; the other methods of these index interfaces are never
 * called on this path and answer null, false or 0.
 */
final class IndexedMacros {
  private static final IIndexFile FILE =
      (IIndexFile)
          Proxy.newProxyInstance(
              IndexedMacros.class.getClassLoader(),
              new Class<?>[] {IIndexFile.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getSignificantMacros" -> ISignificantMacros.NONE;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "vforkcheck header cache";
                    default -> defaultValue(method.getReturnType());
                  });

  private IndexedMacros() {}

  /**
   * A macro for {@link #content}.
   *
   * @param params the parameter names of a function-like macro, null for an object-like one
   * @param image the replacement text, null for an {@code #undef}
   */
  static IIndexMacro macro(String name, char[][] params, char[] image) {
    char[] nameChars = name.toCharArray();
    return (IIndexMacro)
        Proxy.newProxyInstance(
            IndexedMacros.class.getClassLoader(),
            new Class<?>[] {IIndexMacro.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getNameCharArray" -> nameChars;
                  case "getName" -> name;
                  case "getParameterList" -> params;
                  case "getExpansionImage", "getExpansion" -> image;
                  case "isFunctionStyle" -> params != null;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> "#define " + name;
                  default -> defaultValue(method.getReturnType());
                });
  }

  /** A content that defines (and undefines) {@code macros} for the file at {@code path}. */
  static InternalFileContent content(String path, List<IIndexMacro> macros) {
    return new InternalFileContent(path, macros, List.of(), List.of(FILE), List.of());
  }

  private static Object defaultValue(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == void.class) {
      return null;
    }
    return 0;
  }
}
