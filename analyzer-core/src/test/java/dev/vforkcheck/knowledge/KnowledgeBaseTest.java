package dev.vforkcheck.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  private final KnowledgeBase kb = KnowledgeBase.load();

  @Test
  void everyClassHasFunctionsAndADescription() {
    Set<FunctionClass> seen = EnumSet.noneOf(FunctionClass.class);
    kb.all().values().forEach(seen::add);
    assertEquals(EnumSet.allOf(FunctionClass.class), seen);
    for (FunctionClass c : FunctionClass.values()) {
      assertFalse(kb.describe(c).isBlank(), c + " has no description");
    }
  }

  @Test
  void aFunctionListedTwiceIsRejected() {
    String json =
        "{\"classes\":{\"STDIO\":{\"functions\":[\"printf\"]},\"HEAP\":{\"functions\":[\"printf\"]}}}";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KnowledgeBase.parse(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains("printf"), e.getMessage());
  }

  @Test
  void anUnknownClassIsRejected() {
    String json = "{\"classes\":{\"MAGIC\":{\"functions\":[\"x\"]}}}";
    assertThrows(
        IllegalArgumentException.class,
        () -> KnowledgeBase.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void classifiesTheFunctionsTheRulesDependOn() {
    assertEquals(FunctionClass.VFORK, kb.classify("vfork").orElseThrow());
    assertEquals(FunctionClass.FORK, kb.classify("fork").orElseThrow());
    assertEquals(FunctionClass.EXIT, kb.classify("exit").orElseThrow());
    assertEquals(FunctionClass.EXIT, kb.classify("errx").orElseThrow());
    assertEquals(FunctionClass.UNDERSCORE_EXIT, kb.classify("_exit").orElseThrow());
    assertEquals(FunctionClass.UNDERSCORE_EXIT, kb.classify("_Exit").orElseThrow());
    assertEquals(FunctionClass.EXEC, kb.classify("execvp").orElseThrow());
    assertEquals(FunctionClass.STDIO, kb.classify("fprintf").orElseThrow());
    assertEquals(FunctionClass.HEAP, kb.classify("strdup").orElseThrow());
    assertEquals(FunctionClass.UNSAFE, kb.classify("setenv").orElseThrow());
    assertEquals(FunctionClass.NONLOCAL_JUMP, kb.classify("longjmp").orElseThrow());
    for (String safe :
        new String[] {
          "dup2",
          "close",
          "fcntl",
          "setsid",
          "setpgid",
          "signal",
          "sigaction",
          "sigprocmask",
          "chdir",
          "umask"
        }) {
      assertTrue(kb.classify(safe).orElseThrow().vforkSafe(), safe);
    }
    assertTrue(kb.classify("no_such_function").isEmpty());
  }

  @Test
  void builtinPrefixIsUnderstood() {
    assertEquals(FunctionClass.ASYNC_SIGNAL_SAFE, kb.classify("__builtin_memcpy").orElseThrow());
  }

  @Test
  void noReturnComesFromTheClass() {
    assertTrue(kb.isNoReturn("_exit"));
    assertTrue(kb.isNoReturn("exit"));
    assertTrue(kb.isNoReturn("abort"));
    assertFalse(kb.isNoReturn("execv"));
    assertFalse(kb.isNoReturn("printf"));
  }

  @Test
  void typedTablesGiveMeaningNotNames() {
    assertEquals(
        KnowledgeBase.MinusOnePid.EVERY_PROCESS, kb.pidUse("kill").orElseThrow().minusOne());
    assertEquals(
        KnowledgeBase.MinusOnePid.ANY_CHILD, kb.pidUse("waitpid").orElseThrow().minusOne());
    assertEquals(KnowledgeBase.MinusOnePid.INVALID, kb.pidUse("setpgid").orElseThrow().minusOne());
    assertTrue(kb.pidUse("printf").isEmpty());
    assertEquals("_exit", kb.safeReplacement("exit").orElseThrow());
    assertTrue(kb.safeReplacement("err").isEmpty(), "err() prints first: no one-word replacement");
    assertTrue(kb.perProcessState("errno"));
    assertFalse(kb.perProcessState("environ"));
    assertEquals(
        KnowledgeBase.HandlerForm.FUNCTION,
        kb.signalHandlerArgument("signal").orElseThrow().form());
    assertEquals(
        KnowledgeBase.HandlerForm.SIGACTION,
        kb.signalHandlerArgument("sigaction").orElseThrow().form());
    assertEquals(1, kb.signalHandlerArgument("sigaction").orElseThrow().index());
    assertTrue(kb.signalHandlerArgument("sigprocmask").isEmpty());
    assertTrue(kb.isSignalDisposition("SIG_IGN"));
    assertFalse(kb.isSignalDisposition("on_child"));
    assertTrue(kb.isSigactionHandlerField("sa_sigaction"));
  }

  @Test
  void aSignalInstallerMustBeClassified() {
    String json =
        "{\"classes\":{\"STDIO\":{\"functions\":[\"printf\"]}},"
            + "\"signalHandlerArguments\":{\"mysignal\":{\"index\":1,\"form\":\"FUNCTION\"}}}";
    assertThrows(
        IllegalArgumentException.class,
        () -> KnowledgeBase.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aCLibrarysInternalNamesTakeTheClassOfThePublicFunction() {
    assertEquals(FunctionClass.ASYNC_SIGNAL_SAFE, kb.classify("__libc_sigaction").orElseThrow());
    assertEquals(kb.classify("close").orElseThrow(), kb.classify("__close_nocancel").orElseThrow());
    assertEquals(kb.classify("close").orElseThrow(), kb.classify("close_not_cancel").orElseThrow());
    assertEquals(FunctionClass.HEAP, kb.classify("__libc_malloc").orElseThrow());
    assertEquals(FunctionClass.FORK, kb.classify("__libc_fork").orElseThrow());
    assertEquals("sigaction", kb.publicName("__libc_sigaction"));
    assertEquals("__is_internal_signal", kb.publicName("__is_internal_signal"), "no public name");
    assertTrue(kb.classify("__is_internal_signal").isEmpty());
    assertEquals(
        KnowledgeBase.HandlerForm.SIGACTION,
        kb.signalHandlerArgument("__libc_sigaction").orElseThrow().form());
    assertEquals(0, kb.pidArgument("__kill"));
    assertEquals(FunctionClass.SAFE_EXTRA, kb.classify("__builtin_alloca").orElseThrow());
  }

  @Test
  void stackAllocatorsAndFunctionsReturningTheirFirstArgument() {
    assertTrue(kb.isStackAllocator("alloca"));
    assertTrue(kb.isStackAllocator("__builtin_alloca"));
    assertFalse(kb.isStackAllocator("malloc"), "the heap is not the caller's stack");
    assertTrue(kb.returnsFirstArgument("memcpy"));
    assertTrue(kb.returnsFirstArgument("strcpy"));
    assertFalse(kb.returnsFirstArgument("strlen"));
    assertFalse(kb.returnsFirstArgument(null));
  }
}
