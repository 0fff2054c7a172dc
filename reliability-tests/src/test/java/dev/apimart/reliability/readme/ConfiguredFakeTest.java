package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.UrlShape;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfiguredFakeTest {
  @RegisterExtension
  static final FakeApiMartExtension FAKE =
      FakeApiMartExtension.configuredWith(b -> b.urlShape(UrlShape.STRING).balance(BigDecimal.ONE));

  @Test
  void readsTheBalance(FakeApiMart fake) {
    try (ApiMartClient client = fake.clientBuilder().build()) {
      assertThat(client.balance().remaining().orElseThrow()).isEqualByComparingTo("1");
    }
  }
}
