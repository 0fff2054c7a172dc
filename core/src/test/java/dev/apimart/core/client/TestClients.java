package dev.apimart.core.client;

import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Duration;
import java.util.Map;

/** Clients wired to an in-memory transport and virtual time. */
final class TestClients {

  static final String API_KEY = "sk-test-SECRET-0123456789abcdef";

  private TestClients() {}

  /** No jitter (the random source gives 0) so waits are exact. */
  static ApiMartClient.Builder builder(FakeTransport transport, VirtualScheduler time) {
    return ApiMartClient.builder()
        .apiKey(API_KEY)
        .transport(transport)
        .scheduler(time)
        .clock(time.clock())
        .environment(Map.<String, String>of()::get)
        .systemProperties(Map.<String, String>of()::get)
        .random(() -> 0.0)
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(500))
                .maxBackoff(Duration.ofSeconds(10))
                .build());
  }
}
