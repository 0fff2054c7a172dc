package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.contract.UrlConnectionTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link FakeApiMart#clientBuilder()}: pointed at the fake, polling at the pace of its clock. */
class ClientBuilderTest {

  private static final GenerationRequest REQUEST =
      GenerationRequest.builder()
          .model(ImageModel.QWEN_IMAGE_2_0)
          .prompt("A lighthouse at dusk")
          .build();

  @Test
  void aGenerateAgainstTheFakeTakesMilliseconds() {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client =
            fake.clientBuilder()
                .transport(new UrlConnectionTransport(TransportSettings.defaults()))
                .build()) {
      assertThat(client.baseUrl()).isEqualTo(fake.baseUrl());
      client.generate(REQUEST); // warm up class loading and the connection
      long start = System.nanoTime();
      GenerationResult result = client.generate(REQUEST);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result.task().status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(result.images()).hasSize(1);
      assertThat(fake.journal().pollsOf(result.taskId().value())).hasSize(3);
      // A default client would wait 2 s before its first poll and at least 1 s between polls;
      // the bound is generous so that a loaded CI machine does not fail it.
      assertThat(took).isLessThan(Duration.ofSeconds(1));
      assertThat(fake.journal().unmatched()).isEmpty();
    }
  }

  @Test
  void virtualTimePollsAtOnceAndWithinMilliseconds() {
    try (FakeApiMart fake = FakeApiMart.start()) {
      PollingOptions polling = fake.pollingOptions();
      assertThat(polling.initialDelay()).isZero();
      assertThat(polling.minInterval()).isEqualTo(Duration.ofMillis(1));
      assertThat(polling.maxInterval()).isEqualTo(Duration.ofMillis(5));
      assertThat(polling.timeout()).isEqualTo(PollingOptions.defaults().timeout());
    }
  }

  @Test
  void realTimeDividesTheDefaultsByTheSpeed() {
    try (FakeApiMart fake = FakeApiMart.builder().realTime(10).start()) {
      PollingOptions polling = fake.pollingOptions();
      assertThat(polling.initialDelay()).isEqualTo(Duration.ofMillis(200));
      assertThat(polling.minInterval()).isEqualTo(Duration.ofMillis(100));
      assertThat(polling.maxInterval()).isEqualTo(Duration.ofSeconds(1));
    }
    try (FakeApiMart fake = FakeApiMart.builder().realTime(1).start()) {
      assertThat(fake.pollingOptions()).isEqualTo(PollingOptions.defaults());
    }
    try (FakeApiMart fake = FakeApiMart.builder().realTime(100_000).start()) {
      assertThat(fake.pollingOptions().minInterval()).isEqualTo(Duration.ofMillis(1));
      assertThat(fake.pollingOptions().maxInterval()).isEqualTo(Duration.ofMillis(1));
    }
  }

  @Test
  void theTransportIsDiscoveredLikeForAnyClient() {
    // The testkit brings no transport, and its own test class path has none to discover.
    try (FakeApiMart fake = FakeApiMart.start()) {
      assertThatThrownBy(() -> fake.clientBuilder().build())
          .isInstanceOf(ConfigurationException.class);
    }
  }
}
