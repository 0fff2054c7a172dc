package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.internal.wire.WireCodec;
import dev.apimart.core.model.Balance;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.transport.feign.FeignTransport;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/user/balance}: the whole account's balance, in the same shape as the key's (API
 * contract §3a). The client has no call for it, so it is one request through the same transport,
 * proxy and error mapping ({@link WireCodec#decodeBalance}) the client uses.
 */
final class UserBalance {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private UserBalance() {}

  static Balance read(ApimartCli cli, CliCommand command, ApimartCli.Connection connection) {
    String key = connection.apiKey().orElseThrow();
    String base = connection.baseUrl().orElse(ApiMartClient.DEFAULT_BASE_URL).replaceAll("/+$", "");
    URI uri = URI.create(base + "/v1/user/balance");
    TransportRequest request =
        new TransportRequest(
            "GET",
            uri,
            Map.of(
                "Authorization", List.of("Bearer " + key), "Accept", List.of("application/json")),
            null,
            TIMEOUT,
            false);
    try (HttpTransport transport = transport(connection);
        TransportResponse response = transport.execute(request)) {
      return WireCodec.create(cli.clock, List.of(key))
          .decodeBalance(response.status(), response.headers(), response.bodyBytes());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpTransport transport(ApimartCli.Connection connection) {
    if (connection.proxies().isPresent()) {
      return connection.proxies().get().transport(connection.transport());
    }
    return connection.transport().orElse("jdk").equals("feign")
        ? FeignTransport.create()
        : JdkHttpTransport.create();
  }
}
