package dev.vforkcheck.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTreeTest {
  private static JsonNode read(String json) throws IOException {
    return JsonTree.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsObjectsArraysAndScalarsInOrder() throws IOException {
    JsonNode n =
        read("{\"b\": [1, \"two\", true, null, 2.5], \"a\": {\"x\": -3}, \"s\": \"\\u00e9\"}");
    assertEquals(
        "{\"b\":[1,\"two\",true,null,2.5],\"a\":{\"x\":-3},\"s\":\"\u00e9\"}", n.toString());
    assertEquals(-3, n.path("a").path("x").asInt());
    assertTrue(n.path("missing").isMissingNode());
  }

  @Test
  void malformedOrTrailingTextIsAnError() {
    assertThrows(IOException.class, () -> read("{\"a\": [1, 2}"));
    assertThrows(IOException.class, () -> read("{} {}"));
    assertThrows(IOException.class, () -> read(""));
  }
}
