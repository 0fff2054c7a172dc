package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeApiMartExtension.class)
class GenerationTest {
  FakeApiMart fake; // injected before each test

  @Test
  void generates() {
    try (ApiMartClient client = fake.clientBuilder().build()) {
      GenerationResult result =
          client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a red kite"));
      assertThat(result.images()).hasSize(1);
    }
  }

  @Test
  void theSameFakeAsAParameter(FakeApiMart sameFake) {
    assertThat(sameFake).isSameAs(fake);
  }
}
