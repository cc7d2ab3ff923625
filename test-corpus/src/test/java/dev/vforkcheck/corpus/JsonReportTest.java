package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The JSON report of the whole corpus matches its published schema (version 1). */
class JsonReportTest {
  @Test
  void corpusJsonMatchesTheSchema() throws Exception {
    Schema schema;
    try (InputStream in =
        JsonReportTest.class.getResourceAsStream(
            "/dev/vforkcheck/cli/report/vforkcheck-report.schema.json")) {
      assertNotNull(in);
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    Cli.Run r = Cli.run("scan", "--format", "json", "--fail-on", "never", "cases", "golden/input");
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals(
        java.util.List.of(),
        schema.validate(report).stream()
            .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
            .toList());
    assertTrue(report.path("findings").size() > 50);
    assertTrue(report.path("diagnostics").size() >= 1, "golden/input/broken.c gives a diagnostic");
    assertEquals(report.path("findings").size(), report.path("stats").path("findings").asInt());
  }
}
