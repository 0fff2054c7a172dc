package dev.apimart.core.testing;

import dev.apimart.core.port.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Reads what a request carried, for assertions. */
public final class Bodies {

  private Bodies() {}

  /** The whole body as bytes; fails the test when there is none. */
  public static byte[] bytes(@Nullable RequestBody body) {
    if (body == null) {
      throw new AssertionError("the request has no body");
    }
    try {
      return body.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole body as UTF-8 text; fails the test when there is none. */
  public static String text(@Nullable RequestBody body) {
    return new String(bytes(body), StandardCharsets.UTF_8);
  }
}
