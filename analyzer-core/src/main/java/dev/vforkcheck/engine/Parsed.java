package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.SourceText;

/**
 * A file after pass 1 in one configuration: its facts (no AST) and its text (for fingerprints), or
 * only diagnostics (then {@code text} is null).
 *
 * @param configuration the configuration's name; empty for the file's default configuration
 */
record Parsed(FileFacts facts, SourceText text, String contentHash, String configuration) {
  Parsed(FileFacts facts, SourceText text, String contentHash) {
    this(facts, text, contentHash, "");
  }
}
