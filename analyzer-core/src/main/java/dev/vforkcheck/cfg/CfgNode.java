package dev.vforkcheck.cfg;

import dev.vforkcheck.model.Location;
import java.util.Objects;

/**
 * One CFG node. Nodes carry the analyzer's own facts, never parser objects.
 *
 * @param id index of the node in its {@link Cfg}
 * @param kind what the node stands for
 * @param location where it is in the source
 * @param expr the expression it evaluates (condition, statement expression, return value,
 *     initializer as an assignment); null when there is none
 * @param declaredName for DECL nodes, the local variable being declared; for LABEL nodes made from
 *     a label statement, the label; else null
 * @param text a short source snippet for views
 */
public record CfgNode(
    int id, NodeKind kind, Location location, Expr expr, String declaredName, String text) {
  public CfgNode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(text, "text");
  }
}
