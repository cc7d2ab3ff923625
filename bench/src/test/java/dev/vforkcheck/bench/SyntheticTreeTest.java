package dev.vforkcheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.cli.AnalysisOptions;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.engine.SourceWalker;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.rules.RuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTreeTest {
  @TempDir Path dir;

  @Test
  void theTreeHasTheAskedSizeParsesCleanlyAndEverySpawnIsASite() throws Exception {
    SyntheticTree t = new SyntheticTree(7);
    long lines = t.write(dir, 8000);
    assertTrue(lines >= 8000, "wrote " + lines);
    assertTrue(t.spawns() > 0, "some spawn code");
    List<Path> files = SourceWalker.expand(List.of(dir));
    RuleRegistry reg = RuleRegistry.builtin();
    Set<String> ids = new HashSet<>();
    reg.metadata().forEach(m -> ids.add(m.id()));
    ScanConfig c =
        AnalysisOptions.fromArguments(List.of("--no-config", "-j", "1"), dir, reg.all(), ids)
            .withAdvisor(reg.advisor())
            .withTree(dir, List.of(dir), List.of());
    ScanResult r = new Engine(KnowledgeBase.load(), c).scan(files);
    assertEquals(t.spawns(), r.stats().sites(), "one site per spawn function");
    assertTrue(
        r.diagnostics().stream().noneMatch(d -> d.kind() == Diagnostic.Kind.SYNTAX),
        r.diagnostics().toString());
    assertTrue(
        r.findings().stream().anyMatch(f -> f.ruleId().equals("vfork-stdio")),
        "the child that prints before exec is found");
    SyntheticTree again = new SyntheticTree(7);
    Path other = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-again"));
    assertEquals(lines, again.write(other, 8000), "the same seed writes the same tree");
  }
}
