package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.StatusWords;
import dev.apimart.testkit.SubmissionShape;
import dev.apimart.testkit.UnknownTaskAnswer;
import org.junit.jupiter.api.Test;

class AnswerVariantsTest {

  @Test
  void theClientReadsEveryVariant() {
    try (FakeApiMart fake =
            FakeApiMart.builder()
                // or ARRAY (default), ARRAY_WITH_TEXT_CODE, ACCEPTED
                .submissionShape(SubmissionShape.OBJECT)
                // or PENDING_PROCESSING (default)
                .statusWords(StatusWords.SUBMITTED_IN_PROGRESS)
                // finished tasks carry cost and credits_cost
                .reportCost(true)
                // 400 "invalid task ID" instead of 404
                .unknownTaskAnswer(UnknownTaskAnswer.INVALID_TASK_ID)
                .start();
        ApiMartClient client = fake.clientBuilder().build()) {
      assertThat(client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a kite")).images())
          .hasSize(1);
    }
  }
}
