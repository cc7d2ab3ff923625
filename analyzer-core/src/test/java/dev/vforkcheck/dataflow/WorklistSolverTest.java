package dev.vforkcheck.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The solver on a small "which calls may have happened" analysis. */
class WorklistSolverTest {
  private static final Lattice<Set<String>> UNION =
      new Lattice<>() {
        @Override
        public Set<String> bottom() {
          return Set.of();
        }

        @Override
        public Set<String> join(Set<String> a, Set<String> b) {
          Set<String> s = new TreeSet<>(a);
          s.addAll(b);
          return Set.copyOf(s);
        }
      };

  private static final Transfer<Set<String>> CALLS =
      new Transfer<>() {
        @Override
        public Set<String> node(CfgNode node, Set<String> in) {
          if (node.expr() == null) {
            return in;
          }
          Set<String> s = new TreeSet<>(in);
          dev.vforkcheck.cfg.Expr.calls(node.expr()).forEach(c -> s.add(c.calleeName()));
          return Set.copyOf(s);
        }

        @Override
        public Set<String> edge(Edge edge, CfgNode from, Set<String> out) {
          // a test on the FALSE edge forgets everything: shows edge transfer is applied
          return edge.kind() == EdgeKind.FALSE ? Set.of("reset") : out;
        }
      };

  @Test
  void joinsAtMergePointsAndIteratesLoopsToAFixedPoint() {
    Cfg g =
        TestC.function("void f(int x) { a(); while (x) { b(); if (x > 2) c(); } d(); }", "f").cfg();
    Solution<Set<String>> s =
        WorklistSolver.forward(g, UNION, CALLS, Map.of(g.entry().id(), Set.of("start")));
    CfgNode d = TestC.node(g, "d();");
    // d() is reached only through the FALSE edge of the loop test
    assertEquals(Set.of("reset"), s.in(d.id()));
    CfgNode b = TestC.node(g, "b();");
    // the loop body sees a(), and after one iteration b() and c() too
    assertTrue(s.in(b.id()).containsAll(Set.of("start", "a", "b", "c")), s.in(b.id()).toString());
  }

  @Test
  void unreachedNodesStayAtBottom() {
    Cfg g = TestC.function("void f(void) { return; dead(); }", "f").cfg();
    Solution<Set<String>> s =
        WorklistSolver.forward(g, UNION, CALLS, Map.of(g.entry().id(), Set.of("start")));
    assertEquals(Set.of(), s.in(TestC.node(g, "dead();").id()));
  }
}
