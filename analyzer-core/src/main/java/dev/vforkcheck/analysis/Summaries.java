package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Expr;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The summaries of every function defined in the scanned tree, resolved as the linker would: a
 * {@code static} function in the caller's own file first, then the external function of that name.
 * Immutable once built.
 */
public final class Summaries {
  /** No summaries: every project function is unknown (single-file tools and tests). */
  public static final Summaries NONE = new Summaries(Map.of(), Map.of(), Set.of(), null, Set.of());

  private final Map<String, Summary> statics; // path + '\0' + name
  private final Map<String, Summary> externals; // name
  private final Set<String> declaredNoReturn;
  private final Specializer specializer;
  private final Set<String> pointerVariables;

  Summaries(
      Map<String, Summary> statics,
      Map<String, Summary> externals,
      Set<String> declaredNoReturn,
      Specializer specializer,
      Set<String> pointerVariables) {
    this.specializer = specializer;
    this.pointerVariables = Set.copyOf(pointerVariables);
    this.statics = Collections.unmodifiableMap(new HashMap<>(statics));
    this.externals = Collections.unmodifiableMap(new HashMap<>(externals));
    this.declaredNoReturn = Set.copyOf(declaredNoReturn);
  }

  /**
   * True when some scanned file (a header, typically) declares the function noreturn. Used for
   * functions whose body is not in the tree, so that a call of {@code usage()} declared {@code
   * __attribute__((noreturn))} in a header ends the child's path.
   */
  public boolean declaredNoReturn(String name) {
    return name != null && declaredNoReturn.contains(name);
  }

  /**
   * The summary of {@code callee} as seen from a call in the file {@code callerPath}, or null when
   * it has no body here.
   */
  public Summary resolve(String callerPath, String callee) {
    if (callee == null) {
      return null;
    }
    Summary s = statics.get(key(callerPath, callee));
    return s != null ? s : externals.get(callee);
  }

  /**
   * The summary of the function {@code call} calls from the file {@code callerPath}, specialized to
   * the call's constant arguments where they decide the callee's branches ({@code errmsg(1, ...)}
   * exits, {@code errmsg(0, ...)} returns); null when it has no body here.
   */
  public Summary resolveCall(String callerPath, Expr.Call call) {
    Summary base = resolve(callerPath, call.calleeName());
    return specializer == null ? base : specializer.atCall(callerPath, call, base);
  }

  /**
   * True when {@code name} is a variable (not a function) the tree stores into: called, it is a
   * function pointer whose targets are not all known (those whose targets are known resolve).
   */
  public boolean isPointerVariable(String name) {
    return name != null && pointerVariables.contains(name);
  }

  public int size() {
    return statics.size() + externals.size();
  }

  /**
   * True for a header: its static (inline) functions are compiled into every file that includes it,
   * so calls from other files resolve to them when no function of the name is external.
   */
  static boolean isHeader(String path) {
    return path.endsWith(".h");
  }

  static String key(String path, String name) {
    return path + '\u0000' + name;
  }
}
