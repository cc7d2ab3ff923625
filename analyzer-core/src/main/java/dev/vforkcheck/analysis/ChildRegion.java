package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.model.Step;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * What the child of one fork/vfork site runs: the CFG nodes it can execute before it execs,
 * exits or leaves its own code, how each of its paths ends, and a concrete path to every node.
 * Computed once per site by {@link ChildRegionAnalysis}; rules read it and never re-derive it.
 */
public final class ChildRegion {
    private final ForkSite site;
    private final Cfg cfg;
    private final BitSet nodes;
    private final List<PathEnd> ends;
    private final Edge[] predEdge;
    private final boolean resultTested;
    private final IntPredicate parentRuns;
    private final java.util.function.IntFunction<RoleState> states;

    ChildRegion(ForkSite site, Cfg cfg, BitSet nodes, List<PathEnd> ends, Edge[] predEdge, boolean resultTested,
                IntPredicate parentRuns, java.util.function.IntFunction<RoleState> states) {
        this.states = states;
        this.site = site;
        this.cfg = cfg;
        this.nodes = (BitSet) nodes.clone();
        this.ends = List.copyOf(ends);
        this.predEdge = predEdge.clone();
        this.resultTested = resultTested;
        this.parentRuns = parentRuns;
    }

    public ForkSite site() {
        return site;
    }

    public Cfg cfg() {
        return cfg;
    }

    /** True when the child can execute {@code node} (before exec/_exit, and before it leaves its own code). */
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

    /** True when the parent can execute {@code node} too (before or after the fork). */
    public boolean parentAlsoRuns(int node) {
        return parentRuns.test(node);
    }

    /**
     * True when {@code node} is the child's own code: the child runs it and the parent does not on its
     * normal way (the failed-fork path may share it, as in {@code if (pid > 0) {...} else {child}}).
     */
    public boolean childCode(int node) {
        Set<Role> r = rolesAt(node);
        return (r.contains(Role.CHILD) || r.contains(Role.CHILD_EXECED)) && !r.contains(Role.PRE)
                && !r.contains(Role.PARENT) && !r.contains(Role.OTHER_PARENT) && !r.contains(Role.OTHER_ERROR);
    }

    /** Which roles (parent before the fork, parent, child, ...) can reach {@code node}. */
    public Set<Role> rolesAt(int node) {
        return states.apply(node).roles();
    }

    /**
     * The fact before {@code node} anywhere in the function (not only in the child): which roles
     * reach it and which lvalues still hold the fork result on each.
     */
    public RoleState stateAt(int node) {
        return states.apply(node);
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

    /** False when the fork result is never tested, so the child cannot be told apart from the parent. */
    public boolean resultTested() {
        return resultTested;
    }

    /** {@code exec+_exit}, {@code may return, leaves into parent code}, ... for the {@code sites} listing. */
    public String summary() {
        if (ends.isEmpty()) {
            return "no child path found";
        }
        return endKinds().stream().map(EndKind::label).collect(Collectors.joining(", "));
    }

    /** A concrete path from the fork call to {@code node}, as report steps. */
    public List<Step> pathTo(int node) {
        return steps(cfg, site, predEdge, node);
    }

    static List<Step> steps(Cfg cfg, ForkSite site, Edge[] predEdge, int node) {
        List<Edge> chain = new ArrayList<>();
        int cur = node;
        int guard = cfg.size() + 1;
        while (cur != site.node() && predEdge[cur] != null && guard-- > 0) {
            chain.add(predEdge[cur]);
            cur = predEdge[cur].from();
        }
        Collections.reverse(chain);
        List<Step> out = new ArrayList<>();
        out.add(new Step(site.location(), site.callee() + "() called here"));
        for (Edge e : chain) {
            CfgNode from = cfg.node(e.from());
            String text = from.text();
            switch (e.kind()) {
                case TRUE, FALSE -> {
                    if (from.kind() == NodeKind.BRANCH) {
                        out.add(new Step(from.location(), "child takes the " + (e.kind() == EdgeKind.TRUE ? "true" : "false")
                                + " branch of `" + text + "`"));
                    }
                }
                case CASE -> out.add(new Step(from.location(), "child takes `case " + e.caseLabel() + ":` of `switch ("
                        + text + ")`"));
                case DEFAULT -> out.add(new Step(from.location(), "child takes `default:` of `switch (" + text + ")`"));
                default -> {
                    if (from.kind() == NodeKind.EXPR && from.id() != site.node() && isExecCall(cfg, from)) {
                        out.add(new Step(from.location(), "exec call returns (it failed)"));
                    }
                }
            }
        }
        return out;
    }

    /** The CFG marks exec calls with an EXEC_OK edge to the no-return exit. */
    private static boolean isExecCall(Cfg cfg, CfgNode node) {
        return cfg.successors(node.id()).stream().anyMatch(e -> e.kind() == EdgeKind.EXEC_OK);
    }
}
