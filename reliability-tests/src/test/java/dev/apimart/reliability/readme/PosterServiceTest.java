package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import org.junit.jupiter.api.Test;

class PosterServiceTest {

  @Test
  void generatesOnePoster() {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = fake.clientBuilder().build()) {
      // exercise your code with this client, e.g.:
      client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "A poster of a lighthouse"));

      assertThat(fake.journal().submissions()).hasSize(1);
    }
  }
}
