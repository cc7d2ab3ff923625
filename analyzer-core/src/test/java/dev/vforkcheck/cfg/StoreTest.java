package dev.vforkcheck.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.model.Location;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Store#of}: every place a node may write, with its kind and value. */
class StoreTest {
  private static final String CODE =
      """
      struct job { int pid; };
      void f(struct job *job, int *pids, int *p, int c) {
        int x, y;
        x = 1;
        x += 2;
        x |= 4;
        x++;
        ++x;
        x--;
        --x;
        get(&x);
        int z = 5;
        int w = (y = 3);
        int u;
        x = y = 0;
        job->pid = 7;
        pids[0] = 8;
        *p = 9;
        p = &y;
        use(x);
        if (x == 1) use(y);
      }
      """;
  private static final FunctionFacts FN = TestC.function(CODE, "f");

  private static List<Store> stores(String text) {
    return Store.of(TestC.node(FN.cfg(), text));
  }

  private static Store only(String text) {
    List<Store> s = stores(text);
    assertEquals(1, s.size(), text + ": " + s);
    return s.get(0);
  }

  private static List<String> describe(String text) {
    return stores(text).stream()
        .map(s -> s.kind() + " " + s.key() + (s.value() == null ? "" : " = " + s.value().text()))
        .toList();
  }

  @Test
  void plainAssignmentCarriesItsValue() {
    Store s = only("x = 1;");
    assertEquals(Store.Kind.ASSIGN, s.kind());
    assertEquals("x", s.key());
    assertEquals("1", s.value().text());
    assertEquals(1L, Expr.constantValue(s.value()));
  }

  @Test
  void compoundAssignmentsHaveNoValue() {
    for (String t : List.of("x += 2;", "x |= 4;")) {
      Store s = only(t);
      assertEquals(Store.Kind.COMPOUND, s.kind(), t);
      assertEquals("x", s.key(), t);
      assertNull(s.value(), t);
    }
  }

  @Test
  void incrementsAndDecrementsInEitherPosition() {
    assertEquals(List.of("INCREMENT x"), describe("x++;"));
    assertEquals(List.of("INCREMENT x"), describe("++x;"));
    assertEquals(List.of("DECREMENT x"), describe("x--;"));
    assertEquals(List.of("DECREMENT x"), describe("--x;"));
  }

  @Test
  void anAddressHandedOnIsAnUncertainStore() {
    Store s = only("get(&x);");
    assertEquals(Store.Kind.ADDRESS_TAKEN, s.kind());
    assertEquals("x", s.key());
    assertNull(s.value());
    assertFalse(s.kind().certain());
  }

  @Test
  void onlyAnAddressTakenIsUncertain() {
    for (Store.Kind k : Store.Kind.values()) {
      assertEquals(k != Store.Kind.ADDRESS_TAKEN, k.certain(), k.toString());
    }
    assertEquals(
        EnumSet.allOf(Store.Kind.class),
        EnumSet.of(
            Store.Kind.ASSIGN,
            Store.Kind.COMPOUND,
            Store.Kind.INCREMENT,
            Store.Kind.DECREMENT,
            Store.Kind.ADDRESS_TAKEN,
            Store.Kind.INITIALIZER),
        "a new kind needs a row in this test");
  }

  @Test
  void theDeclarationsOwnInitializerIsAnInitializerAndNestedAssignmentsStayAssignments() {
    assertEquals(List.of("INITIALIZER z = 5"), describe("z = 5"));
    assertEquals(List.of("INITIALIZER w = y = 3", "ASSIGN y = 3"), describe("w = (y = 3)"));
    assertEquals(List.of(), describe("u"), "a declaration without initializer stores nothing");
  }

  @Test
  void chainedAssignmentsOutermostFirst() {
    assertEquals(List.of("ASSIGN x = y = 0", "ASSIGN y = 0"), describe("x = y = 0;"));
  }

  @Test
  void keysOfMembersIndexesAndDereferences() {
    assertEquals("job->pid", only("job->pid = 7;").key());
    assertEquals("pids[0]", only("pids[0] = 8;").key());
    assertEquals("*p", only("*p = 9;").key());
  }

  @Test
  void assigningAnAddressStoresThePointerAndTakesTheAddress() {
    assertEquals(List.of("ASSIGN p = &y", "ADDRESS_TAKEN y"), describe("p = &y;"));
  }

  @Test
  void callsConditionsAndNodesWithoutExpressionStoreNothing() {
    assertEquals(List.of(), stores("use(x);"));
    assertEquals(List.of(), stores("x == 1"));
    assertEquals(List.of(), Store.of(FN.cfg().entry()));
  }

  @Test
  void theLocationIsTheWritingExpression() {
    CfgNode n = TestC.node(FN.cfg(), "x = 1;");
    Location at = only("x = 1;").location();
    assertEquals(n.location().line(), at.line());
    assertEquals(5, at.endColumn() - at.column(), "`x = 1` is five characters: " + at);
    Location inc = only("++x;").location();
    assertEquals(3, inc.endColumn() - inc.column(), "`++x`: " + inc);
  }

  @Test
  void keyIsNullWhenTheTargetIsNoPlainLvalue() {
    List<Store> s =
        Store.of(
            TestC.node(
                TestC.function("void g(int *(*f)(void)) { f()[0] = 1; }", "g").cfg(),
                "f()[0] = 1;"));
    assertEquals(1, s.size());
    assertTrue(s.get(0).key() == null, "f()[0] has no lvalue key");
  }
}
