package dev.apimart.core.port;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TransportProvider} needs to build a default transport. A class with a builder
 * rather than a record, so that settings can be added without breaking providers.
 *
 * <pre>{@code
 * TransportSettings settings = TransportSettings.builder()
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class TransportSettings {

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Duration connectTimeout;

  private TransportSettings(Builder b) {
    this.connectTimeout = b.connectTimeout;
  }

  /** Ten seconds to connect. */
  public static TransportSettings defaults() {
    return builder().build();
  }

  /** Starts from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder().connectTimeout(connectTimeout);
  }

  /** How long to wait for a connection to be established. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TransportSettings other && connectTimeout.equals(other.connectTimeout);
  }

  @Override
  public int hashCode() {
    return connectTimeout.hashCode();
  }

  @Override
  public String toString() {
    return "TransportSettings[connectTimeout=" + connectTimeout + "]";
  }

  /** Builds {@link TransportSettings}. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    private Builder() {}

    /** How long to wait for a connection; positive; 10 seconds by default. */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Builds the settings. */
    public TransportSettings build() {
      return new TransportSettings(this);
    }
  }
}
