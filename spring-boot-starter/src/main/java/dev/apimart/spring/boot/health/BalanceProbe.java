package dev.apimart.spring.boot.health;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.model.Balance;
import dev.apimart.spring.boot.ApiMartProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ApiMartHealthIndicator} reports, free of Spring Boot's health types (which live in
 * different packages in Boot 3 and Boot 4, so each starter line has its own thin indicator around
 * this): reads the free balance with a timeout and reuses the answer, good or bad, for the TTL on
 * the injected clock. Concurrent probes on expiry share one read.
 */
final class BalanceProbe {

  /** The health status of a probe. */
  enum Status {
    UP,
    DOWN,
    UNKNOWN
  }

  /** A probe's status and details, in the order they are reported. */
  record Result(Status status, Map<String, Object> details) {
    Result {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  private record Cached(Result result, Instant expires) {}

  private final ApiMartClient client;
  private final Duration ttl;
  private final Duration timeout;
  private final Clock clock;
  private final ReentrantLock probing = new ReentrantLock();
  private volatile @Nullable Cached cached;

  BalanceProbe(ApiMartClient client, Duration ttl, Duration timeout, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /**
   * The TTL from {@code apimart.health.cache-ttl}, checked so a bad value fails start-up naming the
   * property.
   */
  static Duration cacheTtl(ApiMartProperties properties) {
    Duration ttl = properties.getHealth().getCacheTtl();
    if (ttl == null || ttl.isNegative()) {
      throw new ConfigurationException(
          "Invalid value '"
              + ttl
              + "' for property 'apimart.health.cache-ttl': it must be zero or positive");
    }
    return ttl;
  }

  /** The probe timeout from {@code apimart.health.timeout}, checked likewise. */
  static Duration timeout(ApiMartProperties properties) {
    Duration timeout = properties.getHealth().getTimeout();
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new ConfigurationException(
          "Invalid value '"
              + timeout
              + "' for property 'apimart.health.timeout': it must be positive");
    }
    return timeout;
  }

  /** The cached answer while it is fresh, else a new probe's. */
  Result result() {
    Cached current = cached;
    if (current != null && clock.instant().isBefore(current.expires())) {
      return current.result();
    }
    probing.lock();
    try {
      current = cached;
      Instant now = clock.instant();
      if (current != null && now.isBefore(current.expires())) {
        return current.result();
      }
      Result result = probe(now);
      cached = new Cached(result, now.plus(ttl));
      return result;
    } finally {
      probing.unlock();
    }
  }

  private Result probe(Instant now) {
    Status status;
    Map<String, Object> details = new LinkedHashMap<>();
    CompletableFuture<Balance> reading = client.balanceAsync();
    try {
      Balance balance = reading.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      status = Status.UP;
      details.put("unlimited", balance.unlimited());
      details.put("used", balance.used());
      balance.remaining().ifPresent(remaining -> details.put("remaining", remaining));
    } catch (TimeoutException e) {
      reading.cancel(true);
      status = Status.DOWN;
      details.put("reason", "timeout");
      details.put("error", "No balance answer within " + timeout);
    } catch (InterruptedException e) {
      reading.cancel(true);
      Thread.currentThread().interrupt();
      status = Status.UNKNOWN;
      details.put("error", "Interrupted while probing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      status = Status.DOWN;
      if (cause instanceof AuthenticationException || cause instanceof PermissionDeniedException) {
        details.put("reason", "authentication");
      }
      details.put("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    details.put("baseUrl", client.baseUrl().toString());
    details.put("checkedAt", now.toString());
    return new Result(status, details);
  }

  @Override
  public String toString() {
    return client.baseUrl() + ", ttl=" + ttl + ", timeout=" + timeout;
  }
}
