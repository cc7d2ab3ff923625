package dev.vforkcheck.cli;

import dev.vforkcheck.engine.Fingerprints;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.TextEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the fixes of chosen rules to the scanned files, or renders them as a unified diff. A file
 * is changed only when its bytes are still those that were analyzed, and only the bytes the edits
 * cover change: whitespace, comments, encoding and line endings stay as they were.
 */
final class Fixer {
  /** What happened to one file. */
  record Outcome(String path, int edits, String diff, String problem) {}

  private final Path baseDir;

  Fixer(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** The fixes of the findings of the given rules (all rules when empty), grouped by file. */
  static Map<String, List<TextEdit>> editsByFile(ScanResult result, Set<String> rules) {
    Map<String, List<TextEdit>> out = new TreeMap<>();
    for (Finding f : result.findings()) {
      if (f.suppressed() || (!rules.isEmpty() && !rules.contains(f.ruleId()))) {
        continue;
      }
      for (Fix fix : f.fixes()) {
        for (TextEdit e : fix.edits()) {
          List<TextEdit> list = out.computeIfAbsent(e.range().path(), k -> new ArrayList<>());
          if (!list.contains(e)) {
            list.add(e);
          }
        }
      }
    }
    return out;
  }

  /** Applies (write = true) or only diffs the edits of one file. */
  Outcome apply(String path, List<TextEdit> edits, String expectedHash, boolean write)
      throws IOException {
    Path file = baseDir.resolve(path);
    byte[] bytes = Files.readAllBytes(file);
    if (!Fingerprints.sha256(bytes).equals(expectedHash)) {
      return new Outcome(path, 0, "", "changed since it was analyzed; not fixed (scan again)");
    }
    boolean bom =
        bytes.length >= 3
            && (bytes[0] & 0xff) == 0xEF
            && (bytes[1] & 0xff) == 0xBB
            && (bytes[2] & 0xff) == 0xBF;
    SourceText text = SourceText.decode(bytes);
    String before = new String(text.chars());
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(
        Comparator.comparingInt((TextEdit e) -> text.offset(e.range().line(), e.range().column()))
            .reversed());
    StringBuilder after = new StringBuilder(before);
    int lastStart = Integer.MAX_VALUE;
    for (TextEdit e : sorted) {
      int start = text.offset(e.range().line(), e.range().column());
      int end = text.offset(e.range().endLine(), e.range().endColumn());
      if (end > lastStart) {
        return new Outcome(path, 0, "", "has overlapping fixes; not fixed");
      }
      after.replace(start, end, e.replacement());
      lastStart = start;
    }
    String fixed = after.toString();
    String diff = UnifiedDiff.of(path, before, fixed);
    if (write) {
      byte[] body =
          fixed.getBytes(
              text.latin1Fallback() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      byte[] out = body;
      if (bom) {
        out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
      }
      Path tmp =
          Files.createTempFile(
              file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
      try {
        Files.write(tmp, out);
        try {
          tmp.toFile().setExecutable(file.toFile().canExecute());
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return new Outcome(path, sorted.size(), diff, null);
  }
}
