package dev.apimart.core.internal.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads values given as text (a command line's, a configuration's) as JSON when they are JSON. */
final class LenientValues {

  private LenientValues() {}

  /**
   * Reads a text as a JSON value when it is one — {@code 42}, {@code true}, {@code "x"}, {@code
   * [1,2]}, {@code {"hdr":true}}, {@code null} — and otherwise takes it as plain text, the way
   * command lines and configuration give values. Numbers come back as {@link Long} when whole and
   * small enough, else {@link BigDecimal}; objects as ordered maps; arrays as lists.
   */
  static @Nullable Object parse(String text) {
    Objects.requireNonNull(text, "text");
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return text;
    }
    char first = stripped.charAt(0);
    boolean jsonish =
        first == '{'
            || first == '['
            || first == '"'
            || first == '-'
            || Character.isDigit(first)
            || stripped.equals("true")
            || stripped.equals("false")
            || stripped.equals("null");
    if (!jsonish) {
      return text;
    }
    try {
      return plain(WireJson.MAPPER.readTree(stripped));
    } catch (JacksonException | IllegalArgumentException e) {
      return text;
    }
  }

  private static @Nullable Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      BigInteger big = node.bigIntegerValue();
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isArray()) {
      List<@Nullable Object> list = new ArrayList<>(node.size());
      for (JsonNode each : node) {
        list.add(plain(each));
      }
      return java.util.Collections.unmodifiableList(list);
    }
    Map<String, @Nullable Object> map = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(e.getKey(), plain(e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
