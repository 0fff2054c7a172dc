package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.testkit.FakeApiMart;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewModelTest {

  @Test
  void aFieldWithoutASetterArrivesUnchanged() {
    ImageModel acme = ImageModel.of("acme-image-9");
    try (FakeApiMart fake =
            FakeApiMart.builder()
                .model(
                    ModelCapabilities.builder(acme).sizes("1:1", "16:9").countRange(1, 2).build())
                .price(acme, new BigDecimal("0.30"))
                .start();
        ApiMartClient client = fake.clientBuilder().build()) {
      client.generate(
          GenerationRequest.builder()
              .model(acme)
              .prompt("a glass teapot")
              .size(ImageSize.RATIO_16_9)
              .extraBody("style", Map.of("hdr", true))
              .build());

      Map<String, Object> sent = fake.journal().submissions().get(0).jsonBody();
      assertThat(sent).containsEntry("style", Map.of("hdr", true)); // arrived unchanged
    }
  }
}
