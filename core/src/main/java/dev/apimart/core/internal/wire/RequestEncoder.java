package dev.apimart.core.internal.wire;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/** Writes a generation request as the JSON body ApiMart expects. Stateless. */
final class RequestEncoder {

  private RequestEncoder() {}

  /**
   * The JSON body (UTF-8) of {@code POST /v1/images/generations}. Keys are snake_case; fields left
   * unset are omitted so that the service's defaults apply; {@code prompt_extend} is sent only when
   * {@code true} and {@code image_urls} only when not empty; typed options follow, then the extra
   * body fields in the order they were added. Values are sent as the request holds them, except a
   * model name this SDK knows, which is written as the model's id: prepare the request first
   * ({@code RequestValidator.prepare}), which checks it and normalises its spelling. This only
   * checks that a model and a prompt are present.
   *
   * @throws InvalidRequestException when the model or prompt is missing, or an extra body value
   *     cannot be written as JSON
   */
  static byte[] encode(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    String modelName = request.modelName();
    String prompt = request.prompt();
    if (modelName == null || prompt == null) {
      List<Violation> violations = new ArrayList<>(2);
      if (modelName == null) {
        violations.add(new Violation("model", null, "model is missing: name the image model"));
      }
      if (prompt == null) {
        violations.add(new Violation("prompt", null, "prompt is missing: describe the image"));
      }
      throw new InvalidRequestException(violations);
    }
    String model = ImageModel.fromId(modelName).map(ImageModel::id).orElse(modelName);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + prompt.length() * 3);
    try (JsonGenerator g = WireJson.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("model", model);
      g.writeStringProperty("prompt", prompt);
      writeIfPresent(g, "size", request.sizeValue());
      writeIfPresent(g, "resolution", request.resolutionValue());
      Integer n = request.n();
      if (n != null) {
        g.writeNumberProperty("n", n.intValue());
      }
      writeIfPresent(g, "negative_prompt", request.negativePrompt());
      List<String> imageUrls = request.imageUrls();
      if (!imageUrls.isEmpty()) {
        g.writeName("image_urls");
        g.writeStartArray();
        for (String url : imageUrls) {
          g.writeString(url);
        }
        g.writeEndArray();
      }
      if (Boolean.TRUE.equals(request.promptExtend())) {
        g.writeBooleanProperty("prompt_extend", true);
      }
      if (request.webhook().isPresent()) {
        g.writeStringProperty("webhook", request.webhook().get().toString());
      }
      for (Map.Entry<String, Object> option : request.options().entrySet()) {
        g.writeName(option.getKey());
        writeJson(g, option.getValue(), 0);
      }
      for (Map.Entry<String, @Nullable Object> extra : request.extraBody().entrySet()) {
        if (GenerationRequest.TYPED_FIELDS.contains(extra.getKey())) {
          throw new InvalidRequestException(
              List.of(
                  new Violation(
                      "extra_body." + extra.getKey(),
                      null,
                      "'" + extra.getKey() + "' is a typed field; an extra never overrides it")));
        }
        g.writeName(extra.getKey());
        writeJson(g, extra.getValue(), 0);
      }
      g.writeEndObject();
    } catch (JacksonException e) {
      // Writing plain values into memory cannot fail short of a bug in the JSON library.
      throw new IllegalStateException("could not write the request as JSON", e);
    }
    return out.toByteArray();
  }

  private static void writeJson(JsonGenerator g, @Nullable Object value, int depth) {
    if (depth > 32) {
      throw notJson("it is nested more than 32 levels deep");
    }
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String text) {
      g.writeString(text);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      g.writeNumber(number.longValue());
    } else if (value instanceof BigInteger number) {
      g.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      g.writeNumber(number);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw notJson("the number " + d + " has no JSON form");
      }
      g.writeNumber(d);
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object each : list) {
        writeJson(g, each, depth + 1);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw notJson("a map key is not text");
        }
        g.writeName(key);
        writeJson(g, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else {
      throw notJson("a " + value.getClass().getSimpleName() + " has no JSON form");
    }
  }

  private static InvalidRequestException notJson(String why) {
    return new InvalidRequestException(
        List.of(new Violation("extra_body", null, "an extra body value cannot be sent: " + why)));
  }

  private static void writeIfPresent(JsonGenerator g, String name, @Nullable String value) {
    if (value != null) {
      g.writeStringProperty(name, value);
    }
  }
}
