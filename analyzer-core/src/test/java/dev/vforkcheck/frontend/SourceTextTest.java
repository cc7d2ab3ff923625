package dev.vforkcheck.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {
  @Test
  void decodesUtf8AndDropsTheByteOrderMark() {
    byte[] bytes = "\uFEFFint \u00e9;".getBytes(StandardCharsets.UTF_8);
    SourceText t = SourceText.decode(bytes);
    assertEquals("int \u00e9;", new String(t.chars()));
    assertFalse(t.latin1Fallback());
  }

  @Test
  void fallsBackToLatin1OnInvalidUtf8() {
    byte[] bytes = {'i', 'n', 't', ' ', (byte) 0xE9, ';'};
    SourceText t = SourceText.decode(bytes);
    assertTrue(t.latin1Fallback());
    assertEquals("int \u00e9;", new String(t.chars()));
  }

  @Test
  void linesAndColumnsAreOneBased() {
    SourceText t = SourceText.of("ab\ncd\r\n\tef");
    assertEquals(1, t.line(0));
    assertEquals(1, t.column(0));
    assertEquals(2, t.line(3));
    assertEquals(2, t.column(4));
    assertEquals(3, t.line(8));
    assertEquals(3, t.column(9)); // a tab counts as one column
    assertEquals("cd", t.lineText(2));
    assertEquals(3, t.lineCount());
    assertEquals(4, t.offset(2, 2));
  }

  @Test
  void detectsBinaryFiles() {
    assertTrue(SourceText.looksBinary(new byte[] {'E', 'L', 'F', 0, 1}));
    assertFalse(
        SourceText.looksBinary("int main(void) { return 0; }".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void snippetsFoldWhitespaceTrimAndCut() {
    SourceText t = SourceText.of("x =  foo(a,\n\t\tb)  ;\r\n");
    assertEquals("foo(a, b)", t.snippet(5, 13, 40));
    assertEquals("x = foo(a, b) ;", t.snippet(0, t.length(), 40));
    assertEquals("x = foo...", t.snippet(0, t.length(), 10));
    assertEquals("x = foo(a,", t.snippet(0, 11, 10), "exactly max characters are kept whole");
    assertEquals("", t.snippet(16, 2, 10));
    assertEquals("a b", Locator.snippet("  a \u000b\f b\n", 40));
  }
}
