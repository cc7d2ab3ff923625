package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileTest {
  @TempDir Path dir;

  private SourceFile firstRead(Path f) throws IOException {
    SourceFile s = SourceFile.before(f);
    return s.withHash(Fingerprints.sha256(Files.readAllBytes(f)));
  }

  @Test
  void anUnchangedFileReadsAgainAsTheSameText() throws IOException {
    Path f = Files.writeString(dir.resolve("a.c"), "int x;\n", StandardCharsets.UTF_8);
    SourceFile.Reread r = firstRead(f).reread();
    assertTrue(r.unchanged());
    assertEquals("int x;", r.text().lineText(1));
  }

  @Test
  void aTouchedFileWithTheSameBytesIsUnchanged() throws IOException {
    Path f = Files.writeString(dir.resolve("a.c"), "int x;\n", StandardCharsets.UTF_8);
    SourceFile s = firstRead(f);
    Files.setLastModifiedTime(f, FileTime.fromMillis(s.modified() + 5_000));
    assertTrue(s.reread().unchanged(), "time differs, hash equal");
  }

  @Test
  void aChangedFileIsSaidToBeChanged() throws IOException {
    Path f = Files.writeString(dir.resolve("a.c"), "int x;\n", StandardCharsets.UTF_8);
    SourceFile s = firstRead(f);
    Files.writeString(f, "int y;\nint z;\n", StandardCharsets.UTF_8);
    SourceFile.Reread r = s.reread();
    assertFalse(r.unchanged());
    assertEquals("int z;", r.text().lineText(2), "the new text is what is read");
  }

  @Test
  void aRemovedFileCannotBeReadAgain() throws IOException {
    Path f = Files.writeString(dir.resolve("a.c"), "int x;\n", StandardCharsets.UTF_8);
    SourceFile s = firstRead(f);
    Files.delete(f);
    assertThrows(IOException.class, s::reread);
  }
}
