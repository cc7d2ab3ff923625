package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file pass 1 read, as pass 2 reads it again: pass 1 keeps only its facts, so that the text of a
 * large tree is not held while every file is parsed; pass 2 needs the text of the file it reports
 * on (fingerprints, suppressions, quoted lines) and reads it once more.
 *
 * @param path the file
 * @param size its size when pass 1 read it
 * @param modified its modification time then, in milliseconds
 * @param contentHash the SHA-256 of the bytes pass 1 parsed
 */
record SourceFile(Path path, long size, long modified, String contentHash) {

  /** The file's size and time, taken before its bytes are read (a later change shows then). */
  static SourceFile before(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return new SourceFile(path, a.size(), a.lastModifiedTime().toMillis(), "");
  }

  SourceFile withHash(String hash) {
    return new SourceFile(path, size, modified, hash);
  }

  /**
   * The text again.
   *
   * @return the text, and whether it is still what pass 1 parsed
   * @throws IOException when the file can no longer be read
   */
  Reread reread() throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    byte[] bytes = Files.readAllBytes(path);
    boolean same =
        (a.size() == size && a.lastModifiedTime().toMillis() == modified)
            || Fingerprints.sha256(bytes).equals(contentHash);
    return new Reread(SourceText.decode(bytes), same);
  }

  /**
   * A file read again.
   *
   * @param unchanged false when its content differs from what pass 1 parsed
   */
  record Reread(SourceText text, boolean unchanged) {}
}
