package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.CallOptions;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.ClientClosedException;
import dev.apimart.core.model.GenerationRequest;
import java.time.Duration;

/** The README's per-call options example, compiled by the build. */
final class CallOptionsExample {

  private CallOptionsExample() {}

  static GenerationResult throughTheGateway(
      ApiMartClient client, GenerationRequest request, String gatewayToken) {
    ApiMartClient viaGateway =
        client.withOptions(
            CallOptions.builder()
                .requestTimeout(Duration.ofSeconds(90)) // one HTTP exchange
                .waitTimeout(Duration.ofMinutes(30)) // the whole wait
                .retryPolicy(RetryPolicy.builder().maxAttempts(5).build())
                .requestHook(headers -> headers.add("X-Gateway-Token", gatewayToken))
                .build());
    try {
      GenerationResult result = viaGateway.generate(request);
      System.out.println(
          result.taskId()
              + ": sent "
              + result.submissionAttempts()
              + "x, "
              + result.polls()
              + " status requests, request id "
              + result.requestId().orElse("none"));
      return result;
    } catch (ClientClosedException e) {
      e.taskId().ifPresent(id -> System.out.println("resume later with waitFor(" + id + ")"));
      throw e;
    }
  }
}
