package dev.vforkcheck.frontend;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoded text of one source file with a table of line starts, for turning parser offsets into
 * 1-based line and column numbers (columns in UTF-16 code units).
 */
public final class SourceText {
  private final char[] chars;
  private final int[] lineStarts;
  private final boolean latin1Fallback;

  private SourceText(char[] chars, boolean latin1Fallback) {
    this.chars = chars;
    this.latin1Fallback = latin1Fallback;
    int count = 1;
    for (char c : chars) {
      if (c == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == '\n') {
        starts[line++] = i + 1;
      }
    }
    this.lineStarts = starts;
  }

  /**
   * Decodes bytes as UTF-8 (dropping a byte-order mark) and falls back to ISO-8859-1, which maps
   * every byte to a character, when the bytes are not valid UTF-8. Never throws on odd bytes.
   */
  public static SourceText decode(byte[] bytes) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF
            ? 3
            : 0;
    try {
      var decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      var buf = decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
      char[] out = new char[buf.remaining()];
      buf.get(out);
      return new SourceText(out, false);
    } catch (CharacterCodingException e) {
      return new SourceText(new String(bytes, StandardCharsets.ISO_8859_1).toCharArray(), true);
    }
  }

  public static SourceText of(String text) {
    return new SourceText(text.toCharArray(), false);
  }

  /** True when a NUL byte shows the file is not text. */
  public static boolean looksBinary(byte[] bytes) {
    int limit = Math.min(bytes.length, 1 << 16);
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  public char[] chars() {
    return chars;
  }

  public int length() {
    return chars.length;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** True when the file was not valid UTF-8 and was read as ISO-8859-1. */
  public boolean latin1Fallback() {
    return latin1Fallback;
  }

  /** 1-based line of a character offset. */
  public int line(int offset) {
    int o = Math.max(0, Math.min(offset, chars.length));
    int idx = Arrays.binarySearch(lineStarts, o);
    return idx >= 0 ? idx + 1 : -idx - 1;
  }

  /** 1-based column (UTF-16 code units) of a character offset. */
  public int column(int offset) {
    int o = Math.max(0, Math.min(offset, chars.length));
    return o - lineStarts[line(o) - 1] + 1;
  }

  /** Character offset where a 1-based line starts. */
  public int lineStart(int line) {
    return lineStarts[Math.max(1, Math.min(line, lineStarts.length)) - 1];
  }

  /** Character offset of a 1-based line and column. */
  public int offset(int line, int column) {
    int l = Math.max(1, Math.min(line, lineStarts.length));
    return Math.min(chars.length, lineStarts[l - 1] + column - 1);
  }

  public String slice(int offset, int length) {
    int from = Math.max(0, Math.min(offset, chars.length));
    int to = Math.max(from, Math.min(offset + length, chars.length));
    return new String(chars, from, to - from);
  }

  /**
   * The text of {@code length} characters from {@code offset}, each run of whitespace made one
   * space, trimmed, cut to {@code max} characters with "..." (an expression as a message quotes
   * it).
   */
  public String snippet(int offset, int length, int max) {
    int from = Math.max(0, Math.min(offset, chars.length));
    int to = Math.max(from, Math.min(offset + length, chars.length));
    return fold(chars, from, to, max);
  }

  /** {@link #snippet} of {@code chars[from, to)}. */
  static String fold(char[] chars, int from, int to, int max) {
    StringBuilder sb = new StringBuilder(Math.min(to - from, max + 1));
    boolean space = false;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.append(c);
      if (sb.length() > max) {
        break;
      }
    }
    return sb.length() > max ? sb.substring(0, max - 3) + "..." : sb.toString();
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int from = lineStarts[line - 1];
    int to = line < lineStarts.length ? lineStarts[line] - 1 : chars.length;
    if (to > from && chars[to - 1] == '\r') {
      to--;
    }
    return new String(chars, from, Math.max(0, to - from));
  }
}
