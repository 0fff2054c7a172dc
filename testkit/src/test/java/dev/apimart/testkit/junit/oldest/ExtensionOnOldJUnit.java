package dev.apimart.testkit.junit.oldest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.contract.UrlConnectionTransport;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's first form — {@code @ExtendWith}, a field and a parameter — as a user on an old
 * JUnit writes it; run by {@code OldestJUnitTest} on JUnit 5.10 and 5.11, not by the build
 * directly.
 */
@ExtendWith(FakeApiMartExtension.class)
public class ExtensionOnOldJUnit {

  FakeApiMart fake;
  private FakeApiMart seenBeforeEach;

  @BeforeEach
  void setUp(FakeApiMart parameter) {
    seenBeforeEach = parameter;
  }

  @Test
  void fieldAndParameterAreTheSameStartedFake(FakeApiMart parameter) {
    assertNotNull(fake);
    assertSame(fake, parameter);
    assertSame(fake, seenBeforeEach);
  }

  @Test
  void generatesThroughTheClientBuilder() {
    try (ApiMartClient client =
        fake.clientBuilder()
            .transport(new UrlConnectionTransport(TransportSettings.defaults()))
            .build()) {
      GenerationResult result =
          client.generate(
              GenerationRequest.builder()
                  .model(ImageModel.Z_IMAGE_TURBO)
                  .prompt("A lighthouse at dusk")
                  .build());
      assertEquals(1, result.images().size());
      assertEquals(1, fake.journal().submissions().size());
    }
  }

  @Nested
  class Inner {
    FakeApiMart innerFake;

    @Test
    void outerAndInnerFieldsGetTheSameFake() {
      assertNotNull(innerFake);
      assertSame(fake, innerFake);
    }
  }
}
