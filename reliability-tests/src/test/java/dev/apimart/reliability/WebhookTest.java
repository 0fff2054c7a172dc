package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.webhook.WebhookDeduplicator;
import dev.apimart.core.webhook.WebhookEvent;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.WebhookDelivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Webhooks end to end (issue 15, core and fake part): a request's {@code webhook} reaches the fake,
 * which posts the finished task to the URL with {@code /callback} appended, retrying as ApiMart
 * documents in fake time; the callback decodes into the task a status query gives; a repeated
 * delivery is handled once.
 */
class WebhookTest {

  /** A loopback receiver answering with the given statuses in turn (the last one repeats). */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<byte[]> bodies = new ConcurrentLinkedQueue<>();
    final AtomicInteger calls = new AtomicInteger();

    Receiver(int... statuses) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            int call = calls.getAndIncrement();
            paths.add(exchange.getRequestURI().toString());
            bodies.add(exchange.getRequestBody().readAllBytes());
            int status = statuses[Math.min(call, statuses.length - 1)];
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static ApiMartClient client(FakeApiMart fake, HttpTransport transport, VirtualTime time) {
    return ApiMartClient.builder()
        .apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl())
        .transport(transport)
        .scheduler(time)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aCompletedTaskIsPostedToTheCallbackPathAndDecodesAsTheStatusQuery(TransportKind kind)
      throws Exception {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time);
        Receiver receiver = new Receiver(200)) {
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(receiver.url("/hooks/apimart?secret=s3cr3t"))
                  .build());
      assertThat(fake.journal().submissions().get(0).jsonBody().get("webhook"))
          .isEqualTo(receiver.url("/hooks/apimart?secret=s3cr3t").toString());

      fake.completeNow(id.value());

      assertThat(receiver.paths).containsExactly("/hooks/apimart/callback?secret=s3cr3t");
      WebhookEvent event = WebhookEvent.parse(receiver.bodies.peek());
      assertThat(event.taskId()).isEqualTo(id);
      assertThat(event.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(event.task()).isEqualTo(client.getTask(id));
      assertThat(fake.webhookDeliveries())
          .singleElement()
          .satisfies(d -> assertThat(d.status()).isEqualTo(200));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aFailedTaskCarriesItsError(TransportKind kind) throws Exception {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time);
        Receiver receiver = new Receiver(204)) {
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(receiver.url("/h"))
                  .build());

      fake.failNow(id.value(), "task_failed", "content policy");

      WebhookEvent event = WebhookEvent.parse(receiver.bodies.peek());
      assertThat(event.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(event.task().error()).isNotNull();
      assertThat(event.task().error().message()).contains("content policy");
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void serverErrorsAreRetriedAtTenThirtySixtySecondsInFakeTime(TransportKind kind)
      throws Exception {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time);
        Receiver receiver = new Receiver(500)) {
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(receiver.url("/h"))
                  .build());
      fake.completeNow(id.value());
      assertThat(receiver.calls.get()).isEqualTo(1);

      fake.advance(Duration.ofSeconds(9));
      assertThat(receiver.calls.get()).as("not before 10 s").isEqualTo(1);
      fake.advance(Duration.ofSeconds(1));
      assertThat(receiver.calls.get()).isEqualTo(2);
      fake.advance(Duration.ofSeconds(30));
      assertThat(receiver.calls.get()).isEqualTo(3);
      fake.advance(Duration.ofSeconds(60));
      assertThat(receiver.calls.get()).isEqualTo(4);
      fake.advance(Duration.ofMinutes(10));
      assertThat(receiver.calls.get()).as("3 retries, then it gives up").isEqualTo(4);

      List<WebhookDelivery> deliveries = fake.webhookDeliveries();
      assertThat(deliveries).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3, 4);
      assertThat(Duration.between(deliveries.get(0).time(), deliveries.get(3).time()))
          .isEqualTo(Duration.ofSeconds(100));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aClientErrorIsNotRetried(TransportKind kind) throws Exception {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time);
        Receiver receiver = new Receiver(404)) {
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(receiver.url("/h"))
                  .build());
      fake.completeNow(id.value());
      fake.advance(Duration.ofMinutes(5));

      assertThat(receiver.calls.get()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aDuplicateDeliveryIsHandledOnce(TransportKind kind) throws Exception {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time);
        Receiver receiver = new Receiver(200)) {
      fake.deliverWebhooksTwice(true);
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(receiver.url("/h"))
                  .build());
      fake.completeNow(id.value());
      WebhookDeduplicator dedup = new WebhookDeduplicator(16);

      int handled = 0;
      for (byte[] body : receiver.bodies) {
        if (dedup.firstDelivery(WebhookEvent.parse(body))) {
          handled++;
        }
      }

      assertThat(receiver.bodies).hasSize(2);
      assertThat(handled).isEqualTo(1);
      assertThat(fake.webhookDeliveries())
          .extracting(WebhookDelivery::duplicate)
          .containsExactly(false, true);
    }
  }

  @Test
  void resetTurnsDoubleDeliveryOffAgain() throws Exception {
    try (HttpTransport transport = TransportKind.values()[0].create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time);
        Receiver receiver = new Receiver(200)) {
      fake.deliverWebhooksTwice(true);
      fake.reset();
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(receiver.url("/h"))
                  .build());
      fake.completeNow(id.value());

      assertThat(receiver.bodies).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aNonLoopbackWebhookIsSentButNeverCalledByTheFake(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      TaskId id =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("a kite")
                  .webhook(URI.create("https://hooks.example.com/apimart"))
                  .build());
      fake.completeNow(id.value());

      assertThat(fake.webhookDeliveries()).isEmpty();
    }
  }
}
