package dev.apimart.spring.boot.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.TaskId;
import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.spring.boot.webhook.ApiMartWebhookAutoConfiguration;
import dev.apimart.testkit.FakeApiMart;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The README's webhook example, run: the fake calls the application back over HTTP. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "apimart.webhook.enabled=true",
      "apimart.webhook.secret=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
      "apimart.webhook.public-base-url=http://127.0.0.1:${local.server.port}"
    })
@EnableFakeApiMart
@Import({Lighthouses.class, LighthousesTest.SameThread.class})
class LighthousesTest {
  @Autowired Lighthouses lighthouses;
  @Autowired FakeApiMart fake;

  @Test
  void theFinishedTaskArrivesThroughTheWebhook() {
    TaskId id = lighthouses.start();

    fake.completeNow(id.value());

    assertThat(lighthouses.finished).hasSize(1);
    assertThat(lighthouses.finished.get(0).id()).isEqualTo(id);
    assertThat(fake.webhookDeliveries()).hasSize(1);
  }

  /** Listeners run before the callback is answered, so the test needs no waiting. */
  @TestConfiguration(proxyBeanMethods = false)
  static class SameThread {
    @Bean(ApiMartWebhookAutoConfiguration.EXECUTOR_BEAN)
    Executor apiMartWebhookExecutor() {
      return Runnable::run;
    }
  }
}
