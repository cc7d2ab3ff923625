package dev.vforkcheck.cli.report;

import dev.vforkcheck.rules.RuleRegistry;
import java.nio.file.Path;

/**
 * What a reporter needs besides the findings.
 *
 * @param toolVersion the analyzer's version
 * @param baseDir the directory finding paths are relative to
 * @param srcRoot the root SARIF URIs are relative to ({@code %SRCROOT%})
 * @param registry the rules, with their metadata and documentation pages
 */
public record ReportContext(String toolVersion, Path baseDir, Path srcRoot, RuleRegistry registry) {
  public ReportContext {
    baseDir = baseDir.toAbsolutePath().normalize();
    srcRoot = srcRoot.toAbsolutePath().normalize();
  }

  /** A finding's path re-expressed relative to the source root, with '/'; null when outside it. */
  public String relativeToSrcRoot(String path) {
    Path abs = baseDir.resolve(path).normalize();
    if (!abs.startsWith(srcRoot)) {
      return null;
    }
    return srcRoot.relativize(abs).toString().replace('\\', '/');
  }

  /** The absolute file URI of a finding's path. */
  public String absoluteUri(String path) {
    return baseDir.resolve(path).normalize().toUri().toString();
  }
}
