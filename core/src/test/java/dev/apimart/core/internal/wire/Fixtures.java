package dev.apimart.core.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Test fixtures: golden bodies under {@code src/test/resources/fixtures} and a fixed clock. */
final class Fixtures {

  /** 2025-01-14T00:00:00Z, a moment the fixtures' timestamps are near. */
  static final Instant NOW = Instant.parse("2025-01-14T00:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final Map<String, List<String>> NO_HEADERS = Map.of();

  private Fixtures() {}

  static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static WireCodec codec() {
    return WireCodec.create(CLOCK);
  }
}
