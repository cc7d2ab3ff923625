package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.dataflow.Lattice;
import dev.vforkcheck.dataflow.Solution;
import dev.vforkcheck.dataflow.WorklistSolver;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Computes the {@link ChildRegion} of one fork/vfork site: a forward dataflow over the function's
 * CFG whose fact is the set of {@link Role}s that reach each point with what is known about the
 * fork result there ({@link RoleState}), refined on branch edges by tests of the values holding it
 * (the PARENT -(result == 0)-&gt; CHILD state machine; the role transitions are tabled in {@link
 * Role}).
 *
 * <p>The parts: {@link RoleTransfer} (roles and values), {@link RegionBuilder} (region and
 * endings), {@link Witness} (paths for reports), {@link ChildCall}/{@link ChildWrite} (what the
 * child does there).
 */
public final class ChildRegionAnalysis {
  private static final Lattice<RoleState> LATTICE =
      new Lattice<>() {
        @Override
        public RoleState bottom() {
          return RoleState.BOTTOM;
        }

        @Override
        public RoleState join(RoleState a, RoleState b) {
          return a.join(b);
        }
      };

  /** How often the region is recomputed after cutting the edges where the child left its code. */
  private static final int MAX_ROUNDS = 4;

  private final KnowledgeBase knowledge;
  private final Callees callees;
  private final BiFunction<String, Expr.Call, Summary> helpers;
  private final Predicate<String> isPointer;

  /**
   * @param summaries what the project's functions do (helpers that exec, exit or never return)
   * @param path the file being analyzed, for resolving static functions
   */
  public ChildRegionAnalysis(KnowledgeBase knowledge, Summaries summaries, String path) {
    this(
        knowledge,
        (p, name) -> orDeclared(summaries, summaries.resolve(p, name), name),
        (p, call) -> orDeclared(summaries, summaries.resolveCall(p, call), call.calleeName()),
        summaries::resolveCall,
        summaries::isPointerVariable,
        path);
  }

  /** A function without a body that a header declares noreturn never comes back. */
  private static Summary orDeclared(Summaries summaries, Summary s, String name) {
    return s == null && summaries.declaredNoReturn(name) ? SummaryFactory.declaredOnly(name) : s;
  }

  /**
   * With summaries looked up as they are being built (for wrappers, from {@link SummaryFactory}).
   */
  ChildRegionAnalysis(
      KnowledgeBase knowledge, BiFunction<String, String, Summary> lookup, String path) {
    this(
        knowledge,
        lookup,
        (p, call) -> lookup.apply(p, call.calleeName()),
        (p, call) -> lookup.apply(p, call.calleeName()),
        name -> false,
        path);
  }

  private ChildRegionAnalysis(
      KnowledgeBase knowledge,
      BiFunction<String, String, Summary> lookup,
      BiFunction<String, Expr.Call, Summary> atCall,
      BiFunction<String, Expr.Call, Summary> helpers,
      Predicate<String> isPointer,
      String path) {
    this.isPointer = isPointer;
    this.knowledge = knowledge;
    this.callees = new Callees(knowledge, lookup, path, atCall);
    this.helpers = helpers;
  }

  /** Without project summaries (a single function in isolation). */
  public ChildRegionAnalysis(KnowledgeBase knowledge) {
    this(knowledge, Summaries.NONE, "");
  }

  public ChildRegion analyze(FunctionFacts fn, ForkSite site) {
    Cfg cfg = fn.cfg();
    // The child's region ends where it leaves its own code. Solve, find where the child leaves, cut
    // those edges for the child and solve again, so that a child that ran on into the parent's code
    // (and around a loop) does not blur what the analysis knows about the real child.
    Set<Long> cut = new HashSet<>();
    ChildRegion region = null;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Solution<RoleState> solution =
          WorklistSolver.forward(
              cfg,
              LATTICE,
              new RoleTransfer(cfg, site, callees, cut),
              Map.of(cfg.entry().id(), RoleState.of(Role.PRE, Set.of())));
      RegionBuilder builder = new RegionBuilder(cfg, site, solution, cut, callees);
      region = builder.build();
      if (!cut.addAll(builder.leaveEdges())) {
        break;
      }
    }
    return region.withEffects(
        ChildCall.of(region, fn, knowledge, call -> helpers.apply(callees.path(), call), isPointer),
        ChildWrite.of(region, fn, knowledge));
  }
}
