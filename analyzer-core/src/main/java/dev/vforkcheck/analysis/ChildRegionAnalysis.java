package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.dataflow.Lattice;
import dev.vforkcheck.dataflow.Solution;
import dev.vforkcheck.dataflow.Transfer;
import dev.vforkcheck.dataflow.WorklistSolver;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the {@link ChildRegion} of one fork/vfork site: a forward dataflow over the function's
 * CFG whose fact is the set of {@link Role}s that reach each point, refined on branch edges by tests
 * of the variables holding the fork result (the PARENT -(result == 0)-> CHILD state machine).
 */
public final class ChildRegionAnalysis {
    private final KnowledgeBase knowledge;
    private final java.util.function.BiFunction<String, String, Summary> lookup;
    private final String path;

    /**
     * @param summaries what the project's functions do (helpers that exec, exit or never return)
     * @param path      the file being analyzed, for resolving static functions
     */
    public ChildRegionAnalysis(KnowledgeBase knowledge, Summaries summaries, String path) {
        this(knowledge, (p, name) -> {
            Summary s = summaries.resolve(p, name);
            return s == null && summaries.declaredNoReturn(name) ? SummaryFactory.declaredOnly(name) : s;
        }, path);
    }

    /** With summaries looked up as they are being built (for wrappers, from {@link SummaryFactory}). */
    ChildRegionAnalysis(KnowledgeBase knowledge, java.util.function.BiFunction<String, String, Summary> lookup,
                        String path) {
        this.knowledge = knowledge;
        this.lookup = lookup;
        this.path = path;
    }

    /** Without project summaries (a single function in isolation). */
    public ChildRegionAnalysis(KnowledgeBase knowledge) {
        this(knowledge, Summaries.NONE, "");
    }

    /** The summary of a project helper whose call ends the statement and never comes back, else null. */
    private Summary neverReturningHelper(CfgNode node) {
        if (node.kind() != NodeKind.EXPR) {
            return null;
        }
        Expr.Call call = SummaryFactory.endingCall(node);
        Summary s = call == null ? null : lookup.apply(path, call.calleeName());
        return s != null && s.neverReturns() && knowledge.classify(call.calleeName()).isEmpty() ? s : null;
    }

    private boolean isForkLike(String name) {
        if (name == null) {
            return false;
        }
        if (knowledge.classify(name).map(FunctionClass::startsProcess).orElse(false)) {
            return true;
        }
        Summary s = lookup.apply(path, name);
        return s != null && s.forkWrapper() != null;
    }

    public ChildRegion analyze(FunctionFacts fn, ForkSite site) {
        Cfg cfg = fn.cfg();
        RoleTransfer transfer = new RoleTransfer(cfg, site);
        Lattice<RoleState> lattice = new Lattice<>() {
            @Override
            public RoleState bottom() {
                return RoleState.BOTTOM;
            }

            @Override
            public RoleState join(RoleState a, RoleState b) {
                return a.join(b);
            }
        };
        // The child's region ends where it leaves its own code. Solve, find where the child leaves, cut
        // those edges for the child and solve again, so that a child that ran on into the parent's code
        // (and around a loop) does not blur what the analysis knows about the real child.
        ChildRegion region = null;
        for (int round = 0; round < 4; round++) {
            Solution<RoleState> solution = WorklistSolver.forward(cfg, lattice, transfer,
                    Map.of(cfg.entry().id(), RoleState.of(Role.PRE, Set.of())));
            RegionBuilder builder = new RegionBuilder(cfg, site, solution, transfer.cut);
            region = builder.build();
            if (!transfer.cut.addAll(builder.leaveEdges)) {
                break;
            }
        }
        return region;
    }

    // ------------------------------------------------------------------ transfer functions

    private final class RoleTransfer implements Transfer<RoleState> {
        /** Edges (from * size + to) along which the child left its own code: the child stops there. */
        final Set<Long> cut = new HashSet<>();
        private final Cfg cfg;
        private final ForkSite site;

        RoleTransfer(Cfg cfg, ForkSite site) {
            this.cfg = cfg;
            this.site = site;
        }

        @Override
        public RoleState node(CfgNode node, RoleState in) {
            if (in.isBottom()) {
                return in;
            }
            Set<String> written = writes(node);
            Map<String, Integer> steps = incrementSteps(node);
            RoleState out = written.isEmpty() ? in : in.map((r, keys) -> {
                Set<String> kept = minus(keys, written);
                // `pid--` in the child (inetd does it): the new value is still known
                for (var step : steps.entrySet()) {
                    Long before = keys.contains(step.getKey()) && r.low() == r.high() ? Long.valueOf(r.low())
                            : constantValueOf(keys, step.getKey());
                    if (before != null) {
                        kept.add(step.getKey() + "=" + (before + step.getValue()));
                    }
                }
                return kept;
            });
            out = copies(node, out);
            if (node.id() == site.node()) {
                Set<String> keys = site.resultKey() == null ? Set.of() : Set.of(site.resultKey());
                RoleState fresh = RoleState.BOTTOM;
                // whoever reaches the call and is not this site's own child forks here: the parent, or the
                // child of an earlier fork (a double fork) for whom this call is its own fork
                if (out.roles().stream().anyMatch(r -> !r.isChild())) {
                    fresh = RoleState.of(Role.PARENT, keys).join(RoleState.of(Role.ERROR, keys))
                            .join(RoleState.of(Role.CHILD, keys));
                }
                // a child that comes back to the fork call has left its code already (reported there);
                // it must not blur the fresh child's facts
                out = fresh;
            } else if (node.expr() != null && !out.isBottom()) {
                out = otherSite(node, out);
            }
            if (node.expr() != null && containsExec(node.expr())) {
                out = out.move(Role.CHILD, Role.CHILD_EXECED);
            }
            return out;
        }

        @Override
        public RoleState edge(Edge edge, CfgNode from, RoleState out) {
            if (out.isBottom()) {
                return out;
            }
            if (edge.kind() == EdgeKind.EXEC_OK || neverReturningHelper(from) != null) {
                return RoleState.BOTTOM;
            }
            if (!cut.isEmpty() && cut.contains(edgeKey(cfg, edge.from(), edge.to()))) {
                out = out.map((r, k) -> r.isChild() ? null : k);
            }
            if (from.kind() == NodeKind.BRANCH && from.expr() != null
                    && (edge.kind() == EdgeKind.TRUE || edge.kind() == EdgeKind.FALSE)) {
                boolean want = edge.kind() == EdgeKind.TRUE;
                Truth exec = execTruth(from.expr());
                if (exec != Truth.UNKNOWN && exec.value != want) {
                    return RoleState.BOTTOM; // an exec call that returned has returned -1
                }
                return out.map((r, keys) -> {
                    Truth t = truth(from.expr(), r, keys);
                    if (t == Truth.UNKNOWN && (r == Role.OTHER_PARENT || r == Role.OTHER_ERROR || r == Role.OTHER_CHILD)) {
                        t = otherTruth(from.expr(), r);
                    }
                    return t == Truth.UNKNOWN || t.value == want ? keys : null;
                });
            }
            if (from.kind() == NodeKind.SWITCH && from.expr() != null) {
                return out.map((r, keys) -> {
                    if (!isSubject(from.expr(), keys)) {
                        return keys;
                    }
                    if (edge.kind() == EdgeKind.CASE) {
                        Long v = edge.caseValue();
                        return v == null || (r.low() <= v && v <= r.high()) ? keys : null;
                    }
                    if (edge.kind() == EdgeKind.DEFAULT && r.low() == r.high()) {
                        for (Edge other : cfg.successors(from.id())) {
                            if (other.kind() == EdgeKind.CASE && other.caseValue() != null
                                    && other.caseValue() == r.low()) {
                                return null;
                            }
                        }
                    }
                    return keys;
                });
            }
            return out;
        }

        /**
         * Another fork/vfork call in the same function: the parent roles split into that call's parent,
         * error and child, so that tests of its result keep its child out of this site's parent code.
         */
        private RoleState otherSite(CfgNode node, RoleState in) {
            for (Expr.Call call : Expr.calls(node.expr())) {
                String name = call.calleeName();
                if (call == site.call() || !isForkLike(name)) {
                    continue;
                }
                String receiver = SiteFinder.receiver(node.expr(), call);
                RoleState parents = in.map((r, k) -> r.isParent() || r == Role.OTHER_CHILD ? k : null);
                if (parents.isBottom()) {
                    return in;
                }
                Set<String> keys = new HashSet<>();
                parents.roles().forEach(r -> keys.addAll(parents.keys(r)));
                if (receiver != null) {
                    keys.add(receiver);
                }
                RoleState split = RoleState.of(Role.OTHER_PARENT, keys).join(RoleState.of(Role.OTHER_ERROR, keys))
                        .join(RoleState.of(Role.OTHER_CHILD, keys));
                return in.map((r, k) -> r.isChild() ? k : null).join(split);
            }
            return in;
        }

        private boolean isSubject(Expr e, Set<String> keys) {
            Expr x = Expr.stripCasts(e);
            if (x == site.call()) {
                return true;
            }
            if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.ASSIGN || b.op() == Expr.BinaryOp.COMMA)) {
                return (b.op() == Expr.BinaryOp.ASSIGN && isSubject(b.left(), keys)) || isSubject(b.right(), keys);
            }
            String key = Expr.lvalueKey(x);
            return key != null && keys.contains(key);
        }

        /** A test of an exec call's value: when exec returns at all, it returns -1. */
        private Truth execTruth(Expr cond) {
            ValueTest t = ValueTest.of(cond);
            return t != null && isExecCall(t.subject()) ? Truth.of(t.over(-1, -1)) : Truth.UNKNOWN;
        }

        private boolean isExecCall(Expr e) {
            Expr x = Expr.stripCasts(e);
            return x instanceof Expr.Call c && c.calleeName() != null && knowledge.is(c.calleeName(), FunctionClass.EXEC);
        }

        /** A test of a variable that holds a known constant on this path ({@code pid = -1} before an optional fork). */
        private Truth constantTruth(Expr cond, Set<String> keys) {
            ValueTest t = ValueTest.of(cond);
            String key = t == null ? null : Expr.lvalueKey(t.subject());
            String known = key == null ? null : constantOf(keys, key);
            if (known == null) {
                return Truth.UNKNOWN;
            }
            long v = Long.parseLong(known);
            return Truth.of(t.over(v, v));
        }

        /** For the roles of another fork call: a test of that call's own value in its condition. */
        private Truth otherTruth(Expr cond, Role role) {
            ValueTest t = ValueTest.of(cond);
            return t != null && isForkCall(t.subject()) ? Truth.of(t.over(role.low(), role.high())) : Truth.UNKNOWN;
        }

        private boolean isForkCall(Expr e) {
            Expr x = Expr.stripCasts(e);
            if (x instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ASSIGN) {
                return isForkCall(b.right());
            }
            return x instanceof Expr.Call c && c != site.call() && isForkLike(c.calleeName());
        }

        private Truth truth(Expr cond, Role role, Set<String> keys) {
            Truth byConstant = constantTruth(cond, keys);
            if (byConstant != Truth.UNKNOWN || role == Role.PRE) {
                return byConstant;
            }
            ValueTest t = ValueTest.of(cond);
            return t != null && isSubject(t.subject(), keys) ? Truth.of(t.over(role.low(), role.high())) : Truth.UNKNOWN;
        }
    }

    private enum Truth {
        TRUE(true), FALSE(false), UNKNOWN(false);

        final boolean value;

        Truth(boolean value) {
            this.value = value;
        }

        static Truth of(Boolean b) {
            return b == null ? UNKNOWN : b ? TRUE : FALSE;
        }
    }

    private static Set<String> minus(Set<String> keys, Set<String> written) {
        if (keys.isEmpty()) {
            return keys;
        }
        Set<String> out = new HashSet<>();
        for (String k : keys) {
            boolean killed = false;
            for (String w : written) {
                if (k.equals(w) || k.startsWith(w + ".") || k.startsWith(w + "->") || k.startsWith(w + "[")
                        || k.startsWith(w + "=")) {
                    killed = true;
                    break;
                }
            }
            if (!killed) {
                out.add(k);
            }
        }
        return out;
    }

    /** The lvalues a node may overwrite: assignment targets, ++/--, address-taken arguments, declarations. */
    static Set<String> writes(CfgNode node) {
        Set<String> out = new HashSet<>();
        if (node.declaredName() != null && node.kind() == NodeKind.DECL) {
            out.add(node.declaredName());
        }
        if (node.expr() == null) {
            return out;
        }
        Expr.walk(node.expr(), e -> {
            if (e instanceof Expr.Binary b && b.op().isAssignment()) {
                String k = Expr.lvalueKey(b.left());
                if (k != null) {
                    out.add(k);
                }
            } else if (e instanceof Expr.Unary u && (u.op().writes() || u.op() == Expr.UnaryOp.ADDRESS_OF)) {
                String k = Expr.lvalueKey(u.operand());
                if (k != null) {
                    out.add(k);
                }
            }
        });
        return out;
    }

    /**
     * {@code x = pid} makes {@code x} hold the fork result too; {@code x = -1} records the constant as
     * the key {@code x=-1}, so that {@code pid = -1; if (want) pid = vfork(); if (pid == 0)} keeps the
     * path that skipped the fork out of the child.
     */
    private static RoleState copies(CfgNode node, RoleState in) {
        if (node.expr() == null) {
            return in;
        }
        List<String[]> pairs = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        Expr.walk(node.expr(), e -> {
            if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ASSIGN) {
                String to = Expr.lvalueKey(b.left());
                if (to == null) {
                    return;
                }
                Long value = Expr.constantValue(b.right());
                List<String> froms = copiedFrom(b.right());
                for (String from : froms) {
                    pairs.add(new String[]{to, from});
                }
                if (froms.isEmpty() && value != null) {
                    constants.add(to + "=" + value);
                }
            }
        });
        if (pairs.isEmpty() && constants.isEmpty()) {
            return in;
        }
        return in.map((r, keys) -> {
            Set<String> out = new HashSet<>(keys);
            for (String[] p : pairs) {
                if (keys.contains(p[1])) {
                    out.add(p[0]);
                }
                String constant = constantOf(keys, p[1]);
                if (constant != null) {
                    out.add(p[0] + "=" + constant);
                }
            }
            out.addAll(constants);
            return out;
        });
    }

    /** The lvalues whose value an expression may be: itself, or either arm of {@code c ? a : b}. */
    private static List<String> copiedFrom(Expr e) {
        Expr x = Expr.stripCasts(e);
        if (x instanceof Expr.Conditional c) {
            List<String> out = new ArrayList<>(copiedFrom(c.then()));
            out.addAll(copiedFrom(c.otherwise()));
            return out;
        }
        String key = Expr.lvalueKey(x);
        return key == null ? List.of() : List.of(key);
    }

    /** {@code x++}, {@code --x}, ...: the lvalues a node steps by one, with the step. */
    private static Map<String, Integer> incrementSteps(CfgNode node) {
        Map<String, Integer> out = new java.util.HashMap<>();
        if (node.expr() == null) {
            return out;
        }
        Expr.walk(node.expr(), e -> {
            if (e instanceof Expr.Unary u && u.op().writes()) {
                String key = Expr.lvalueKey(u.operand());
                if (key != null) {
                    int step = u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.POST_INC ? 1 : -1;
                    out.merge(key, step, Integer::sum);
                }
            }
        });
        return out;
    }

    private static Long constantValueOf(Set<String> keys, String key) {
        String c = constantOf(keys, key);
        try {
            return c == null ? null : Long.valueOf(c);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The constant recorded for an lvalue key on a path ({@code "-1"} for {@code pid=-1}), or null. */
    private static String constantOf(Set<String> keys, String key) {
        String prefix = key + "=";
        for (String k : keys) {
            if (k.startsWith(prefix)) {
                return k.substring(prefix.length());
            }
        }
        return null;
    }

    private boolean containsExec(Expr e) {
        for (Expr.Call c : Expr.calls(e)) {
            String n = c.calleeName();
            if (n == null) {
                continue;
            }
            if (knowledge.is(n, FunctionClass.EXEC)) {
                return true;
            }
            Summary s = lookup.apply(path, n);
            if (s != null && s.mayExec()) {
                return true; // a helper that tries exec (and returns when it fails)
            }
        }
        return false;
    }

    private static long edgeKey(Cfg cfg, int from, int to) {
        return (long) from * cfg.size() + to;
    }


    // ------------------------------------------------------------------ region construction

    private final class RegionBuilder {
        private final Cfg cfg;
        private final ForkSite site;
        private final Solution<RoleState> solution;
        private final Edge[] predEdge;
        private final BitSet region;
        final Set<Long> leaveEdges = new HashSet<>();
        private final Set<Long> cut;

        RegionBuilder(Cfg cfg, ForkSite site, Solution<RoleState> solution, Set<Long> cut) {
            this.cut = cut;
            this.cfg = cfg;
            this.site = site;
            this.solution = solution;
            this.predEdge = new Edge[cfg.size()];
            this.region = new BitSet(cfg.size());
        }

        boolean parentRuns(int node) {
            return solution.in(node).hasParent();
        }

        private static final Set<Role> PARENT_ROLES = java.util.EnumSet.of(Role.PRE, Role.PARENT, Role.ERROR,
                Role.OTHER_PARENT, Role.OTHER_ERROR);

        /** The parent roles that can reach a node. */
        Set<Role> parentRoles(int node) {
            Set<Role> out = java.util.EnumSet.noneOf(Role.class);
            for (Role r : solution.in(node).roles()) {
                if (PARENT_ROLES.contains(r)) {
                    out.add(r);
                }
            }
            return out;
        }

        /**
         * Child code: the child runs it and the parent does not on its normal way. The failed-fork path
         * (ERROR) may share it: `if (pid > 0) {parent} else {child}` runs the child's code on error too,
         * and that code is still the child's.
         */
        boolean childOnly(int node) {
            RoleState s = solution.in(node);
            return s.hasChild() && !s.has(Role.PRE) && !s.has(Role.PARENT) && !s.has(Role.OTHER_PARENT)
                    && !s.has(Role.OTHER_ERROR);
        }

        /** True when a parent role reaches {@code to} that did not reach {@code from}: control joins parent code. */
        boolean joinsParent(int from, int to) {
            Set<Role> there = parentRoles(to);
            there.removeAll(parentRoles(from));
            return !there.isEmpty();
        }

        RoleState childPart(RoleState s) {
            return s.map((r, k) -> r.isChild() ? k : null);
        }

        ChildRegion build() {
            Map<String, PathEnd> ends = new LinkedHashMap<>();
            Deque<Integer> work = new ArrayDeque<>();
            BitSet endNodes = new BitSet(cfg.size());
            boolean tested = isTested();
            // seed: successors of the fork node that carry the child
            enqueueSuccessors(site.node(), work, ends, endNodes);
            while (!work.isEmpty()) {
                int u = work.poll();
                CfgNode node = cfg.node(u);
                if (node.kind() == NodeKind.OPAQUE) {
                    addEnd(ends, endNodes, EndKind.UNKNOWN, u, "the analysis does not model `" + node.text() + "`");
                }
                enqueueSuccessors(u, work, ends, endNodes);
            }
            if (!tested && !region.isEmpty()) {
                addEnd(ends, endNodes, EndKind.UNKNOWN, region.nextSetBit(0),
                        "the result of " + site.callee() + "() is never tested, so parent and child run the same code");
            }
            // LOOPS: region nodes from which no ending can be reached
            BitSet canEnd = (BitSet) endNodes.clone();
            Deque<Integer> back = new ArrayDeque<>();
            endNodes.stream().forEach(back::add);
            while (!back.isEmpty()) {
                int v = back.poll();
                for (Edge e : cfg.predecessors(v)) {
                    if (region.get(e.from()) && !canEnd.get(e.from()) && solution.along(e).hasChild()) {
                        canEnd.set(e.from());
                        back.add(e.from());
                    }
                }
            }
            int loopAt = -1;
            for (int n = region.nextSetBit(0); n >= 0; n = region.nextSetBit(n + 1)) {
                if (canEnd.get(n)) {
                    continue;
                }
                if (loopAt < 0) {
                    loopAt = n;
                }
                // prefer the head of the loop that never ends: a node closed by a BACK edge
                final int node = n;
                if (cfg.predecessors(n).stream().anyMatch(e -> e.kind() == EdgeKind.BACK && region.get(e.from()))
                        && !(cfg.node(node).kind() == NodeKind.BRANCH && parentRuns(node))) {
                    loopAt = n;
                    break;
                }
            }
            if (loopAt >= 0) {
                addEnd(ends, endNodes, EndKind.LOOPS, loopAt, "");
            }
            List<PathEnd> list = new ArrayList<>(ends.values());
            list.sort(java.util.Comparator.comparing(PathEnd::location, dev.vforkcheck.model.Location.ORDER)
                    .thenComparing(PathEnd::kind));
            return new ChildRegion(site, cfg, region, list, predEdge, tested, this::parentRuns,
                    solution::in);
        }

        /** The result is tested when the call sits in a condition, or a condition reads the variable that holds it. */
        private boolean isTested() {
            NodeKind k = cfg.node(site.node()).kind();
            if (k == NodeKind.BRANCH || k == NodeKind.SWITCH || k == NodeKind.RETURN) {
                return true; // tested here, or handed to the caller (a vfork wrapper)
            }
            if (site.resultKey() == null) {
                return false;
            }
            // a condition that reads the result variable or a copy of it (`child = pid; if (child == 0)`)
            for (CfgNode n : cfg.nodes()) {
                if ((n.kind() == NodeKind.BRANCH || n.kind() == NodeKind.SWITCH) && n.expr() != null) {
                    Set<String> holders = new HashSet<>();
                    holders.add(site.resultKey());
                    for (RoleState st : List.of(solution.in(n.id()), solution.out(n.id()))) {
                        st.roles().stream().filter(Role::isChild).forEach(r -> holders.addAll(st.keys(r)));
                    }
                    boolean[] reads = new boolean[1];
                    Expr.walk(n.expr(), e -> reads[0] |= holders.contains(Expr.lvalueKey(e)));
                    if (reads[0]) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void enqueueSuccessors(int u, Deque<Integer> work, Map<String, PathEnd> ends, BitSet endNodes) {
            Summary helper = u == site.node() ? null : neverReturningHelper(cfg.node(u));
            if (helper != null) {
                RoleState in = childPart(solution.out(u));
                if (!in.isBottom()) {
                    addEnd(ends, endNodes, helper.endingForChild(in.has(Role.CHILD_EXECED)), u,
                            helper.function() + "()");
                }
                return;
            }
            for (Edge e : cfg.successors(u)) {
                if (cut.contains(edgeKey(cfg, u, e.to())) && !childPart(solution.out(u)).isBottom()) {
                    recordLeave(ends, endNodes, u, e.to());
                    continue;
                }
                RoleState flow = childPart(solution.along(e));
                if (flow.isBottom()) {
                    continue;
                }
                int v = e.to();
                CfgNode target = cfg.node(v);
                if (target.kind() == NodeKind.EXIT) {
                    addEnd(ends, endNodes, EndKind.RETURN, u, ""); // includes `return vfork();` in a wrapper
                    continue;
                }
                if (target.kind() == NodeKind.NORETURN_EXIT) {
                    addNoReturnEnd(ends, endNodes, u, flow);
                    continue;
                }
                if (u != site.node() && childOnly(u) && joinsParent(u, v) && effectfulSharedAhead(u, v)) {
                    recordLeave(ends, endNodes, u, v);
                    continue;
                }
                if (!region.get(v)) {
                    region.set(v);
                    predEdge[v] = e;
                    work.add(v);
                }
            }
        }

        private void recordLeave(Map<String, PathEnd> ends, BitSet endNodes, int u, int v) {
            CfgNode entered = firstEffectful(u, v);
            if (entered == null) {
                entered = cfg.node(v);
            }
            leaveEdges.add(edgeKey(cfg, u, v));
            addEnd(ends, endNodes, EndKind.LEAVES, u, "line " + entered.location().line() + ": `" + entered.text() + "`");
        }

        private void addNoReturnEnd(Map<String, PathEnd> ends, BitSet endNodes, int u, RoleState flow) {
            Expr.Call call = SummaryFactory.endingCall(cfg.node(u));
            String name = call == null ? null : call.calleeName();
            String detail = name == null ? "" : name + "()";
            boolean execed = flow.has(Role.CHILD_EXECED);
            if (execed && flow.has(Role.CHILD)) {
                // some paths tried exec first, some did not: both endings are real
                addEnd(ends, endNodes, SummaryFactory.noReturnEnding(knowledge, call, path, lookup, false), u, detail);
            }
            addEnd(ends, endNodes, SummaryFactory.noReturnEnding(knowledge, call, path, lookup, execed), u, detail);
        }

        /**
         * After the child enters parent-run code at {@code v}, does it do anything there before it
         * is separated from the parent again? Pure tests and labels are harmless.
         */
        private boolean effectfulSharedAhead(int u, int v) {
            return firstEffectful(u, v) != null;
        }

        private CfgNode firstEffectful(int from, int start) {
            BitSet seen = new BitSet(cfg.size());
            Deque<Integer> work = new ArrayDeque<>();
            work.add(start);
            seen.set(start);
            while (!work.isEmpty()) {
                int n = work.poll();
                CfgNode node = cfg.node(n);
                if (!joinsParent(from, n)) {
                    continue; // separated again
                }
                if (!isPure(node)) {
                    return node;
                }
                for (Edge e : cfg.successors(n)) {
                    if (childPart(solution.along(e)).isBottom() || seen.get(e.to())) {
                        continue;
                    }
                    seen.set(e.to());
                    work.add(e.to());
                }
            }
            return null;
        }

        private boolean isPure(CfgNode node) {
            return switch (node.kind()) {
                case LABEL -> true;
                case BRANCH, SWITCH -> node.expr() == null || (Expr.calls(node.expr()).isEmpty() && writes(node).isEmpty());
                default -> false;
            };
        }

        private void addEnd(Map<String, PathEnd> ends, BitSet endNodes, EndKind kind, int node, String detail) {
            endNodes.set(node);
            String key = kind + "@" + node;
            if (!ends.containsKey(key)) {
                CfgNode n = cfg.node(node);
                ends.put(key, new PathEnd(kind, node, n.location(), detail,
                        ChildRegion.steps(cfg, site, predEdge, node)));
            }
        }
    }
}
