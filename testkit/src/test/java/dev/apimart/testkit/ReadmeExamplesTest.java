package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's code for models and answer variants, as written there (so it compiles and works).
 */
class ReadmeExamplesTest {

  @Test
  void servingAModelTheCatalogDoesNotHave() {
    ImageModel acme = ImageModel.of("acme-image-9");
    try (FakeApiMart fake =
        FakeApiMart.builder()
            .model(ModelCapabilities.builder(acme).sizes("1:1", "16:9").countRange(1, 2).build())
            .price(acme, new BigDecimal("0.30"))
            .start()) {
      new Http(fake)
          .submitOk("{\"model\":\"acme-image-9\",\"prompt\":\"x\",\"style\":{\"hdr\":true}}");
      Map<String, Object> sent = fake.journal().submissions().get(0).jsonBody();
      assertThat(sent).containsEntry("style", Map.of("hdr", true)); // arrived unchanged
    }
  }

  @Test
  void answerVariants() {
    FakeApiMart fake =
        FakeApiMart.builder()
            .submissionShape(SubmissionShape.OBJECT)
            .statusWords(StatusWords.SUBMITTED_IN_PROGRESS)
            .reportCost(true)
            .unknownTaskAnswer(UnknownTaskAnswer.INVALID_TASK_ID)
            .start();
    try (fake) {
      Http.Answer answer = new Http(fake).submit("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");
      assertThat(answer.json().path("data").path("status").asString()).isEqualTo("submitted");
    }
  }
}
