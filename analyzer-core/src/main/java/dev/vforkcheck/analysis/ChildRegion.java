package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.model.Step;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * What the child of one fork/vfork site runs: the CFG nodes it can execute before it execs, exits
 * or leaves its own code, how each of its paths ends, a witness path to every node, and the calls
 * and stores it makes there. Computed once per site by {@link ChildRegionAnalysis}; every rule and
 * the porting advisor read it and never re-derive it.
 */
public final class ChildRegion {
  private final ForkSite site;
  private final Cfg cfg;
  private final BitSet nodes;
  private final BitSet normalPath;
  private final List<PathEnd> ends;
  private final Witness witness;
  private final boolean resultTested;
  private final IntFunction<RoleState> states;
  private final List<ChildCall> calls;
  private final List<ChildWrite> writes;

  /**
   * A region as {@link RegionBuilder} reads it; the child's calls and stores come with {@link
   * #withEffects}.
   */
  ChildRegion(
      ForkSite site,
      Cfg cfg,
      BitSet nodes,
      BitSet normalPath,
      List<PathEnd> ends,
      Witness witness,
      boolean resultTested,
      IntFunction<RoleState> states,
      List<ChildCall> calls,
      List<ChildWrite> writes) {
    this.site = site;
    this.cfg = cfg;
    this.nodes = (BitSet) nodes.clone();
    this.normalPath = (BitSet) normalPath.clone();
    this.ends = List.copyOf(ends);
    this.witness = witness;
    this.resultTested = resultTested;
    this.states = states;
    this.calls = List.copyOf(calls);
    this.writes = List.copyOf(writes);
  }

  /** The same region with the calls and stores its child makes. */
  ChildRegion withEffects(List<ChildCall> childCalls, List<ChildWrite> childWrites) {
    return new ChildRegion(
        site, cfg, nodes, normalPath, ends, witness, resultTested, states, childCalls, childWrites);
  }

  /** The same region seen as the child of {@code other} (the site viewed as a vfork call). */
  public ChildRegion forSite(ForkSite other) {
    return new ChildRegion(
        other, cfg, nodes, normalPath, ends, witness, resultTested, states, calls, writes);
  }

  public ForkSite site() {
    return site;
  }

  public Cfg cfg() {
    return cfg;
  }

  /**
   * True when the child can execute {@code node} (before exec/_exit, and before it leaves its own
   * code).
   */
  public boolean contains(int node) {
    return nodes.get(node);
  }

  /** The child's nodes in CFG order. */
  public List<CfgNode> nodes() {
    List<CfgNode> out = new ArrayList<>();
    for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
      out.add(cfg.node(n));
    }
    return Collections.unmodifiableList(out);
  }

  /** Every call the child makes, in CFG order, outermost call of a node first. */
  public List<ChildCall> calls() {
    return calls;
  }

  /** Every store the child makes, in CFG order, classified by whose memory it writes. */
  public List<ChildWrite> writes() {
    return writes;
  }

  /** True when the parent can execute {@code node} too (before or after the fork). */
  public boolean parentAlsoRuns(int node) {
    return states.apply(node).hasParent();
  }

  /**
   * True when {@code node} is the child's own code: the child runs it and the parent does not on
   * its normal way (the failed-fork path may share it, as in {@code if (pid > 0) {...} else
   * {child}}).
   */
  public boolean childCode(int node) {
    Set<Role> r = rolesAt(node);
    return r.stream().anyMatch(Role::isChild) && r.stream().noneMatch(Role::parentsNormalPath);
  }

  /** Which roles (parent before the fork, parent, child, ...) can reach {@code node}. */
  public Set<Role> rolesAt(int node) {
    return states.apply(node).roles();
  }

  /**
   * The fact before {@code node} anywhere in the function (not only in the child): which roles
   * reach it and what is known about the fork result's holders on each.
   */
  public RoleState stateAt(int node) {
    return states.apply(node);
  }

  /**
   * True when only the child after a failed exec reaches {@code node} (not before an exec attempt).
   */
  public boolean onlyAfterFailedExec(int node) {
    Set<Role> r = rolesAt(node);
    return r.contains(Role.CHILD_EXECED) && !r.contains(Role.CHILD);
  }

  /**
   * True when the child reaches {@code node} only on an error path: after an exec that returned, or
   * through a branch taken only when a call failed ({@code if (dup2(fd, 1) < 0)}).
   */
  public boolean onErrorPath(int node) {
    return nodes.get(node) && (!normalPath.get(node) || onlyAfterFailedExec(node));
  }

  /** Every distinct way a child path ends, in source order. */
  public List<PathEnd> ends() {
    return ends;
  }

  public Set<EndKind> endKinds() {
    Set<EndKind> out = EnumSet.noneOf(EndKind.class);
    ends.forEach(e -> out.add(e.kind()));
    return out;
  }

  /**
   * False when the fork result is never tested, so the child cannot be told apart from the parent.
   */
  public boolean resultTested() {
    return resultTested;
  }

  /**
   * {@code exec+_exit}, {@code may return, leaves into parent code}, ... for the {@code sites}
   * listing.
   */
  public String summary() {
    if (ends.isEmpty()) {
      return "no child path found";
    }
    return endKinds().stream().map(EndKind::label).collect(Collectors.joining(", "));
  }

  /** A concrete path from the fork call to {@code node}, as report steps. */
  public List<Step> pathTo(int node) {
    return witness.pathTo(node);
  }
}
