package dev.vforkcheck.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vforkcheck.knowledge.KnowledgeBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacroHarvestTest {
  private static final KnowledgeBase KB = KnowledgeBase.load();

  private static MacroHarvest.AttributeDefinitions defs(String header) {
    return MacroHarvest.read(SourceText.decode(header.getBytes(StandardCharsets.UTF_8)), KB)
        .attributes();
  }

  @Test
  void attributeMacrosOfTheTreeAreTheirFirstNonEmptyDefinition() {
    var platform =
        defs(
            """
            #ifndef PLATFORM_H
            #define PLATFORM_H
            #if defined(__i386__)
            # define FAST_FUNC __attribute__((regparm(3),stdcall))
            #else
            # define FAST_FUNC
            #endif
            #define NORETURN __attribute__ ((__noreturn__)) /* never returns */
            #define ALIGNED(m) __attribute__((__aligned__(m)))
            #define ALWAYS_INLINE __attribute__ ((always_inline)) inline
            #define DIE_ATTR NORETURN
            #define HAVE_SETLOCALE
            #define BUFSIZE 4096
            #define CALLS_LATER LATER_ATTR
            #define LOOKS_LIKE_ONE __attribute__((unused))
            #endif
            """);
    var other =
        defs(
            """
            #define LATER_ATTR __attribute__((cold))
            #define LOOKS_LIKE_ONE 1
            #define FAST_FUNC
            """);
    Map<String, String> got = MacroHarvest.attributeMacros(List.of(platform, other));
    assertEquals(
        Map.of(
            "FAST_FUNC", "__attribute__((regparm(3),stdcall))",
            "NORETURN", "__attribute__ ((__noreturn__))",
            "ALIGNED(m)", "__attribute__((__aligned__(m)))",
            "ALWAYS_INLINE", "__attribute__ ((always_inline)) inline",
            "DIE_ATTR", "NORETURN",
            "CALLS_LATER", "LATER_ATTR",
            "LATER_ATTR", "__attribute__((cold))"),
        got,
        "include guards and flags only ever defined empty, constants, and names also defined as"
            + " something else are not attribute-like");
  }

  @Test
  void aNameWhoseBodyNamesAnythingButAttributeMacrosIsNotTaken() {
    var h =
        defs(
            """
            #define WRAP(x) __attribute__((unused)) x
            #define MAYBE_TYPE int
            #define USES_TYPE __attribute__((unused)) MAYBE_TYPE
            #define PACKED __attribute__((packed))
            #define exit(c) __attribute__((noreturn))
            """);
    assertEquals(
        Map.of("PACKED", "__attribute__((packed))"), MacroHarvest.attributeMacros(List.of(h)));
  }
}
