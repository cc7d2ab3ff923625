package dev.vforkcheck.knowledge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON document into Jackson's tree with the streaming parser alone. An {@code
 * ObjectMapper} would do the same, but setting one up (serializers, date formats, locale data)
 * costs about a tenth of a second when the JVM starts, which every scan would pay for a 17 KB
 * table.
 */
final class JsonTree {
  private JsonTree() {}

  /** The document in {@code in} as a tree; malformed JSON is an {@link IOException}. */
  static JsonNode read(InputStream in) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException("empty JSON document");
      }
      JsonNode root = value(p, first);
      if (p.nextToken() != null) {
        throw new IOException("text after the JSON document at " + p.currentLocation());
      }
      return root;
    }
  }

  /** The value starting at {@code token}, the parser left on its last token. */
  private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT -> {
        ObjectNode o = nodes.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = nodes.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          a.add(value(p, t));
        }
        return a;
      }
      case VALUE_STRING -> {
        return nodes.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return nodes.numberNode(p.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return nodes.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return nodes.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return nodes.booleanNode(false);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default -> throw new IOException("unexpected " + token + " at " + p.currentLocation());
    }
  }
}
