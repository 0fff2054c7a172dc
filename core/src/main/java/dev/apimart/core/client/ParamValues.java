package dev.apimart.core.client;

import dev.apimart.core.internal.wire.WireCodec;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request field's value given as text — a command line's {@code --param NAME=VALUE}, a
 * configuration property — the way people write it: as a JSON value when the text is one ({@code
 * 42}, {@code true}, {@code null}, {@code "x"}, {@code [1,2]}, {@code {"hdr":true}}), else as the
 * text itself ({@code vivid}). Hand the result to {@code GenerationRequest.Builder.param(name,
 * value)}, which sets the typed field when the value has its type and an extra body field
 * otherwise.
 */
public final class ParamValues {

  private ParamValues() {}

  /**
   * The value the text stands for: whole numbers as {@link Long} (or {@link java.math.BigInteger}
   * beyond its range), other numbers as {@link java.math.BigDecimal}, arrays as lists, objects as
   * ordered maps, {@code null} for {@code null}; any text that is not JSON is returned as given.
   */
  public static @Nullable Object parse(String text) {
    return WireCodec.parseLenientValue(text);
  }
}
