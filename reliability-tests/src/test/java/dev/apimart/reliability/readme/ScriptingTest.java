package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.Route;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeApiMartExtension.class)
class ScriptingTest {
  FakeApiMart fake;

  @Test
  void scriptsOutcomes() {
    fake.onNextTask(Outcome.fails("content_policy_violation", "The prompt was refused"));
    fake.onPromptMatching("(?i)slow", Outcome.completes().after(Duration.ofSeconds(90)));
    fake.onPromptMatching("stuck", Outcome.neverFinishes());
    fake.onNextTask(Outcome.getsCancelled());
    fake.onNextTask(Outcome.completes().withMissingImages());

    try (ApiMartClient client = fake.clientBuilder().build()) {
      assertThatThrownBy(
              () -> client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat")))
          .isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("The prompt was refused");
    }
  }

  @Test
  void injectsFaults() {
    fake.inject(Fault.status(429).withRetryAfter(Duration.ofSeconds(2))); // next request
    fake.inject(Fault.status(503).on(Route.GET_TASK).times(2)); // next 2 polls
    fake.inject(Fault.dropConnectionAfterProcessing().on(Route.SUBMIT_GENERATION));
    fake.inject(Fault.delay(Duration.ofSeconds(30)).on(Route.GET_BALANCE)); // real time
    fake.inject(Fault.malformedJson());
    fake.inject(Fault.htmlErrorPage(502));
    fake.inject(Fault.truncatedBody());
    fake.inject(Fault.slowBody(Duration.ofSeconds(3)));
    fake.inject(Fault.missingImageFile().on(Route.IMAGE_FILE).always());

    assertThat(fake.journal().requests()).isEmpty(); // faults wait for their requests
  }
}
