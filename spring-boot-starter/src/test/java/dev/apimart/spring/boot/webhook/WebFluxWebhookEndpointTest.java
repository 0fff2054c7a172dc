package dev.apimart.spring.boot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The same endpoint in a WebFlux application, driven through its route. */
class WebFluxWebhookEndpointTest {

  private static final String SECRET =
      "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c";

  private final ReactiveWebApplicationContextRunner runner =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ApiMartWebhookAutoConfiguration.class))
          .withUserConfiguration(Listeners.class)
          .withPropertyValues(
              "apimart.webhook.enabled=true",
              "apimart.webhook.secret=" + SECRET,
              "apimart.webhook.path=/hooks/apimart");

  private static String completed(String id) {
    return "{\"code\":200,\"data\":{\"id\":\""
        + id
        + "\",\"status\":\"completed\",\"progress\":100,"
        + "\"result\":{\"images\":[{\"url\":[\"https://cdn.example/a.png\"]}]}}}";
  }

  @Test
  void aCallbackIsAnsweredAtOnceAndPublishedOnce() {
    runner.run(
        context -> {
          WebTestClient client = client(context.getBean("apiMartWebhookRoute"));
          Listeners listeners = context.getBean(Listeners.class);

          post(client, "/hooks/apimart/" + SECRET + "/callback", completed("task_f1"))
              .expectStatus()
              .isOk();
          post(client, "/hooks/apimart/" + SECRET + "/callback", completed("task_f1"))
              .expectStatus()
              .isOk();
          assertThat(listeners.events).isEmpty();
          listeners.runAll();

          assertThat(listeners.events).hasSize(1);
          assertThat(listeners.events.get(0).taskId()).isEqualTo(TaskId.of("task_f1"));
          assertThat(listeners.events.get(0).status()).isEqualTo(TaskStatus.COMPLETED);
        });
  }

  @Test
  void wrongSecretMalformedBodyAndOversizedBodyAreRefused() {
    runner.run(
        context -> {
          WebTestClient client = client(context.getBean("apiMartWebhookRoute"));
          Listeners listeners = context.getBean(Listeners.class);

          post(client, "/hooks/apimart/" + SECRET.replace('9', '8') + "/callback", completed("a"))
              .expectStatus()
              .isNotFound();
          post(client, "/hooks/apimart/callback", completed("a")).expectStatus().isNotFound();
          post(client, "/hooks/apimart/" + SECRET + "/callback", "{oops")
              .expectStatus()
              .isBadRequest();
          post(
                  client,
                  "/hooks/apimart/" + SECRET + "/callback",
                  "{\"pad\":\"" + "x".repeat(WebhookReceiver.MAX_BODY_BYTES) + "\"}")
              .expectStatus()
              .isEqualTo(413);

          assertThat(listeners.queued).isEmpty();
        });
  }

  @SuppressWarnings("unchecked")
  private static WebTestClient client(Object route) {
    return WebTestClient.bindToRouterFunction((RouterFunction<ServerResponse>) route).build();
  }

  private static WebTestClient.ResponseSpec post(WebTestClient client, String path, String body) {
    return client
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Configuration(proxyBeanMethods = false)
  static class Listeners {
    final List<ApiMartTaskFinishedEvent> events = new CopyOnWriteArrayList<>();
    final List<Runnable> queued = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ApiMartTaskFinishedEvent event) {
      events.add(event);
    }

    @Bean(ApiMartWebhookAutoConfiguration.EXECUTOR_BEAN)
    Executor apiMartWebhookExecutor() {
      return queued::add;
    }

    void runAll() {
      List<Runnable> now = new ArrayList<>(queued);
      queued.clear();
      now.forEach(Runnable::run);
    }
  }
}
