package dev.apimart.spring.boot.health;

import dev.apimart.core.client.ApiMartClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

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

  private final BalanceProbe probe;

  /**
   * @param client the client whose key and service are checked
   * @param ttl how long an answer is reused; zero probes every time
   * @param timeout how long a probe waits for the balance
   * @param clock measures the TTL
   */
  public ApiMartHealthIndicator(ApiMartClient client, Duration ttl, Duration timeout, Clock clock) {
    this.probe = new BalanceProbe(client, ttl, timeout, clock);
  }

  @Override
  public Health health() {
    BalanceProbe.Result result = probe.result();
    Status status =
        switch (result.status()) {
          case UP -> Status.UP;
          case DOWN -> Status.DOWN;
          case UNKNOWN -> Status.UNKNOWN;
        };
    return Health.status(status).withDetails(result.details()).build();
  }

  @Override
  public String toString() {
    return "ApiMartHealthIndicator[" + probe + "]";
  }
}
