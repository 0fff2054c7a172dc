package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ClientClosedException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Closing the client while calls run ends them with {@link ClientClosedException}, which names the
 * task and how to resume, or says a submission's outcome is unknown. Virtual time only.
 */
class ClientClosedTest {

  private static final String SUBMIT = "/v1/images/generations";
  private static final String TASK = "/v1/tasks/task_1";
  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn");

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  private static ClientClosedException closedCause(CompletableFuture<?> future) {
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, future::get);
    assertThat(e.getCause()).isInstanceOf(ClientClosedException.class);
    return (ClientClosedException) e.getCause();
  }

  @Test
  void anAsyncWaitEndsNamingItsTaskAndHowToResume() {
    transport.handler(
        r -> FakeTransport.json(200, Json.task("task_1", "processing", 10, 60)).respond(r));
    ApiMartClient client = TestClients.builder(transport, time).build();
    CompletableFuture<GenerationResult> future = client.waitForAsync(TaskId.of("task_1"));
    time.advance(Duration.ofSeconds(1));
    client.close();

    ClientClosedException closed = closedCause(future);
    assertThat(closed.taskId()).contains(TaskId.of("task_1"));
    assertThat(closed.submissionOutcomeUnknown()).isFalse();
    assertThat(closed.getMessage())
        .contains("task_1")
        .contains("waitFor(TaskId.of(\"task_1\")) on a new client");
    long polls = transport.count("GET", TASK);
    time.advance(Duration.ofMinutes(5));
    assertThat(transport.count("GET", TASK)).isEqualTo(polls);
  }

  @Test
  void anAsyncGenerateClosedAfterItsSubmissionNamesTheNewTask() {
    transport.on("POST", SUBMIT, FakeTransport.json(200, Json.submitted("task_1")));
    transport.handler(
        r -> FakeTransport.json(200, Json.task("task_1", "processing", 10, 60)).respond(r));
    ApiMartClient client = TestClients.builder(transport, time).build();
    CompletableFuture<GenerationResult> future = client.generateAsync(REQUEST);
    time.advance(Duration.ofSeconds(5));
    client.close();

    ClientClosedException closed = closedCause(future);
    assertThat(closed.taskId()).contains(TaskId.of("task_1"));
    assertThat(transport.count("POST", SUBMIT)).isEqualTo(1);
  }

  @Test
  void anAsyncSubmissionWithoutAnAnswerYetIsReportedAsOutcomeUnknownWithItsKey() {
    PendingSubmissions pending = new PendingSubmissions();
    ApiMartClient client = TestClients.builder(transport, time).transport(pending).build();
    CompletableFuture<TaskId> future =
        client.submitAsync(REQUEST.toBuilder().idempotencyKey("key-42").build());
    assertThat(pending.sent).hasSize(1);
    client.close();

    ClientClosedException closed = closedCause(future);
    assertThat(closed.taskId()).isEmpty();
    assertThat(closed.submissionOutcomeUnknown()).isTrue();
    assertThat(closed.idempotencyKey()).contains("key-42");
    assertThat(closed.getMessage()).contains("may or may not have been created").contains("key-42");
    assertThat(pending.sent.get(0).isCancelled()).isTrue();
  }

  @Test
  void aSyncWaitEndsAtItsNextStepNamingTheTask() {
    AtomicReference<ApiMartClient> client = new AtomicReference<>();
    List<String> polls = new ArrayList<>();
    transport.handler(
        r -> {
          polls.add(r.uri().getPath());
          client.get().close();
          return FakeTransport.json(200, Json.task("task_1", "processing", 10, 60)).respond(r);
        });
    client.set(TestClients.builder(transport, time).build());

    assertThatThrownBy(() -> client.get().waitFor(TaskId.of("task_1")))
        .isInstanceOfSatisfying(
            ClientClosedException.class, e -> assertThat(e.taskId()).contains(TaskId.of("task_1")))
        .hasMessageContaining("waitFor(TaskId.of(\"task_1\"))");
    assertThat(polls).hasSize(1);
  }

  @Test
  void aSyncSubmissionCutOffByTheCloseIsOutcomeUnknownNotATransportFailure() {
    AtomicReference<ApiMartClient> client = new AtomicReference<>();
    transport.handler(
        r -> {
          client.get().close();
          throw new TransportException(
              TransportException.Kind.CONNECTION_LOST, "connection closed", null);
        });
    client.set(
        TestClients.builder(transport, time)
            .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
            .build());

    assertThatThrownBy(() -> client.get().generate(REQUEST))
        .isInstanceOfSatisfying(
            ClientClosedException.class,
            e -> {
              assertThat(e.submissionOutcomeUnknown()).isTrue();
              assertThat(e.taskId()).isEmpty();
              assertThat(e.idempotencyKey()).isPresent();
              assertThat(e.getCause()).isNotNull();
            });
    assertThat(transport.count("POST", SUBMIT)).isEqualTo(1);
  }

  @Test
  void aCallStartedAfterCloseIsStillRefusedAsIllegalState() {
    ApiMartClient client = TestClients.builder(transport, time).build();
    client.close();
    assertThatThrownBy(() -> client.waitFor(TaskId.of("task_1")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(transport.requests()).isEmpty();
  }

  /** Accepts submissions and never answers them. */
  private static final class PendingSubmissions implements HttpTransport {
    final List<CompletableFuture<TransportResponse>> sent = new ArrayList<>();

    @Override
    public TransportResponse execute(TransportRequest request) {
      throw new AssertionError("sync call not expected");
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      CompletableFuture<TransportResponse> f = new CompletableFuture<>();
      sent.add(f);
      return f;
    }

    @Override
    public String name() {
      return "pending";
    }

    @Override
    public void close() {}
  }
}
