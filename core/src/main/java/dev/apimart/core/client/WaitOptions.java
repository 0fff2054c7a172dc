package dev.apimart.core.client;

import dev.apimart.core.model.PixelSize;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Options of one wait for a task; what is unset falls back to the client's settings. Immutable. */
public final class WaitOptions {

  private static final WaitOptions DEFAULTS = builder().build();

  private final @Nullable PollingOptions polling;
  private final @Nullable ProgressListener listener;
  private final @Nullable PixelSize expectedSize;

  private WaitOptions(Builder b) {
    this.polling = b.polling;
    this.listener = b.listener;
    this.expectedSize = b.expectedSize;
  }

  /** The client's polling options and listener, no expected size. */
  public static WaitOptions defaults() {
    return DEFAULTS;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Polling options for this wait, replacing the client's. */
  public Optional<PollingOptions> polling() {
    return Optional.ofNullable(polling);
  }

  /** The listener for this wait, replacing the client's default one. */
  public Optional<ProgressListener> listener() {
    return Optional.ofNullable(listener);
  }

  /**
   * The pixel size the images should have (known to whoever submitted the request), set on each
   * resulting image.
   */
  public Optional<PixelSize> expectedSize() {
    return Optional.ofNullable(expectedSize);
  }

  @Override
  public String toString() {
    return "WaitOptions[polling="
        + polling
        + ", listener="
        + (listener == null ? "default" : "set")
        + ", expectedSize="
        + expectedSize
        + "]";
  }

  /** Builds {@link WaitOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable PollingOptions polling;
    private @Nullable ProgressListener listener;
    private @Nullable PixelSize expectedSize;

    private Builder() {}

    /** Polling options for this wait. */
    public Builder polling(PollingOptions polling) {
      this.polling = Objects.requireNonNull(polling, "polling");
      return this;
    }

    /** A progress listener for this wait. */
    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The pixel size the images should have. */
    public Builder expectedSize(@Nullable PixelSize expectedSize) {
      this.expectedSize = expectedSize;
      return this;
    }

    /** The options. */
    public WaitOptions build() {
      return new WaitOptions(this);
    }
  }
}
