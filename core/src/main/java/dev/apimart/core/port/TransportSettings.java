package dev.apimart.core.port;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link TransportProvider} needs to build a default transport.
 *
 * @param connectTimeout how long to wait for a connection to be established
 */
public record TransportSettings(Duration connectTimeout) {
  /** Checks the timeout is positive. */
  public TransportSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
  }

  /** Ten seconds to connect. */
  public static TransportSettings defaults() {
    return new TransportSettings(Duration.ofSeconds(10));
  }
}
