package dev.apimart.core.internal.wire;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON library as the codec configures it, shared by every class of the codec. Input is bounded
 * (nesting depth 64, strings of 1 MiB, numbers of 200 digits, documents of 16 MiB) so a hostile or
 * broken answer cannot exhaust memory or the stack; floating-point numbers are read as {@code
 * BigDecimal} from their text, so amounts are never rounded through {@code double}.
 */
final class WireJson {

  /** Immutable and thread-safe once built. */
  static final JsonMapper MAPPER = createMapper();

  private WireJson() {}

  private static JsonMapper createMapper() {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1 << 20)
            .maxNameLength(1024)
            .maxNumberLength(200)
            .maxDocumentLength(16L << 20)
            .maxTokenCount(1_000_000)
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
    return JsonMapper.builder(factory)
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /** What a node is, in words, for a message: "an array", "a string", "nothing"… */
  static String describe(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
