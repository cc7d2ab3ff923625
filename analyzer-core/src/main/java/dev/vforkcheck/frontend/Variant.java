package dev.vforkcheck.frontend;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One configuration a file is analyzed in: macros forced on or off on top of the scan's own
 * defines. Forced macros keep their value even where a header defines them otherwise (a
 * configuration header that says {@code #define DROPBEAR_VFORK 0} when fork exists), as if the
 * build had chosen them.
 *
 * @param name how findings name it: {@code DROPBEAR_VFORK=1}, {@code !USE_FORK}, {@code nommu}, or
 *     "" for the scan's default configuration
 * @param defines macros forced to a value
 * @param undefines macros forced undefined
 */
public record Variant(String name, Map<String, String> defines, Set<String> undefines) {
  public static final Variant DEFAULT = new Variant("", Map.of(), Set.of());

  public Variant {
    defines = Map.copyOf(new TreeMap<>(defines));
    undefines = Set.copyOf(new TreeSet<>(undefines));
  }

  /**
   * The built-in named configurations. {@code nommu}: what a no-MMU (uClinux) build sets: the
   * target macro on, the MMU and working-fork switches of common projects and C libraries off.
   */
  public static Map<String, Variant> builtIn() {
    return Map.of(
        "nommu",
        new Variant(
            "nommu",
            Map.of("__uClinux__", "1", "BB_MMU", "0", "CFG_TOYBOX_FORK", "0"),
            Set.of(
                "__ARCH_USE_MMU__",
                "__ARCH_HAS_MMU__",
                "CONFIG_MMU",
                "HAVE_FORK",
                "HAVE_WORKING_FORK")));
  }

  public boolean isDefault() {
    return defines.isEmpty() && undefines.isEmpty();
  }

  /** A name made of the forced macros: {@code A B=0 !C} (A is 1, B is 0, C is undefined). */
  public static Variant of(Map<String, String> defines, Set<String> undefines) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(defines)
        .forEach(
            (k, v) ->
                sb.append(sb.length() == 0 ? "" : " ")
                    .append(k)
                    .append(v.equals("1") ? "" : "=" + v)); // -D NAME means NAME=1
    new TreeSet<>(undefines)
        .forEach(k -> sb.append(sb.length() == 0 ? "" : " ").append('!').append(k));
    return new Variant(sb.toString(), defines, undefines);
  }

  /** Preprocessor text that forces this configuration. */
  public String forcingText() {
    StringBuilder sb = new StringBuilder();
    new TreeSet<>(undefines).forEach(u -> sb.append("#undef ").append(u).append('\n'));
    new TreeMap<>(defines)
        .forEach(
            (k, v) ->
                sb.append("#undef ")
                    .append(k.replaceAll("\\(.*$", ""))
                    .append('\n')
                    .append("#define ")
                    .append(k)
                    .append(' ')
                    .append(v)
                    .append('\n'));
    return sb.toString();
  }
}
