package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.FileFacts;

/**
 * A file after pass 1 in one configuration: its facts (no AST, no text), and the file to read again
 * in pass 2; or only diagnostics (then {@code source} is null).
 *
 * @param configuration the configuration's name; empty for the file's default configuration
 */
record Parsed(FileFacts facts, SourceFile source, String configuration) {
  Parsed(FileFacts facts, SourceFile source) {
    this(facts, source, "");
  }

  /** Whether the file was parsed (else it only has diagnostics). */
  boolean parsed() {
    return source != null;
  }

  /** The SHA-256 of the bytes parsed; empty when not parsed. */
  String contentHash() {
    return source == null ? "" : source.contentHash();
  }
}
