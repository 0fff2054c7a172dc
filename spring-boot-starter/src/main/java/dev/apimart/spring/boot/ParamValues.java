package dev.apimart.spring.boot;

import dev.apimart.core.wire.WireCodec;
import org.jspecify.annotations.Nullable;

/**
 * Reads a configured param value the way the CLI reads {@code --param NAME=VALUE}: as a JSON value
 * when the text is one ({@code 42}, {@code true}, {@code {"hdr":true}}), else as the text itself.
 * The starter's one use of core's wire package, kept in this class so the architecture rule can
 * name it; it goes once core offers the parse outside {@code core.wire}.
 */
final class ParamValues {

  private ParamValues() {}

  static @Nullable Object parse(String text) {
    return WireCodec.parseLenientValue(text);
  }
}
