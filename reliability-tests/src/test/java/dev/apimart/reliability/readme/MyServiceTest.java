package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeApiMartExtension.class)
class MyServiceTest {
  FakeApiMart fake; // a started fake per test, closed afterwards

  @Test
  void reportsAFailedGeneration() {
    fake.onNextTask(Outcome.fails("content_policy_violation", "The prompt was refused"));
    // pointed at the fake, polling at its clock's pace: a generate takes milliseconds
    try (ApiMartClient client = fake.clientBuilder().build()) {
      assertThatThrownBy(
              () -> client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat")))
          .isInstanceOf(TaskFailedException.class);
    }
    assertThat(fake.journal().submissions()).hasSize(1);
  }
}
