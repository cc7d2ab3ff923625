package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF for the whole corpus validates against the OASIS SARIF 2.1.0 schema and meets what
 * GitHub code scanning requires beyond it.
 */
class SarifValidationTest {
  private static Schema schema;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in =
        SarifValidationTest.class
            .getClassLoader()
            .getResourceAsStream("json/sarif-schema-2.1.0.json")) {
      assertNotNull(in, "sarif4j's schema resource is missing");
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  private static JsonNode sarifFor(Path out, String... paths) throws Exception {
    String[] args = new String[paths.length + 6];
    args[0] = "scan";
    args[1] = "--format";
    args[2] = "sarif";
    args[3] = "-o";
    args[4] = out.toString();
    args[5] = "--fail-on=never";
    System.arraycopy(paths, 0, args, 6, paths.length);
    Cli.Run r = Cli.run(args);
    assertEquals(0, r.code(), r.err());
    return MAPPER.readTree(Files.readString(out, StandardCharsets.UTF_8));
  }

  private static void assertValid(JsonNode sarif) {
    List<Error> errors = schema.validate(sarif);
    assertEquals(
        List.of(),
        errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList());
  }

  @Test
  void corpusSarifIsValidAndMeetsGitHubRequirements(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("corpus.sarif");
    JsonNode sarif = sarifFor(out, "cases", "golden/input");
    assertValid(sarif);
    assertTrue(Files.size(out) <= 10L * 1024 * 1024, "GitHub rejects SARIF files over 10 MB");
    JsonNode run = sarif.path("runs").get(0);
    JsonNode results = run.path("results");
    assertTrue(
        results.size() > 50, "the corpus should produce many results, got " + results.size());
    assertTrue(results.size() <= 25_000);
    assertEquals("utf16CodeUnits", run.path("columnKind").asText());
    assertTrue(
        run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText().startsWith("file:"));

    JsonNode rules = run.path("tool").path("driver").path("rules");
    Set<String> ruleIds = new HashSet<>();
    for (JsonNode rule : rules) {
      ruleIds.add(rule.path("id").asText());
      for (String field : List.of("shortDescription", "fullDescription")) {
        assertFalse(
            rule.path(field).path("text").asText().isBlank(), rule.path("id") + " " + field);
      }
      assertFalse(
          rule.path("help").path("text").asText().isBlank(), rule.path("id") + " help.text");
      assertFalse(
          rule.path("help").path("markdown").asText().isBlank(),
          rule.path("id") + " help.markdown");
      assertTrue(rule.path("properties").path("tags").size() > 0);
    }
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode result : results) {
      String ruleId = result.path("ruleId").asText();
      assertTrue(ruleIds.contains(ruleId), ruleId);
      assertEquals(ruleId, rules.get(result.path("ruleIndex").asInt()).path("id").asText());
      assertFalse(result.path("message").path("text").asText().isBlank());
      JsonNode loc = result.path("locations").get(0).path("physicalLocation");
      assertTrue(loc.path("region").path("startLine").asInt() >= 1);
      String uri = loc.path("artifactLocation").path("uri").asText();
      assertFalse(uri.startsWith("/") || uri.contains(":"), "URIs must be relative: " + uri);
      assertEquals("%SRCROOT%", loc.path("artifactLocation").path("uriBaseId").asText());
      String fp = result.path("partialFingerprints").path("vforkcheck/v1").asText();
      assertEquals(32, fp.length());
      assertTrue(fingerprints.add(fp), "fingerprints must be unique: " + fp);
      if (result.has("codeFlows")) {
        assertTrue(
            result.path("codeFlows").get(0).path("threadFlows").get(0).path("locations").size()
                >= 2);
      } else {
        assertTrue(
            ruleId.startsWith("fork-"),
            "vfork findings carry the path from the vfork call: " + ruleId);
      }
    }
  }

  @Test
  void cleanRunHasEmptyResultsAndBadFilesAreNotifications(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(
        src.resolve("ok.c"),
        "void f(char **a) { if (vfork() == 0) { execv(a[0], a); _exit(127); } }\n");
    Files.writeString(src.resolve("bad.c"), "int broken( {\n");
    Files.write(src.resolve("bin.c"), new byte[] {0, 1, 2});
    JsonNode sarif = sarifFor(dir.resolve("out.sarif"), src.toString());
    assertValid(sarif);
    JsonNode run = sarif.path("runs").get(0);
    assertTrue(run.path("results").isArray());
    assertEquals(0, run.path("results").size());
    JsonNode invocation = run.path("invocations").get(0);
    assertTrue(invocation.path("executionSuccessful").asBoolean());
    Set<String> kinds = new HashSet<>();
    for (JsonNode n : invocation.path("toolExecutionNotifications")) {
      kinds.add(n.path("descriptor").path("id").asText());
    }
    assertTrue(kinds.containsAll(Set.of("input/syntax", "input/binary")), kinds.toString());
  }

  @Test
  void fingerprintsSurviveLineMoves(@TempDir Path dir) throws Exception {
    String body =
        "void spawn(char **a) {\n  int pid = vfork();\n  if (pid == 0) {\n    printf(\"x\");\n"
            + "    execv(a[0], a);\n    _exit(127);\n  }\n}\n";
    Path f = dir.resolve("m.c");
    Files.writeString(f, body);
    String before =
        sarifFor(dir.resolve("1.sarif"), f.toString())
            .path("runs")
            .get(0)
            .path("results")
            .get(0)
            .path("partialFingerprints")
            .path("vforkcheck/v1")
            .asText();
    Files.writeString(
        f, "/* a new comment\n   pushes everything down */\nint unrelated;\n\n" + body);
    JsonNode moved =
        sarifFor(dir.resolve("2.sarif"), f.toString()).path("runs").get(0).path("results").get(0);
    assertEquals(
        8,
        moved
            .path("locations")
            .get(0)
            .path("physicalLocation")
            .path("region")
            .path("startLine")
            .asInt());
    assertEquals(before, moved.path("partialFingerprints").path("vforkcheck/v1").asText());
  }
}
