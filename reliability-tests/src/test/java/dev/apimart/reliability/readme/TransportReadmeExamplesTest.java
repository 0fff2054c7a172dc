package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import org.junit.jupiter.api.Test;

/**
 * Runs what the transport READMEs show that needs no key and no proxy: the client takes the
 * transport the README says. The examples that generate are compiled, not run: they would reach the
 * real service, or a proxy this build does not have.
 */
class TransportReadmeExamplesTest {

  @Test
  void theJdkTransportIsChosenByNameOrAsAnInstance() {
    for (ApiMartClient.Builder builder : JdkTransportExample.chosen()) {
      try (ApiMartClient client = builder.apiKey("sk-readme-test").build()) {
        assertThat(client.transportName()).isEqualTo("jdk");
      }
    }
  }

  @Test
  void theFeignTransportIsChosenByName() {
    try (ApiMartClient client = FeignTransportExample.byName().apiKey("sk-readme-test").build()) {
      assertThat(client.transportName()).isEqualTo("feign");
    }
  }
}
