package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vforkcheck.TestC;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassThroughTest {
  private static Summaries build(String code) {
    FileFacts f =
        new FrontEnd(TestC.KB, ParseOptions.defaults()).parse("p.c", "/v/p.c", SourceText.of(code));
    return new SummaryFactory(TestC.KB).build(List.of(f));
  }

  @Test
  void aFunctionWhoseEveryReturnIsAParameterPassesItThrough() {
    Summaries s =
        build(
            "int g;\n"
                + "int wrap(int pid) { if (pid == -1) g = 1; if (!pid) g = 2; return pid; }\n"
                + "long second(int a, long b) { if (a) return (long) b; return b; }\n"
                + "int bump(int pid) { pid = pid + 1; return pid; }\n"
                + "int other(int a, int b) { if (a) return a; return b; }\n"
                + "int constant(int a) { return 0; }\n"
                + "void none(int a) { }\n");
    assertEquals(0, s.resolve("p.c", "wrap").passThrough());
    assertEquals(1, s.resolve("p.c", "second").passThrough());
    assertEquals(-1, s.resolve("p.c", "bump").passThrough(), "changed before it is returned");
    assertEquals(-1, s.resolve("p.c", "other").passThrough(), "two different parameters");
    assertEquals(-1, s.resolve("p.c", "constant").passThrough());
    assertEquals(-1, s.resolve("p.c", "none").passThrough(), "no return at all");
  }

  @Test
  void aPassThroughCallYieldsItsArgument() {
    Summaries s = build("int wrap(int pid) { return pid; }\n");
    PassThrough through = PassThrough.of(s::resolve, "p.c");
    Expr arg = new Expr.Name("v", "v");
    Expr.Call call =
        new Expr.Call(new Expr.Name("wrap", "wrap"), List.of(arg), null, null, "wrap(v)");
    assertSame(arg, through.argument(call));
    Expr.Call unknown =
        new Expr.Call(new Expr.Name("zap", "zap"), List.of(arg), null, null, "zap(v)");
    assertNull(through.argument(unknown));
    assertNull(PassThrough.NONE.argument(call));
  }
}
