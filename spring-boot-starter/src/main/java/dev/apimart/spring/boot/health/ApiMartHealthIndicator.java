package dev.apimart.spring.boot.health;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.model.Balance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether ApiMart answers this application's key, by reading the free balance ({@code GET
 * /v1/balance}) — never by submitting a task, which would be billed.
 *
 * <p>UP with the balance ({@code remaining}, {@code used}, {@code unlimited}) when the service
 * answers; DOWN with {@code reason=authentication} when it refuses the key (HTTP 401 or 403),
 * {@code reason=timeout} when no answer came within the probe timeout (the client's retries
 * included), and DOWN with the error otherwise. The answer, good or bad, is reused for the cache
 * TTL measured on the injected clock, so frequent probes — a load balancer every few seconds —
 * cause one balance read per TTL, and a struggling service is not hammered. Concurrent probes on
 * expiry share one read. Details never contain the API key.
 */
public final class ApiMartHealthIndicator implements HealthIndicator {

  private final ApiMartClient client;
  private final Duration ttl;
  private final Duration timeout;
  private final Clock clock;
  private final ReentrantLock probing = new ReentrantLock();
  private volatile @Nullable Cached cached;

  private record Cached(Health health, Instant expires) {}

  /**
   * @param client the client whose key and service are checked
   * @param ttl how long an answer is reused; zero probes every time
   * @param timeout how long a probe waits for the balance
   * @param clock measures the TTL
   */
  public ApiMartHealthIndicator(ApiMartClient client, Duration ttl, Duration timeout, Clock clock) {
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

  @Override
  public Health health() {
    Cached current = cached;
    if (current != null && clock.instant().isBefore(current.expires())) {
      return current.health();
    }
    probing.lock();
    try {
      current = cached;
      Instant now = clock.instant();
      if (current != null && now.isBefore(current.expires())) {
        return current.health();
      }
      Health health = probe(now);
      cached = new Cached(health, now.plus(ttl));
      return health;
    } finally {
      probing.unlock();
    }
  }

  private Health probe(Instant now) {
    Health.Builder builder;
    CompletableFuture<Balance> reading = client.balanceAsync();
    try {
      Balance balance = reading.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      builder =
          Health.up()
              .withDetail("unlimited", balance.unlimited())
              .withDetail("used", balance.used());
      if (balance.remaining() != null) {
        builder.withDetail("remaining", balance.remaining());
      }
    } catch (TimeoutException e) {
      reading.cancel(true);
      builder =
          Health.down()
              .withDetail("reason", "timeout")
              .withDetail("error", "No balance answer within " + timeout);
    } catch (InterruptedException e) {
      reading.cancel(true);
      Thread.currentThread().interrupt();
      builder = Health.unknown().withDetail("error", "Interrupted while probing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      builder = Health.down();
      if (cause instanceof AuthenticationException || cause instanceof PermissionDeniedException) {
        builder.withDetail("reason", "authentication");
      }
      builder.withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    return builder
        .withDetail("baseUrl", client.baseUrl().toString())
        .withDetail("checkedAt", now.toString())
        .build();
  }

  @Override
  public String toString() {
    return "ApiMartHealthIndicator["
        + client.baseUrl()
        + ", ttl="
        + ttl
        + ", timeout="
        + timeout
        + "]";
  }
}
