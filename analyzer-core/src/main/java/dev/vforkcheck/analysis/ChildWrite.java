package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * A store the child of a fork/vfork site can make, classified by whose memory it writes.
 *
 * @param node the CFG node that makes it
 * @param target the written lvalue
 * @param location the assignment or increment
 * @param memory whose memory it is
 * @param root the variable at the root of the lvalue, or null
 */
public record ChildWrite(CfgNode node, Expr target, Location location, Memory memory, String root) {

  /** Whose memory a store lands in. */
  public enum Memory {
    /** A variable declared inside the child's own code: its own stack slot. */
    CHILD_LOCAL,
    /** The variable that receives the fork result. */
    RESULT,
    /** A local of the enclosing function declared before the fork (the parent's stack frame). */
    PARENT_LOCAL,
    /**
     * Like PARENT_LOCAL, but the parent never reads the variable after the fork returns to it: the
     * store is harmless as the code stands.
     */
    UNREAD_PARENT_LOCAL,
    /** Like PARENT_LOCAL, but declared {@code volatile}: the documented way to pass errno back. */
    VOLATILE_LOCAL,
    /** A global or a static variable. */
    GLOBAL,
    /** Memory reached through a pointer: whatever it points to, often the parent's. */
    THROUGH_POINTER
  }

  /** Every store in the child region, in CFG order. */
  static List<ChildWrite> of(ChildRegion region, FunctionFacts fn, KnowledgeBase knowledge) {
    List<ChildWrite> out = new ArrayList<>();
    for (CfgNode node : region.nodes()) {
      for (Store s : Store.of(node)) {
        switch (s.kind()) {
          case INITIALIZER, ADDRESS_TAKEN -> {
            continue; // the child's own new variable; an address is not a store yet
          }
          case ASSIGN -> {
            if (region.rolesAt(node.id()).contains(Role.PARENT)) {
              // the parent runs this very assignment itself when it resumes, overwriting what
              // the child stored (`child = pid;` before the test); ++ and += would apply
              // twice, so they stay
              continue;
            }
          }
          default -> {}
        }
        out.add(classify(region, fn, knowledge, node, s.target(), s.location()));
      }
    }
    return out;
  }

  private static ChildWrite classify(
      ChildRegion region,
      FunctionFacts fn,
      KnowledgeBase knowledge,
      CfgNode node,
      Expr target,
      Location at) {
    Expr t = Expr.stripCasts(target);
    String root = Expr.rootName(t);
    String key = Expr.lvalueKey(t);
    if (key != null && key.equals(region.site().resultKey())) {
      return new ChildWrite(node, target, at, Memory.RESULT, root);
    }
    LocalVar local = root == null ? null : fn.locals().get(root);
    boolean throughPointer =
        viaPointer(t) || (local != null && local.pointer() && !(t instanceof Expr.Name));
    if (throughPointer && root != null && pointsToChildAllocation(region, knowledge, root)) {
      // memory the child allocated itself (already reported by vfork-heap): no parent data lives
      // there
      return new ChildWrite(node, target, at, Memory.CHILD_LOCAL, root);
    }
    if (root == null || throughPointer) {
      return new ChildWrite(node, target, at, Memory.THROUGH_POINTER, root);
    }
    if (declaredInChild(region, fn, root)) {
      // also covers a child variable that shadows a parent variable of the same name
      return new ChildWrite(node, target, at, Memory.CHILD_LOCAL, root);
    }
    if (local == null || local.isStatic()) {
      return new ChildWrite(node, target, at, Memory.GLOBAL, root);
    }
    Memory memory =
        local.isVolatile()
            ? Memory.VOLATILE_LOCAL
            : parentReadsLater(region, fn, root) ? Memory.PARENT_LOCAL : Memory.UNREAD_PARENT_LOCAL;
    return new ChildWrite(node, target, at, memory, root);
  }

  /**
   * True when code the parent runs after the fork returned to it (the PARENT role reaches it, also
   * around a loop) reads the variable: anything but being the target of a plain assignment.
   */
  private static boolean parentReadsLater(ChildRegion region, FunctionFacts fn, String name) {
    for (CfgNode n : fn.cfg().nodes()) {
      if (n.expr() != null
          && region.stateAt(n.id()).has(Role.PARENT)
          && mentionsOutsidePlainTargets(n.expr(), name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code e} may read the variable: it occurs other than as the target of a plain
   * assignment ({@code x = 5} does not read x, {@code x = x + 1} and {@code f(&x)} do).
   */
  private static boolean mentionsOutsidePlainTargets(Expr e, String name) {
    int[] all = new int[1];
    int[] targets = new int[1];
    Expr.walk(
        e,
        sub -> {
          if (sub instanceof Expr.Name n && n.id().equals(name)) {
            all[0]++;
          }
          if (sub instanceof Expr.Binary b
              && b.op() == Expr.BinaryOp.ASSIGN
              && Expr.stripCasts(b.left()) instanceof Expr.Name target
              && target.id().equals(name)) {
            targets[0]++;
          }
        });
    return all[0] > targets[0];
  }

  /**
   * True when the pointer is a local the child declares itself and only ever sets from memory the
   * child allocated (`char **av = calloc(...)`, `av = realloc(av, ...)`, `name = alloca(n)`) or
   * from itself (`name = memcpy(name + k, ...)`, `name = name + 1`).
   */
  private static boolean pointsToChildAllocation(
      ChildRegion region, KnowledgeBase knowledge, String name) {
    boolean declared = false;
    boolean allocated = false;
    boolean otherwise = false;
    for (CfgNode n : region.nodes()) {
      if (!region.childCode(n.id())) {
        continue;
      }
      if (n.kind() == NodeKind.DECL && name.equals(n.declaredName())) {
        declared = true;
      }
      for (Store s : Store.of(n)) {
        if (s.value() == null
            || !(Expr.stripCasts(s.target()) instanceof Expr.Name target)
            || !target.id().equals(name)) {
          continue;
        }
        Owned owned = owned(s.value(), name, knowledge);
        allocated |= owned == Owned.ALLOCATED;
        otherwise |= owned == Owned.NO;
      }
    }
    return declared && allocated && !otherwise;
  }

  /** Whether a pointer value is memory the child owns. */
  private enum Owned {
    /** A fresh allocation: the heap or the child's stack. */
    ALLOCATED,
    /**
     * Derived from the pointer itself (arithmetic, or a function that returns its first argument).
     */
    SELF,
    /** Anything else. */
    NO
  }

  private static Owned owned(Expr value, String name, KnowledgeBase knowledge) {
    Expr v = Expr.stripCasts(value);
    if (v instanceof Expr.Call call && call.calleeName() != null) {
      String callee = call.calleeName();
      if (knowledge.is(callee, FunctionClass.HEAP) || knowledge.isStackAllocator(callee)) {
        return Owned.ALLOCATED;
      }
      if (knowledge.returnsFirstArgument(callee) && !call.args().isEmpty()) {
        return owned(call.args().get(0), name, knowledge) == Owned.NO ? Owned.NO : Owned.SELF;
      }
      return Owned.NO;
    }
    if (v instanceof Expr.Binary b
        && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)) {
      return owned(b.left(), name, knowledge) == Owned.NO ? Owned.NO : Owned.SELF;
    }
    return v instanceof Expr.Name n && n.id().equals(name) ? Owned.SELF : Owned.NO;
  }

  /** True when a non-static local of this name is declared by a node only the child runs. */
  private static boolean declaredInChild(ChildRegion region, FunctionFacts fn, String name) {
    LocalVar first = fn.locals().get(name);
    for (CfgNode n : region.nodes()) {
      if (n.kind() == NodeKind.DECL
          && name.equals(n.declaredName())
          && region.childCode(n.id())
          && !(first != null && first.declNode() == n.id() && first.isStatic())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the lvalue dereferences a pointer ({@code *p}, {@code p->f}). Array indexing is not
   * counted.
   */
  private static boolean viaPointer(Expr e) {
    Expr x = Expr.stripCasts(e);
    while (true) {
      if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.DEREF) {
        return true;
      } else if (x instanceof Expr.Member m) {
        if (m.arrow()) {
          return true;
        }
        x = Expr.stripCasts(m.base());
      } else if (x instanceof Expr.Index i) {
        x = Expr.stripCasts(i.base());
      } else {
        return false;
      }
    }
  }
}
