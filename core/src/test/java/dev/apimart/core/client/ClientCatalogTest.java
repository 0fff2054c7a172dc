package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.testing.Bodies;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import org.junit.jupiter.api.Test;

class ClientCatalogTest {

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  private String sentBody() {
    return Bodies.text(transport.requests().get(0).body());
  }

  @Test
  void aTierIsSentAsTheChosenModelSpellsIt() {
    transport.on("POST", "/v1/images/generations", FakeTransport.json(200, Json.submitted("t1")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      client.submit(
          GenerationRequest.builder()
              .model(" gpt-image-2 ")
              .prompt("a fox")
              .size("21:9")
              .resolution("4K")
              .build());
    }

    assertThat(sentBody())
        .contains("\"model\":\"gpt-image-2\"", "\"size\":\"21:9\"", "\"resolution\":\"4k\"");
  }

  @Test
  void anEntryGivenToTheBuilderIsEnforcedBeforeAnythingIsSent() {
    ModelCapabilities acme =
        ModelCapabilities.builder(ImageModel.of("acme-image-1")).countRange(1, 2).build();
    try (ApiMartClient client = TestClients.builder(transport, time).model(acme).build()) {
      GenerationRequest request =
          GenerationRequest.builder().model("acme-image-1").prompt("x").n(3).build();

      assertThatThrownBy(() -> client.submit(request))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("n"));
      assertThat(client.modelCatalog().find("acme-image-1")).contains(acme);
    }
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void aCorrectedLimitReplacesTheDocumentedOne() {
    transport.on("POST", "/v1/images/generations", FakeTransport.json(200, Json.submitted("t2")));
    ModelCatalog corrected =
        ModelCatalog.defaults().toBuilder()
            .update(ImageModel.QWEN_IMAGE_2_0, b -> b.countRange(1, 8))
            .build();
    try (ApiMartClient client =
        TestClients.builder(transport, time).modelCatalog(corrected).build()) {
      client.submit(
          GenerationRequest.builder().model(ImageModel.QWEN_IMAGE_2_0).prompt("x").n(8).build());
    }

    assertThat(sentBody()).contains("\"n\":8");
  }

  @Test
  void aModelOutsideTheCatalogIsSentAsGiven() {
    transport.on("POST", "/v1/images/generations", FakeTransport.json(200, Json.submitted("t3")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      client.submit(
          GenerationRequest.builder()
              .model("Acme-Image-9")
              .prompt("x")
              .resolution("8k")
              .param("style", "vivid")
              .build());
    }

    assertThat(sentBody())
        .isEqualTo(
            "{\"model\":\"Acme-Image-9\",\"prompt\":\"x\",\"resolution\":\"8k\",\"style\":\"vivid\"}");
  }

  /** The README's "Models" examples on the wire: the catalog changes and the teapot request. */
  @Test
  void readmeModelExamplesRun() {
    transport.on("POST", "/v1/images/generations", FakeTransport.json(200, Json.submitted("t4")));
    ApiMartClient client =
        TestClients.builder(transport, time)
            .model(
                ModelCapabilities.builder(ImageModel.of("acme-image-2"))
                    .sizes("1:1", "16:9")
                    .tiers("1K", "2K")
                    .countRange(1, 4)
                    .build())
            .modelCatalog(
                ModelCatalog.defaults().toBuilder()
                    .update(ImageModel.GPT_IMAGE_2, b -> b.countRange(1, 8))
                    .build())
            .build();
    try (client) {
      client.submit(
          GenerationRequest.builder()
              .model(ImageModel.GPT_IMAGE_2_OFFICIAL)
              .prompt("A glass teapot on a wooden table, studio light")
              .size(ImageSize.RATIO_3_2)
              .resolution(Resolution.RES_2K)
              .quality("high")
              .background("transparent")
              .outputFormat("png")
              .extraBody("user", "docs-example")
              .build());
      assertThat(client.modelCatalog().require(ImageModel.GPT_IMAGE_2).maxImages()).isEqualTo(8);
      assertThat(client.modelCatalog().find("acme-image-2")).isPresent();
    }

    assertThat(sentBody())
        .contains("\"resolution\":\"2k\"", "\"quality\":\"high\"", "\"user\":\"docs-example\"");
  }
}
