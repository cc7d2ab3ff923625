package dev.vforkcheck.frontend;

import java.lang.reflect.Field;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.eclipse.cdt.core.parser.util.CharArrayMap;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;

/**
 * Reads one macro's current definition from a running CDT preprocessor. CDT's public {@code
 * getMacroDefinitions()} copies the whole dictionary (thousands of macros in a C library) on every
 * call; at every {@code #include} we only need the few macros a header tests, so this looks them up
 * in the preprocessor's own dictionary. If that field is ever missing from the parser we ship (it
 * is pinned in the build), it falls back to one copy per lookup site.
 */
@FunctionalInterface
interface MacroLookup {
  /** The macro's definition, or null when it is not defined. */
  IMacroBinding get(String name);

  Field DICTIONARY = dictionaryField();

  private static Field dictionaryField() {
    try {
      Field f = CPreprocessor.class.getDeclaredField("fMacroDictionary");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** A live view of the preprocessor's macros. */
  static MacroLookup of(CPreprocessor pp) {
    if (pp == null) {
      return name -> null;
    }
    if (DICTIONARY != null) {
      try {
        @SuppressWarnings("unchecked")
        CharArrayMap<? extends IMacroBinding> dict =
            (CharArrayMap<? extends IMacroBinding>) DICTIONARY.get(pp);
        return name -> dict.get(name.toCharArray());
      } catch (IllegalAccessException | ClassCastException e) {
        // fall back below
      }
    }
    Map<String, IMacroBinding> copy = pp.getMacroDefinitions();
    return copy::get;
  }
}
