package dev.vforkcheck.frontend;

import dev.vforkcheck.cfg.CfgBuilder;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Location;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDefaultStatement;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNullStatement;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTProblemStatement;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.gnu.c.ICASTKnRFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTCompoundStatementExpression;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTGotoStatement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers one CDT function definition to a {@link dev.vforkcheck.cfg.Cfg} whose nodes carry
 * {@link Expr}s. Short-circuit {@code &&}/{@code ||}, {@code ?:}, {@code !} and the comma operator
 * in conditions become separate branch nodes, so each test can refine facts on its own edges.
 */
final class FunctionLowering {
    private static final int TEXT_MAX = 80;
    /** Compiler builtins whose value is their first argument. */
    private static final Set<String> TRANSPARENT_BUILTINS = Set.of("__builtin_expect", "__builtin_expect_with_probability");

    /** An edge waiting for its target: the next node to be created. */
    private record Pending(int from, EdgeKind kind, Long caseValue, String caseLabel) {
        static Pending of(int from, EdgeKind kind) {
            return new Pending(from, kind, null, null);
        }
    }

    /** The TRUE and FALSE exits of a lowered condition. */
    private record Cond(List<Pending> whenTrue, List<Pending> whenFalse) {
    }

    private static final class SwitchCtx {
        final int node;
        boolean hasDefault;

        SwitchCtx(int node) {
            this.node = node;
        }
    }

    private final KnowledgeBase knowledge;
    private final Set<String> fileNoReturn;
    private final FrontEnd.Locator locator;
    private final IASTFunctionDefinition definition;
    private final String name;
    private final Location fnLocation;
    private CfgBuilder b;

    private final Deque<List<Pending>> breakTargets = new ArrayDeque<>();
    private final Deque<Integer> continueTargets = new ArrayDeque<>();
    private final Deque<SwitchCtx> switches = new ArrayDeque<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private final Set<String> placedLabels = new HashSet<>();
    private final Set<String> addressTakenLabels = new HashSet<>();
    private final List<Integer> computedGotos = new ArrayList<>();
    private final Map<String, LocalVar> locals = new LinkedHashMap<>();
    private final List<String> params = new ArrayList<>();

    FunctionLowering(KnowledgeBase knowledge, Set<String> fileNoReturn, FrontEnd.Locator locator,
                     IASTFunctionDefinition definition) {
        this.knowledge = knowledge;
        this.fileNoReturn = fileNoReturn;
        this.locator = locator;
        this.definition = definition;
        IASTDeclarator inner = FrontEnd.Locator.innermost(definition.getDeclarator());
        this.name = inner.getName().toString();
        this.fnLocation = locator.of(inner.getName(), locator.of(definition, null));
    }

    FunctionFacts lower() {
        Location end = locator.of(definition, fnLocation);
        Location endPoint = Location.point(end.path(), end.endLine(), Math.max(1, end.endColumn() - 1));
        b = new CfgBuilder(name, fnLocation, endPoint);
        collectParams();
        List<Pending> out = stmt(definition.getBody(), List.of(Pending.of(b.entry(), EdgeKind.NORMAL)));
        connect(out, b.exit());
        for (int g : computedGotos) {
            Set<String> targets = addressTakenLabels.isEmpty() ? labels.keySet() : addressTakenLabels;
            for (String label : targets) {
                Integer target = labels.get(label);
                if (target != null) {
                    b.edge(g, target, EdgeKind.NORMAL);
                }
            }
        }
        String head = FrontEnd.Locator.textBefore(definition, '{');
        boolean isStatic = definition.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static;
        boolean noReturn = fileNoReturn.contains(name);
        return new FunctionFacts(name, isStatic, noReturn || head.contains("_Noreturn"), fnLocation, params, locals,
                b.build());
    }

    private void collectParams() {
        IASTDeclarator d = definition.getDeclarator();
        while (d != null && !(d instanceof IASTFunctionDeclarator)) {
            d = d.getNestedDeclarator();
        }
        if (d instanceof IASTStandardFunctionDeclarator sfd) {
            for (IASTParameterDeclaration p : sfd.getParameters()) {
                String pn = FrontEnd.Locator.innermost(p.getDeclarator()).getName().toString();
                if (!pn.isEmpty()) {
                    params.add(pn);
                    locals.putIfAbsent(pn, new LocalVar(pn, true, p.getDeclSpecifier().isVolatile(), false, -1,
                            isPointer(p.getDeclarator())));
                }
            }
        } else if (d instanceof ICASTKnRFunctionDeclarator knr) {
            for (var n : knr.getParameterNames()) {
                String pn = n.toString();
                params.add(pn);
                locals.putIfAbsent(pn, new LocalVar(pn, true, false, false, -1, false));
            }
        }
    }

    /** A declarator that makes a pointer ({@code char *p}, {@code char **argv}, {@code char *argv[]} as a parameter). */
    private static boolean isPointer(IASTDeclarator d) {
        if (d instanceof org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator) {
            // `char *argv[4]` is an array (of pointers); as a parameter it decays to a pointer
            return d.getParent() instanceof IASTParameterDeclaration
                    || (d.getNestedDeclarator() != null && d.getNestedDeclarator().getPointerOperators().length > 0);
        }
        IASTDeclarator inner = FrontEnd.Locator.innermost(d);
        return d.getPointerOperators().length > 0 || (inner != d && inner.getPointerOperators().length > 0);
    }

    // ---------------------------------------------------------------- graph helpers

    private void connect(List<Pending> from, int to) {
        for (Pending p : from) {
            if (p.kind() == EdgeKind.CASE) {
                b.caseEdge(p.from(), to, p.caseValue(), p.caseLabel());
            } else {
                b.edge(p.from(), to, p.kind());
            }
        }
    }

    /** Connects pendings to a loop head: plain flow becomes a BACK edge. */
    private void connectBack(List<Pending> from, int head) {
        for (Pending p : from) {
            b.edge(p.from(), head, p.kind() == EdgeKind.NORMAL ? EdgeKind.BACK : p.kind());
        }
    }

    private CfgNode node(NodeKind kind, IASTNode ast, Expr expr, String declared, List<Pending> in) {
        CfgNode n = b.add(kind, locator.of(ast, fnLocation), expr, declared,
                ast == null ? kind.name().toLowerCase() : locator.textOf(ast, TEXT_MAX));
        connect(in, n.id());
        return n;
    }

    private CfgNode label(String text, IASTNode ast, List<Pending> in) {
        CfgNode n = b.add(NodeKind.LABEL, locator.of(ast, fnLocation), null, null, text);
        connect(in, n.id());
        return n;
    }

    private static List<Pending> one(int from) {
        return List.of(Pending.of(from, EdgeKind.NORMAL));
    }

    private static List<Pending> concat(List<Pending> a, List<Pending> c) {
        List<Pending> out = new ArrayList<>(a.size() + c.size());
        out.addAll(a);
        out.addAll(c);
        return out;
    }

    // ---------------------------------------------------------------- statements

    private List<Pending> stmt(IASTStatement s, List<Pending> in) {
        if (s == null) {
            return in;
        }
        if (s instanceof IASTCompoundStatement c) {
            List<Pending> cur = in;
            for (IASTStatement child : c.getStatements()) {
                cur = stmt(child, cur);
            }
            return cur;
        } else if (s instanceof IASTExpressionStatement es) {
            return exprStatement(es, es.getExpression(), in);
        } else if (s instanceof IASTDeclarationStatement ds) {
            return declaration(ds.getDeclaration(), in);
        } else if (s instanceof IASTIfStatement is) {
            Cond c = cond(is.getConditionExpression(), in);
            List<Pending> thenOut = stmt(is.getThenClause(), c.whenTrue());
            List<Pending> elseOut = is.getElseClause() == null ? c.whenFalse() : stmt(is.getElseClause(), c.whenFalse());
            return concat(thenOut, elseOut);
        } else if (s instanceof IASTWhileStatement ws) {
            CfgNode head = label("while", ws, in);
            Cond c = cond(ws.getCondition(), one(head.id()));
            breakTargets.push(new ArrayList<>());
            continueTargets.push(head.id());
            List<Pending> bodyOut = stmt(ws.getBody(), c.whenTrue());
            continueTargets.pop();
            connectBack(bodyOut, head.id());
            return concat(c.whenFalse(), breakTargets.pop());
        } else if (s instanceof IASTDoStatement ds) {
            CfgNode head = label("do", ds, in);
            CfgNode test = b.add(NodeKind.LABEL, locator.of(ds.getCondition(), fnLocation), null, null, "do-while test");
            breakTargets.push(new ArrayList<>());
            continueTargets.push(test.id());
            List<Pending> bodyOut = stmt(ds.getBody(), one(head.id()));
            continueTargets.pop();
            connect(bodyOut, test.id());
            Cond c = cond(ds.getCondition(), one(test.id()));
            connectBack(c.whenTrue(), head.id());
            return concat(c.whenFalse(), breakTargets.pop());
        } else if (s instanceof IASTForStatement fs) {
            List<Pending> afterInit = stmt(fs.getInitializerStatement(), in);
            CfgNode head = label("for", fs, afterInit);
            Cond c = fs.getConditionExpression() == null
                    ? new Cond(one(head.id()), List.of())
                    : cond(fs.getConditionExpression(), one(head.id()));
            CfgNode step = b.add(NodeKind.LABEL, locator.of(fs.getIterationExpression() != null
                    ? fs.getIterationExpression() : fs, fnLocation), null, null, "for step");
            breakTargets.push(new ArrayList<>());
            continueTargets.push(step.id());
            List<Pending> bodyOut = stmt(fs.getBody(), c.whenTrue());
            continueTargets.pop();
            connect(bodyOut, step.id());
            List<Pending> stepOut = fs.getIterationExpression() == null
                    ? one(step.id())
                    : exprStatement(fs.getIterationExpression(), fs.getIterationExpression(), one(step.id()));
            connectBack(stepOut, head.id());
            return concat(c.whenFalse(), breakTargets.pop());
        } else if (s instanceof IASTBreakStatement) {
            if (!breakTargets.isEmpty()) {
                breakTargets.peek().addAll(one(label("break;", s, in).id()));
                return List.of();
            }
            return opaque(s, in);
        } else if (s instanceof IASTContinueStatement) {
            if (!continueTargets.isEmpty()) {
                connectBack(one(label("continue;", s, in).id()), continueTargets.peek());
                return List.of();
            }
            return opaque(s, in);
        } else if (s instanceof IASTReturnStatement rs) {
            IASTInitializerClause rv = rs.getReturnArgument();
            List<Pending> pre = rv instanceof IASTExpression e ? statementExpressions(e, in) : in;
            Expr value = rv == null ? null : clause(rv);
            CfgNode n = node(NodeKind.RETURN, rs, value, null, pre);
            b.edge(n.id(), b.exit(), EdgeKind.NORMAL);
            return List.of();
        } else if (s instanceof IASTSwitchStatement ss) {
            IASTExpression controller = ss.getControllerExpression();
            List<Pending> pre = controller == null ? in : statementExpressions(controller, in);
            CfgNode sw = node(NodeKind.SWITCH, controller != null ? controller : ss,
                    controller == null ? null : expr(controller), null, pre);
            SwitchCtx ctx = new SwitchCtx(sw.id());
            switches.push(ctx);
            breakTargets.push(new ArrayList<>());
            List<Pending> bodyOut = stmt(ss.getBody(), List.of());
            switches.pop();
            List<Pending> out = concat(bodyOut, breakTargets.pop());
            if (!ctx.hasDefault) {
                out = concat(out, List.of(Pending.of(sw.id(), EdgeKind.DEFAULT)));
            }
            return out;
        } else if (s instanceof IASTCaseStatement cs) {
            CfgNode lbl = label("case " + locator.textOf(cs.getExpression(), 30), cs, in);
            if (!switches.isEmpty()) {
                Expr value = expr(cs.getExpression());
                Long v = Expr.constantValue(value);
                b.caseEdge(switches.peek().node, lbl.id(), v, value.text());
            }
            return one(lbl.id());
        } else if (s instanceof IASTDefaultStatement ds) {
            CfgNode lbl = label("default", ds, in);
            if (!switches.isEmpty()) {
                switches.peek().hasDefault = true;
                b.edge(switches.peek().node, lbl.id(), EdgeKind.DEFAULT);
            }
            return one(lbl.id());
        } else if (s instanceof IASTLabelStatement ls) {
            String l = ls.getName().toString();
            int id = labelNode(l, ls);
            placedLabels.add(l);
            connect(in, id);
            return stmt(ls.getNestedStatement(), one(id));
        } else if (s instanceof IGNUASTGotoStatement gs) {
            CfgNode n = node(NodeKind.OPAQUE, gs, expr(gs.getLabelNameExpression()), null, in);
            computedGotos.add(n.id());
            return List.of();
        } else if (s instanceof IASTGotoStatement gs) {
            String l = gs.getName().toString();
            boolean backward = placedLabels.contains(l);
            int target = labelNode(l, null);
            CfgNode jump = label("goto " + l + ";", gs, in);
            b.edge(jump.id(), target, backward ? EdgeKind.BACK : EdgeKind.NORMAL);
            return List.of();
        } else if (s instanceof IASTNullStatement) {
            return in;
        } else if (s instanceof IASTProblemStatement) {
            return opaque(s, in);
        }
        return opaque(s, in);
    }

    private List<Pending> opaque(IASTNode s, List<Pending> in) {
        return one(node(NodeKind.OPAQUE, s, new Expr.Opaque(locator.textOf(s, TEXT_MAX), List.of()), null, in).id());
    }

    private int labelNode(String label, IASTNode where) {
        Integer id = labels.get(label);
        if (id == null) {
            id = b.add(NodeKind.LABEL, locator.of(where, fnLocation), null, label, label + ":").id();
            labels.put(label, id);
        } else if (where != null) {
            // a forward goto created the node before the label was seen: give it the label's place
            b.relocate(id, locator.of(where, fnLocation), label + ":");
        }
        return id;
    }

    private List<Pending> exprStatement(IASTNode at, IASTExpression e, List<Pending> in) {
        if (e == null) {
            return in;
        }
        List<Pending> pre = statementExpressions(e, in);
        Expr x = expr(e);
        CfgNode n = node(NodeKind.EXPR, at, x, null, pre);
        Expr top = Expr.stripCasts(x);
        if (top instanceof Expr.Binary bin && bin.op() == Expr.BinaryOp.COMMA) {
            top = Expr.stripCasts(bin.right());
        }
        if (top instanceof Expr.Call call && call.calleeName() != null) {
            String callee = call.calleeName();
            Long first = call.args().isEmpty() ? null : Expr.constantValue(call.args().get(0));
            if (knowledge.isNoReturnCall(callee, first) || fileNoReturn.contains(callee)) {
                b.edge(n.id(), b.noReturnExit(), EdgeKind.NORMAL);
                return List.of();
            }
            if (knowledge.is(callee, FunctionClass.EXEC)) {
                b.edge(n.id(), b.noReturnExit(), EdgeKind.EXEC_OK);
            }
        }
        return one(n.id());
    }

    private List<Pending> declaration(IASTDeclaration d, List<Pending> in) {
        if (!(d instanceof IASTSimpleDeclaration sd)) {
            return opaque(d, in);
        }
        IASTDeclSpecifier spec = sd.getDeclSpecifier();
        if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) {
            return in;
        }
        List<Pending> cur = in;
        for (IASTDeclarator decl : sd.getDeclarators()) {
            IASTDeclarator inner = FrontEnd.Locator.innermost(decl);
            String var = inner.getName().toString();
            if (decl instanceof IASTFunctionDeclarator && decl.getNestedDeclarator() == null) {
                continue; // a local prototype declares no storage
            }
            IASTInitializer init = decl.getInitializer();
            Expr value = null;
            if (init instanceof IASTEqualsInitializer eq) {
                IASTInitializerClause clause = eq.getInitializerClause();
                if (clause instanceof IASTExpression e) {
                    cur = statementExpressions(e, cur);
                }
                value = clause(clause);
            } else if (init != null) {
                value = new Expr.Opaque(locator.textOf(init, TEXT_MAX), List.of());
            }
            Location at = locator.of(inner.getName(), fnLocation);
            Expr.Name target = new Expr.Name(var, var);
            Expr x = value == null ? target
                    : new Expr.Binary(Expr.BinaryOp.ASSIGN, target, value, at, var + " = " + value.text());
            CfgNode n = node(NodeKind.DECL, decl, x, var, cur);
            boolean isStatic = spec.getStorageClass() == IASTDeclSpecifier.sc_static;
            boolean isExtern = spec.getStorageClass() == IASTDeclSpecifier.sc_extern;
            if (!isExtern) {
                locals.putIfAbsent(var, new LocalVar(var, false, spec.isVolatile(), isStatic, n.id(), isPointer(decl)));
            }
            cur = one(n.id());
        }
        return cur;
    }

    /** Lowers every GNU statement expression inside {@code e} (outermost ones, in order) before {@code e} itself. */
    private List<Pending> statementExpressions(IASTExpression e, List<Pending> in) {
        List<IGNUASTCompoundStatementExpression> found = new ArrayList<>();
        e.accept(new ASTVisitor() {
            {
                shouldVisitExpressions = true;
            }

            @Override
            public int visit(IASTExpression x) {
                if (x instanceof IGNUASTCompoundStatementExpression gse) {
                    found.add(gse);
                    return PROCESS_SKIP;
                }
                if (x instanceof IASTConditionalExpression ce && ce.getPositiveResultExpression() != null) {
                    Long constant = Expr.constantValue(expr(ce.getLogicalConditionExpression()));
                    if (constant != null) {
                        // only the arm a configuration constant selects exists in this build
                        (constant != 0 ? ce.getPositiveResultExpression() : ce.getNegativeResultExpression()).accept(this);
                        return PROCESS_SKIP;
                    }
                }
                return PROCESS_CONTINUE;
            }
        });
        List<Pending> cur = in;
        for (IGNUASTCompoundStatementExpression gse : found) {
            cur = stmt(gse.getCompoundStatement(), cur);
        }
        return cur;
    }

    // ---------------------------------------------------------------- conditions

    private Cond cond(IASTExpression e, List<Pending> in) {
        IASTExpression x = unparen(e);
        if (x instanceof IASTBinaryExpression bin) {
            if (bin.getOperator() == IASTBinaryExpression.op_logicalAnd) {
                Cond l = cond(bin.getOperand1(), in);
                Cond r = cond(bin.getOperand2(), l.whenTrue());
                return new Cond(r.whenTrue(), concat(l.whenFalse(), r.whenFalse()));
            }
            if (bin.getOperator() == IASTBinaryExpression.op_logicalOr) {
                Cond l = cond(bin.getOperand1(), in);
                Cond r = cond(bin.getOperand2(), l.whenFalse());
                return new Cond(concat(l.whenTrue(), r.whenTrue()), r.whenFalse());
            }
        }
        if (x instanceof IASTUnaryExpression un && un.getOperator() == IASTUnaryExpression.op_not) {
            IASTExpression operand = unparen(un.getOperand());
            if (isShortCircuit(operand)) {
                Cond inner = cond(operand, in);
                return new Cond(inner.whenFalse(), inner.whenTrue());
            }
        }
        if (x instanceof IASTConditionalExpression ce && ce.getPositiveResultExpression() != null) {
            Long constant = Expr.constantValue(expr(ce.getLogicalConditionExpression()));
            if (constant != null) {
                // a configuration constant (BB_MMU ? fork() : vfork()): only one arm exists in this build
                return cond(constant != 0 ? ce.getPositiveResultExpression() : ce.getNegativeResultExpression(), in);
            }
            Cond c = cond(ce.getLogicalConditionExpression(), in);
            Cond t = cond(ce.getPositiveResultExpression(), c.whenTrue());
            Cond f = cond(ce.getNegativeResultExpression(), c.whenFalse());
            return new Cond(concat(t.whenTrue(), f.whenTrue()), concat(t.whenFalse(), f.whenFalse()));
        }
        if (x instanceof IASTExpressionList list && list.getExpressions().length > 1) {
            IASTExpression[] parts = list.getExpressions();
            List<Pending> cur = in;
            for (int i = 0; i < parts.length - 1; i++) {
                cur = exprStatement(parts[i], parts[i], cur);
            }
            return cond(parts[parts.length - 1], cur);
        }
        List<Pending> pre = statementExpressions(x, in);
        Expr value = expr(x);
        CfgNode n = node(NodeKind.BRANCH, x, value, null, pre);
        Long constant = Expr.constantValue(value);
        List<Pending> t = constant != null && constant == 0 ? List.of() : List.of(Pending.of(n.id(), EdgeKind.TRUE));
        List<Pending> f = constant != null && constant != 0 ? List.of() : List.of(Pending.of(n.id(), EdgeKind.FALSE));
        return new Cond(t, f);
    }

    private static boolean isShortCircuit(IASTExpression e) {
        return e instanceof IASTBinaryExpression bin && (bin.getOperator() == IASTBinaryExpression.op_logicalAnd
                || bin.getOperator() == IASTBinaryExpression.op_logicalOr);
    }

    private static IASTExpression unparen(IASTExpression e) {
        IASTExpression x = e;
        while (x instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary
                && u.getOperand() != null) {
            x = u.getOperand();
        }
        return x;
    }

    // ---------------------------------------------------------------- expressions

    private Expr clause(IASTInitializerClause c) {
        if (c instanceof IASTExpression e) {
            return expr(e);
        }
        return new Expr.Opaque(locator.textOf(c, TEXT_MAX), List.of());
    }

    private Expr expr(IASTExpression e) {
        if (e == null) {
            return new Expr.Opaque("", List.of());
        }
        if (e instanceof IASTIdExpression id) {
            String n = id.getName().toString();
            return new Expr.Name(n, n);
        }
        if (e instanceof IASTLiteralExpression lit) {
            String text = new String(lit.getValue());
            if (lit.getKind() == IASTLiteralExpression.lk_integer_constant) {
                Long v = parseInteger(text);
                if (v != null) {
                    return new Expr.IntLit(v, text);
                }
            }
            return new Expr.Literal(FrontEnd.Locator.snippet(text, TEXT_MAX));
        }
        if (e instanceof IASTUnaryExpression u) {
            int op = u.getOperator();
            if (op == IASTUnaryExpression.op_bracketedPrimary) {
                return u.getOperand() == null ? new Expr.Opaque("()", List.of()) : expr(u.getOperand());
            }
            if (op == IASTUnaryExpression.op_labelReference) {
                String text = locator.textOf(u, TEXT_MAX);
                addressTakenLabels.add(text.replace("&&", "").trim());
                return new Expr.Opaque(text, List.of());
            }
            Expr operand = u.getOperand() == null ? new Expr.Opaque("", List.of()) : expr(u.getOperand());
            Expr.UnaryOp uop = unaryOp(op);
            String text = locator.textOf(u, TEXT_MAX);
            if (uop == Expr.UnaryOp.MINUS && operand instanceof Expr.IntLit lit) {
                return new Expr.IntLit(-lit.value(), text);
            }
            return new Expr.Unary(uop, operand, locator.of(u, fnLocation), text);
        }
        if (e instanceof IASTBinaryExpression bin) {
            Expr typedefCast = typedefCast(bin);
            if (typedefCast != null) {
                return typedefCast;
            }
            Expr l = expr(bin.getOperand1());
            Expr r = bin.getOperand2() == null ? clause(bin.getInitOperand2()) : expr(bin.getOperand2());
            return new Expr.Binary(binaryOp(bin.getOperator()), l, r, locator.of(bin, fnLocation),
                    locator.textOf(bin, TEXT_MAX));
        }
        if (e instanceof IASTExpressionList list) {
            IASTExpression[] parts = list.getExpressions();
            Expr acc = expr(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                acc = new Expr.Binary(Expr.BinaryOp.COMMA, acc, expr(parts[i]), locator.of(list, fnLocation),
                        locator.textOf(list, TEXT_MAX));
            }
            return acc;
        }
        if (e instanceof IASTConditionalExpression ce) {
            Expr c = expr(ce.getLogicalConditionExpression());
            Long constant = Expr.constantValue(c);
            if (constant != null && ce.getPositiveResultExpression() != null) {
                // a configuration constant (BB_MMU ? xfork() : xvfork()): only one arm exists in this build
                return expr(constant != 0 ? ce.getPositiveResultExpression() : ce.getNegativeResultExpression());
            }
            Expr t = ce.getPositiveResultExpression() == null ? c : expr(ce.getPositiveResultExpression());
            return new Expr.Conditional(c, t, expr(ce.getNegativeResultExpression()), locator.textOf(ce, TEXT_MAX));
        }
        if (e instanceof IASTCastExpression cast) {
            return new Expr.Cast(locator.textOf(cast.getTypeId(), 40), expr(cast.getOperand()),
                    locator.textOf(cast, TEXT_MAX));
        }
        if (e instanceof IASTFunctionCallExpression call) {
            IASTInitializerClause[] cargs = call.getArguments();
            if (call.getFunctionNameExpression() instanceof IASTIdExpression fid && cargs.length >= 1
                    && cargs[0] instanceof IASTExpression first
                    && TRANSPARENT_BUILTINS.contains(fid.getName().toString())) {
                return expr(first); // __builtin_expect(x, v) is x for control flow
            }
            Expr callee = expr(call.getFunctionNameExpression());
            List<Expr> args = new ArrayList<>();
            for (IASTInitializerClause a : call.getArguments()) {
                args.add(clause(a));
            }
            return new Expr.Call(callee, args, locator.of(call, fnLocation),
                    locator.of(call.getFunctionNameExpression(), fnLocation), locator.textOf(call, TEXT_MAX));
        }
        if (e instanceof IASTFieldReference fr) {
            return new Expr.Member(expr(fr.getFieldOwner()), fr.getFieldName().toString(), fr.isPointerDereference(),
                    locator.textOf(fr, TEXT_MAX));
        }
        if (e instanceof IASTArraySubscriptExpression as) {
            return new Expr.Index(expr(as.getArrayExpression()), clause(as.getArgument()), locator.textOf(as, TEXT_MAX));
        }
        if (e instanceof IGNUASTCompoundStatementExpression gse) {
            // its statements are CFG nodes of their own; its value is that of its last expression statement
            IASTStatement[] body = gse.getCompoundStatement() == null ? new IASTStatement[0]
                    : gse.getCompoundStatement().getStatements();
            if (body.length > 0 && body[body.length - 1] instanceof IASTExpressionStatement last
                    && last.getExpression() != null) {
                Expr value = expr(last.getExpression());
                return new Expr.StatementExpr(valueOnly(value), locator.textOf(e, TEXT_MAX));
            }
        }
        // statement expressions, compound literals, type ids, problems: keep the calls inside visible
        List<Expr> children = new ArrayList<>();
        if (!(e instanceof IGNUASTCompoundStatementExpression)) {
            for (IASTNode child : e.getChildren()) {
                if (child instanceof IASTExpression ce) {
                    children.add(expr(ce));
                }
            }
        }
        return new Expr.Opaque(locator.textOf(e, TEXT_MAX), children);
    }

    /**
     * Without headers, {@code (pid_t)-1} parses as {@code (pid_t) - 1}: a parenthesized name that looks
     * like a typedef ({@code *_t}) minus a literal is read as the cast it almost certainly is.
     */
    private Expr typedefCast(IASTBinaryExpression bin) {
        int op = bin.getOperator();
        if ((op != IASTBinaryExpression.op_minus && op != IASTBinaryExpression.op_plus)
                || !(bin.getOperand1() instanceof IASTUnaryExpression paren)
                || paren.getOperator() != IASTUnaryExpression.op_bracketedPrimary
                || !(paren.getOperand() instanceof IASTIdExpression id)
                || !(bin.getOperand2() instanceof IASTLiteralExpression lit)
                || lit.getKind() != IASTLiteralExpression.lk_integer_constant) {
            return null;
        }
        String type = id.getName().toString();
        Long v = parseInteger(new String(lit.getValue()));
        if (!type.endsWith("_t") || v == null) {
            return null;
        }
        String text = locator.textOf(bin, TEXT_MAX);
        long value = op == IASTBinaryExpression.op_minus ? -v : v;
        return new Expr.Cast(type, new Expr.IntLit(value, text), text);
    }

    private static Expr.UnaryOp unaryOp(int op) {
        return switch (op) {
            case IASTUnaryExpression.op_minus -> Expr.UnaryOp.MINUS;
            case IASTUnaryExpression.op_plus -> Expr.UnaryOp.PLUS;
            case IASTUnaryExpression.op_not -> Expr.UnaryOp.NOT;
            case IASTUnaryExpression.op_tilde -> Expr.UnaryOp.BIT_NOT;
            case IASTUnaryExpression.op_star -> Expr.UnaryOp.DEREF;
            case IASTUnaryExpression.op_amper -> Expr.UnaryOp.ADDRESS_OF;
            case IASTUnaryExpression.op_prefixIncr -> Expr.UnaryOp.PRE_INC;
            case IASTUnaryExpression.op_prefixDecr -> Expr.UnaryOp.PRE_DEC;
            case IASTUnaryExpression.op_postFixIncr -> Expr.UnaryOp.POST_INC;
            case IASTUnaryExpression.op_postFixDecr -> Expr.UnaryOp.POST_DEC;
            case IASTUnaryExpression.op_sizeof -> Expr.UnaryOp.SIZEOF;
            case IASTUnaryExpression.op_alignOf -> Expr.UnaryOp.ALIGNOF;
            default -> Expr.UnaryOp.OTHER;
        };
    }

    private static Expr.BinaryOp binaryOp(int op) {
        return switch (op) {
            case IASTBinaryExpression.op_multiply -> Expr.BinaryOp.MUL;
            case IASTBinaryExpression.op_divide -> Expr.BinaryOp.DIV;
            case IASTBinaryExpression.op_modulo -> Expr.BinaryOp.MOD;
            case IASTBinaryExpression.op_plus -> Expr.BinaryOp.ADD;
            case IASTBinaryExpression.op_minus -> Expr.BinaryOp.SUB;
            case IASTBinaryExpression.op_shiftLeft -> Expr.BinaryOp.SHL;
            case IASTBinaryExpression.op_shiftRight -> Expr.BinaryOp.SHR;
            case IASTBinaryExpression.op_lessThan -> Expr.BinaryOp.LT;
            case IASTBinaryExpression.op_greaterThan -> Expr.BinaryOp.GT;
            case IASTBinaryExpression.op_lessEqual -> Expr.BinaryOp.LE;
            case IASTBinaryExpression.op_greaterEqual -> Expr.BinaryOp.GE;
            case IASTBinaryExpression.op_equals -> Expr.BinaryOp.EQ;
            case IASTBinaryExpression.op_notequals -> Expr.BinaryOp.NE;
            case IASTBinaryExpression.op_binaryAnd -> Expr.BinaryOp.BIT_AND;
            case IASTBinaryExpression.op_binaryXor -> Expr.BinaryOp.BIT_XOR;
            case IASTBinaryExpression.op_binaryOr -> Expr.BinaryOp.BIT_OR;
            case IASTBinaryExpression.op_logicalAnd -> Expr.BinaryOp.LOGICAL_AND;
            case IASTBinaryExpression.op_logicalOr -> Expr.BinaryOp.LOGICAL_OR;
            case IASTBinaryExpression.op_assign -> Expr.BinaryOp.ASSIGN;
            case IASTBinaryExpression.op_multiplyAssign, IASTBinaryExpression.op_divideAssign,
                    IASTBinaryExpression.op_moduloAssign, IASTBinaryExpression.op_plusAssign,
                    IASTBinaryExpression.op_minusAssign, IASTBinaryExpression.op_shiftLeftAssign,
                    IASTBinaryExpression.op_shiftRightAssign, IASTBinaryExpression.op_binaryAndAssign,
                    IASTBinaryExpression.op_binaryXorAssign, IASTBinaryExpression.op_binaryOrAssign ->
                    Expr.BinaryOp.COMPOUND_ASSIGN;
            default -> Expr.BinaryOp.OTHER;
        };
    }

    /** Parses a C integer literal (decimal, octal, hex, binary; u/l suffixes); null if it does not fit. */
    static Long parseInteger(String literal) {
        String s = literal.replace("'", "");
        int end = s.length();
        while (end > 0 && "uUlLzZ".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        s = s.substring(0, end);
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.startsWith("0b") || s.startsWith("0B")) {
                return Long.parseUnsignedLong(s.substring(2), 2);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseUnsignedLong(s.substring(1), 8);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The value of a statement expression without its calls (they already ran in their own node). */
    private static Expr valueOnly(Expr value) {
        return Expr.calls(value).isEmpty() ? value : new Expr.Opaque(value.text(), List.of());
    }
}
