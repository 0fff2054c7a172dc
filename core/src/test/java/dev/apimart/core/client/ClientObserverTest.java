package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ClientObserver.Kind;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ClientObserverTest {

  private static final String SUBMIT = "/v1/images/generations";
  private static final String TASK = "/v1/tasks/task_1";
  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.QWEN_IMAGE_2_0, "a red fox");

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();
  private final Recorder recorder = new Recorder();

  private static FakeTransport.Reply ok(String json) {
    return FakeTransport.json(200, json);
  }

  @Test
  void generateIsObservedWithItsSubmissionAndEveryPollAsChildren() {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "processing", 40, 10)),
            ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).observer(recorder).build()) {
      client.generate(REQUEST);
    }

    assertThat(recorder.kinds()).containsExactly(Kind.GENERATE, Kind.SUBMIT, Kind.POLL, Kind.POLL);
    Recorded generate = recorder.get(0);
    assertThat(generate.operation.parent()).isNull();
    assertThat(generate.operation.request()).isEqualTo(REQUEST);
    assertThat(generate.taskId).isEqualTo(TaskId.of("task_1"));
    assertThat(generate.task.status()).isEqualTo(TaskStatus.COMPLETED);
    for (Recorded child : recorder.all.subList(1, 4)) {
      assertThat(child.operation.parent()).isSameAs(generate);
      assertThat(child.operation.request()).isEqualTo(REQUEST);
      assertThat(child.ended).isTrue();
      assertThat(child.error).isNull();
    }
    assertThat(recorder.get(1).taskId).isEqualTo(TaskId.of("task_1"));
    assertThat(recorder.get(1).task).isNull();
    assertThat(recorder.get(2).task.status()).isEqualTo(TaskStatus.PROCESSING);
    assertThat(recorder.get(3).task.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void failedTaskEndsTheGenerateObservationWithTheTaskFailure() {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "failed", 0, 10, null, List.of(), "prompt refused")));
    try (ApiMartClient client = TestClients.builder(transport, time).observer(recorder).build()) {
      assertThatThrownBy(() -> client.generate(REQUEST)).isInstanceOf(TaskFailedException.class);
    }
    assertThat(recorder.get(0).error).isInstanceOf(TaskFailedException.class);
    assertThat(recorder.get(0).ended).isTrue();
  }

  @Test
  void invalidRequestIsObservedAsAFailedSubmissionWithoutNetwork() {
    GenerationRequest bad = GenerationRequest.builder().model(ImageModel.Z_IMAGE_TURBO).build();
    try (ApiMartClient client = TestClients.builder(transport, time).observer(recorder).build()) {
      assertThatThrownBy(() -> client.submit(bad)).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(recorder.kinds()).containsExactly(Kind.SUBMIT);
    assertThat(recorder.get(0).error).isInstanceOf(InvalidRequestException.class);
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void asyncGenerateReportsChildrenBeforeTheParentEnds() throws Exception {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "pending", 0, null)),
            ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).observer(recorder).build()) {
      CompletableFuture<GenerationResult> future = client.generateAsync(REQUEST);
      assertThat(recorder.get(0).ended).isFalse();
      time.runUntilDone(future);
      future.get(0, TimeUnit.SECONDS);
    }
    assertThat(recorder.kinds()).containsExactly(Kind.GENERATE, Kind.SUBMIT, Kind.POLL, Kind.POLL);
    assertThat(recorder.all).allSatisfy(r -> assertThat(r.ended).isTrue());
    assertThat(recorder.get(0).task.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void cancellingAnAsyncWaitEndsItsObservationAsFailed() {
    transport.on("GET", TASK, ok(Json.task("task_1", "processing", 10, 60)));
    try (ApiMartClient client = TestClients.builder(transport, time).observer(recorder).build()) {
      CompletableFuture<GenerationResult> future = client.waitForAsync(TaskId.of("task_1"));
      time.runUntil(() -> transport.count("GET", TASK) >= 1);
      future.cancel(true);
    }
    assertThat(recorder.get(0).operation.kind()).isEqualTo(Kind.WAIT);
    assertThat(recorder.get(0).operation.taskId()).isEqualTo(TaskId.of("task_1"));
    assertThat(recorder.get(0).error)
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CANCELLED));
  }

  @Test
  void balanceReadIsObservedAndAuthenticationFailureReported() {
    transport.on("GET", "/v1/balance", FakeTransport.json(401, Json.error(401, "bad key")));
    try (ApiMartClient client = TestClients.builder(transport, time).observer(recorder).build()) {
      assertThatThrownBy(client::balance).isInstanceOf(AuthenticationException.class);
    }
    assertThat(recorder.kinds()).containsExactly(Kind.BALANCE);
    assertThat(recorder.get(0).error).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aFailingObserverNeverChangesTheOutcome() {
    transport.on(
        "GET", "/v1/balance", ok(Json.balance("10.5", "2.0")), ok(Json.balance("10.5", "2.0")));
    ClientObserver throwingOnStart =
        operation -> {
          throw new IllegalStateException("observer broken");
        };
    ClientObserver throwingOnEnd =
        operation ->
            new ClientObserver.Handle() {
              @Override
              public void succeeded(@Nullable TaskId taskId, @Nullable Task task) {
                throw new IllegalStateException("handle broken");
              }

              @Override
              public void failed(Throwable error) {
                throw new IllegalStateException("handle broken");
              }
            };
    for (ClientObserver broken : List.of(throwingOnStart, throwingOnEnd)) {
      try (ApiMartClient client = TestClients.builder(transport, time).observer(broken).build()) {
        assertThat(client.balance().remaining().orElseThrow()).isEqualByComparingTo("10.5");
      }
    }
  }

  /** Records every operation and how it ended. */
  private static final class Recorder implements ClientObserver {
    final List<Recorded> all = new CopyOnWriteArrayList<>();

    @Override
    public Handle start(Operation operation) {
      Recorded recorded = new Recorded(operation);
      all.add(recorded);
      return recorded;
    }

    List<Kind> kinds() {
      return all.stream().map(r -> r.operation.kind()).toList();
    }

    Recorded get(int index) {
      return all.get(index);
    }
  }

  private static final class Recorded implements ClientObserver.Handle {
    final ClientObserver.Operation operation;
    volatile boolean ended;
    volatile @Nullable TaskId taskId;
    volatile @Nullable Task task;
    volatile @Nullable Throwable error;

    Recorded(ClientObserver.Operation operation) {
      this.operation = operation;
    }

    @Override
    public void succeeded(@Nullable TaskId taskId, @Nullable Task task) {
      assertThat(ended).as("ended once").isFalse();
      this.taskId = taskId;
      this.task = task;
      this.ended = true;
    }

    @Override
    public void failed(Throwable error) {
      assertThat(ended).as("ended once").isFalse();
      this.error = error;
      this.ended = true;
    }
  }
}
