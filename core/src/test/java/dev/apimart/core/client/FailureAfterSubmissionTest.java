package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Once a submission created a task, every failure of {@code generate} names it: the task may still
 * finish and be billed, so the caller must be able to wait for it instead of submitting again.
 */
class FailureAfterSubmissionTest {

  private static final String SUBMIT = "/v1/images/generations";
  private static final String TASK = "/v1/tasks/task_7";
  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn");

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  /** A hook that works for the submission and throws from its second call on (a status request). */
  private static RequestHook failingAfterFirstCall() {
    AtomicInteger calls = new AtomicInteger();
    return headers -> {
      if (calls.incrementAndGet() > 1) {
        throw new IllegalStateException("token service down");
      }
      headers.add("X-Gateway-Token", "t1");
    };
  }

  @Test
  void aHookFailingOnAStatusRequestEndsTheCallNamingTheTask() {
    transport.on("POST", SUBMIT, FakeTransport.json(200, Json.submitted("task_7")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      ApiMartClient view =
          client.withOptions(CallOptions.builder().requestHook(failingAfterFirstCall()).build());

      Throwable thrown = catchThrowable(() -> view.generate(REQUEST));

      assertThat(thrown).isInstanceOf(ConfigurationException.class);
      ApiMartException failure = (ApiMartException) thrown;
      assertThat(failure.createdTask()).contains(TaskId.of("task_7"));
      assertThat(failure.getCause()).hasMessage("token service down");
      assertThat(failure.getMessage())
          .contains("task_7")
          .contains("resume with waitFor(TaskId.of(\"task_7\"))");
      assertThat(transport.count("POST", SUBMIT)).isEqualTo(1);
    }
  }

  @Test
  void asyncTheSame() {
    transport.on("POST", SUBMIT, FakeTransport.json(200, Json.submitted("task_7")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      ApiMartClient view =
          client.withOptions(CallOptions.builder().requestHook(failingAfterFirstCall()).build());

      CompletableFuture<GenerationResult> future = view.generateAsync(REQUEST);
      time.runUntilIdle();

      Throwable thrown = catchThrowable(future::get);
      assertThat(thrown).isInstanceOf(ExecutionException.class);
      assertThat(thrown.getCause()).isInstanceOf(ConfigurationException.class);
      assertThat(((ApiMartException) thrown.getCause()).createdTask())
          .contains(TaskId.of("task_7"));
      assertThat(transport.count("POST", SUBMIT)).isEqualTo(1);
    }
  }

  @Test
  void aStatusRequestTheServiceRefusesKeepsItsTypeAndNamesTheTask() {
    transport.on("POST", SUBMIT, FakeTransport.json(200, Json.submitted("task_7")));
    transport.on("GET", TASK, FakeTransport.json(401, Json.error(401, "key revoked")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {

      Throwable thrown = catchThrowable(() -> client.generate(REQUEST));

      assertThat(thrown).isInstanceOf(AuthenticationException.class);
      assertThat(((ApiMartException) thrown).createdTask()).contains(TaskId.of("task_7"));
      assertThat(thrown.getMessage()).contains("task_7 was created and may still finish");
    }
  }

  @Test
  void aFailureBeforeTheSubmissionNamesNoTask() {
    transport.on("POST", SUBMIT, FakeTransport.json(401, Json.error(401, "bad key")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {

      Throwable thrown = catchThrowable(() -> client.generate(REQUEST));

      assertThat(thrown).isInstanceOf(AuthenticationException.class);
      assertThat(((ApiMartException) thrown).createdTask()).isEmpty();
      assertThat(thrown.getMessage()).doesNotContain("was created");
    }
  }
}
