package dev.vforkcheck.frontend;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.model.Location;
import java.util.List;
import java.util.Map;

/**
 * What the front end keeps of one function definition: no parser objects, only our own facts.
 *
 * @param name the function's name
 * @param isStatic declared {@code static} (visible only in its file)
 * @param location the function's name in its definition
 * @param params parameter names, in order
 * @param locals parameters and local variables by name (the first declaration wins when a name is
 *     reused)
 * @param cfg its control-flow graph
 */
public record FunctionFacts(
    String name,
    boolean isStatic,
    Location location,
    List<String> params,
    Map<String, LocalVar> locals,
    Cfg cfg) {
  public FunctionFacts {
    params = List.copyOf(params);
    locals = Map.copyOf(locals);
  }

  /** True for the program's entry point: returning from it runs exit(). */
  public boolean isMain() {
    return !isStatic && name.equals("main");
  }
}
