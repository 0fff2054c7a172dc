package dev.apimart.spring.boot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.WebhookDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * A servlet application on a real port receives the callbacks the fake posts over HTTP, exactly as
 * ApiMart would post them (to the webhook URL with {@code /callback} appended).
 */
@SpringBootTest(
    classes = WebhookEndpointTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "apimart.webhook.enabled=true",
      "apimart.webhook.secret=" + WebhookEndpointTest.SECRET,
      "apimart.webhook.public-base-url=http://127.0.0.1:${local.server.port}"
    })
@EnableFakeApiMart
class WebhookEndpointTest {

  static final String SECRET = "3f9c2a7b1e6d4058a9b2c7d1e0f4a6b83c5d7e9f1a2b4c6d8e0f1a3b5c7d9e2f";

  @Autowired ApiMartClient client;
  @Autowired FakeApiMart fake;
  @Autowired ApiMartWebhooks webhooks;
  @Autowired Recorder recorder;
  @Autowired QueueingExecutor executor;

  @Value("${local.server.port}")
  int port;

  @BeforeEach
  void clear() {
    // FakeApiMart.reset() (run before each test by @EnableFakeApiMart) keeps this switch.
    fake.deliverWebhooksTwice(false);
    recorder.events.clear();
    executor.queued.clear();
  }

  @Test
  void theWebhookUrlCarriesTheSecretAsAPathSegment() {
    assertThat(webhooks.webhookUri())
        .isEqualTo(URI.create("http://127.0.0.1:" + port + "/apimart/webhook/" + SECRET));
  }

  @Test
  void aCallbackDeliveredTwicePublishesOneEventAfterTheAnswer() {
    fake.deliverWebhooksTwice(true);

    GenerationResult result = client.generate(request(webhooks.webhookUri()));
    fake.deliverWebhooks();

    List<WebhookDelivery> deliveries = fake.webhookDeliveries();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(200, 200);
    assertThat(deliveries.get(0).url())
        .isEqualTo(
            URI.create("http://127.0.0.1:" + port + "/apimart/webhook/" + SECRET + "/callback"));
    // ApiMart was answered before any listener ran: the event waits in the executor.
    assertThat(recorder.events).isEmpty();
    assertThat(executor.queued).hasSize(1);

    executor.runAll();

    assertThat(recorder.events).hasSize(1);
    ApiMartTaskFinishedEvent event = recorder.events.get(0);
    assertThat(event.taskId()).isEqualTo(result.taskId());
    assertThat(event.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(event.task().images()).hasSize(result.images().size()).isNotEmpty();
    assertThat(event.receivedAt()).isNotNull();
  }

  @Test
  void aFailedTaskIsPublishedWithItsError() {
    TaskId id = client.submit(request(webhooks.webhookUri()));

    fake.failNow(id.value(), "content_policy_violation", "the prompt was refused");
    executor.runAll();

    assertThat(fake.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(200);
    assertThat(recorder.events).hasSize(1);
    ApiMartTaskFinishedEvent event = recorder.events.get(0);
    assertThat(event.taskId()).isEqualTo(id);
    assertThat(event.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(event.task().error()).isNotNull();
    assertThat(event.task().error().message()).isEqualTo("the prompt was refused");
  }

  @Test
  void aCallbackWithAnotherSecretIsAnswered404AndPublishesNothing() {
    String other = SECRET.substring(0, SECRET.length() - 1) + "0";
    TaskId id =
        client.submit(
            request(URI.create("http://127.0.0.1:" + port + "/apimart/webhook/" + other)));

    fake.completeNow(id.value());

    assertThat(fake.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(404);
    assertThat(executor.queued).isEmpty();
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void aCallbackWithoutTheSecretIsAnswered404() throws Exception {
    String body = taskBody("task_no_secret");

    assertThat(post("/apimart/webhook/callback", body)).isEqualTo(404);
    assertThat(post("/apimart/webhook//callback", body)).isEqualTo(404);
    assertThat(post("/apimart/webhook/" + SECRET.toUpperCase() + "/callback", body)).isEqualTo(404);
    assertThat(executor.queued).isEmpty();
  }

  @Test
  void aBodyThatIsNoTaskAnswerIsAnswered400() throws Exception {
    String url = "/apimart/webhook/" + SECRET + "/callback";

    assertThat(post(url, "{not json")).isEqualTo(400);
    assertThat(post(url, "{\"hello\":\"world\"}")).isEqualTo(400);
    assertThat(post(url, "")).isEqualTo(400);
    assertThat(executor.queued).isEmpty();
  }

  @Test
  void aTaskThatIsNotFinishedIsAnswered400() throws Exception {
    String running =
        "{\"code\":200,\"data\":{\"id\":\"task_running\",\"status\":\"processing\","
            + "\"progress\":40}}";

    assertThat(post("/apimart/webhook/" + SECRET + "/callback", running)).isEqualTo(400);
    assertThat(executor.queued).isEmpty();
  }

  @Test
  void aBodyLargerThanAnyCallbackIsRefusedUnread() throws Exception {
    String huge = "{\"pad\":\"" + "x".repeat(WebhookReceiver.MAX_BODY_BYTES) + "\"}";

    assertThat(post("/apimart/webhook/" + SECRET + "/callback", huge)).isEqualTo(413);
    assertThat(executor.queued).isEmpty();
  }

  @Test
  void aDirectlyPostedCallbackIsHandledOnceAcrossRequests() throws Exception {
    String url = "/apimart/webhook/" + SECRET + "/callback";

    assertThat(post(url, taskBody("task_direct_1"))).isEqualTo(200);
    assertThat(post(url, taskBody("task_direct_1"))).isEqualTo(200);
    assertThat(post(url, taskBody("task_direct_2"))).isEqualTo(200);
    executor.runAll();

    assertThat(recorder.events)
        .extracting(ApiMartTaskFinishedEvent::taskId)
        .containsExactly(TaskId.of("task_direct_1"), TaskId.of("task_direct_2"));
  }

  private static GenerationRequest request(URI webhook) {
    return GenerationRequest.builder()
        .model(ImageModel.Z_IMAGE_TURBO)
        .prompt("a lighthouse at dawn")
        .webhook(webhook)
        .build();
  }

  private static String taskBody(String id) {
    return "{\"code\":200,\"data\":{\"id\":\""
        + id
        + "\",\"status\":\"completed\",\"progress\":100,"
        + "\"result\":{\"images\":[{\"url\":[\"https://cdn.example/a.png\"],"
        + "\"expires_at\":1893456000}]},\"created\":1764000000,\"completed\":1764000019}}";
  }

  private int post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    return response.statusCode();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    Recorder recorder() {
      return new Recorder();
    }

    /** Replaces the starter's choice of executor: the test decides when listeners run. */
    @Bean(ApiMartWebhookAutoConfiguration.EXECUTOR_BEAN)
    QueueingExecutor apiMartWebhookExecutor() {
      return new QueueingExecutor();
    }
  }

  /** Records the events, as an application's listener would receive them. */
  static class Recorder {
    final List<ApiMartTaskFinishedEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ApiMartTaskFinishedEvent event) {
      events.add(event);
    }
  }

  /** Holds the work handed to it until the test runs it. */
  static class QueueingExecutor implements Executor {
    final List<Runnable> queued = new CopyOnWriteArrayList<>();

    @Override
    public void execute(Runnable command) {
      queued.add(command);
    }

    void runAll() {
      List<Runnable> now = new ArrayList<>(queued);
      queued.clear();
      now.forEach(Runnable::run);
    }
  }
}
