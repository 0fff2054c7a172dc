package dev.apimart.core.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Overrides for the calls made through a view of a client ({@link
 * ApiMartClient#withOptions(CallOptions)}): each setting left unset keeps the client's own.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ApiMartClient patient = client.withOptions(CallOptions.builder()
 *     .requestTimeout(Duration.ofSeconds(90))
 *     .waitTimeout(Duration.ofMinutes(30))
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(6).build())
 *     .build());
 * }</pre>
 */
public final class CallOptions {

  private final @Nullable Duration requestTimeout;
  private final @Nullable Duration waitTimeout;
  private final @Nullable RetryPolicy retryPolicy;
  private final @Nullable PollingOptions pollingOptions;
  private final @Nullable RequestHook requestHook;

  private CallOptions(Builder b) {
    this.requestTimeout = b.requestTimeout;
    this.waitTimeout = b.waitTimeout;
    this.retryPolicy = b.retryPolicy;
    this.pollingOptions = b.pollingOptions;
    this.requestHook = b.requestHook;
  }

  /** A new builder with nothing overridden. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.requestTimeout = requestTimeout;
    b.waitTimeout = waitTimeout;
    b.retryPolicy = retryPolicy;
    b.pollingOptions = pollingOptions;
    b.requestHook = requestHook;
    return b;
  }

  /** How long one HTTP exchange may take, when overridden. */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /**
   * How long a whole wait ({@code generate}, {@code waitFor}) may take, when overridden: replaces
   * the {@link PollingOptions#timeout()} of the view's polling options.
   */
  public Optional<Duration> waitTimeout() {
    return Optional.ofNullable(waitTimeout);
  }

  /** When failed calls are repeated, when overridden. */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /** How tasks are waited for, when overridden. */
  public Optional<PollingOptions> pollingOptions() {
    return Optional.ofNullable(pollingOptions);
  }

  /** The hook adding headers to requests to ApiMart, when set. */
  public Optional<RequestHook> requestHook() {
    return Optional.ofNullable(requestHook);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallOptions c
        && Objects.equals(requestTimeout, c.requestTimeout)
        && Objects.equals(waitTimeout, c.waitTimeout)
        && Objects.equals(retryPolicy, c.retryPolicy)
        && Objects.equals(pollingOptions, c.pollingOptions)
        && Objects.equals(requestHook, c.requestHook);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestTimeout, waitTimeout, retryPolicy, pollingOptions, requestHook);
  }

  /** The overridden settings; the hook only as present or not. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CallOptions[");
    String sep = "";
    if (requestTimeout != null) {
      sb.append("requestTimeout=").append(requestTimeout);
      sep = ", ";
    }
    if (waitTimeout != null) {
      sb.append(sep).append("waitTimeout=").append(waitTimeout);
      sep = ", ";
    }
    if (retryPolicy != null) {
      sb.append(sep).append("retryPolicy=").append(retryPolicy);
      sep = ", ";
    }
    if (pollingOptions != null) {
      sb.append(sep).append("pollingOptions=").append(pollingOptions);
      sep = ", ";
    }
    if (requestHook != null) {
      sb.append(sep).append("requestHook=set");
    }
    return sb.append(']').toString();
  }

  /** Builds {@link CallOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration requestTimeout;
    private @Nullable Duration waitTimeout;
    private @Nullable RetryPolicy retryPolicy;
    private @Nullable PollingOptions pollingOptions;
    private @Nullable RequestHook requestHook;

    private Builder() {}

    /** How long one HTTP exchange may take (not a whole wait); positive. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = RetryPolicy.positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * How long a whole wait may take; positive. Replaces the timeout of the view's polling options;
     * a call that passes its own {@link PollingOptions} in {@link WaitOptions} keeps theirs.
     */
    public Builder waitTimeout(Duration waitTimeout) {
      this.waitTimeout = RetryPolicy.positive(waitTimeout, "waitTimeout");
      return this;
    }

    /** When failed calls are repeated. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** How tasks are waited for, unless a call passes its own in {@link WaitOptions}. */
    public Builder pollingOptions(PollingOptions pollingOptions) {
      this.pollingOptions = Objects.requireNonNull(pollingOptions, "pollingOptions");
      return this;
    }

    /** Adds headers to every request to ApiMart; see {@link RequestHook}. */
    public Builder requestHook(RequestHook requestHook) {
      this.requestHook = Objects.requireNonNull(requestHook, "requestHook");
      return this;
    }

    /** The options. */
    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
