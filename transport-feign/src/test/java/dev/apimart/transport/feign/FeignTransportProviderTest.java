package dev.apimart.transport.feign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.contract.RawHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FeignTransportProviderTest {

  @Test
  void serviceLoaderFindsTheFeignProvider() {
    List<TransportProvider> providers =
        ServiceLoader.load(TransportProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    assertThat(providers)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("feign");
              assertThat(p.priority()).isEqualTo(50);
              assertThat(p.artifact()).isEqualTo("dev.apimart:apimart-transport-feign");
            });
  }

  @Test
  void createdTransportWorks() {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "pong"));
        HttpTransport transport =
            new FeignTransportProvider()
                .create(
                    TransportSettings.builder().connectTimeout(Duration.ofSeconds(2)).build())) {
      assertThat(transport).isInstanceOf(FeignTransport.class);
      assertThat(transport.name()).isEqualTo("feign");
      assertThat(
              transport
                  .execute(
                      TransportRequest.builder()
                          .method("GET")
                          .uri(server.uri("/ping"))
                          .timeout(Duration.ofSeconds(5))
                          .build())
                  .bodyBytes())
          .asString()
          .isEqualTo("pong");
    }
  }
}
