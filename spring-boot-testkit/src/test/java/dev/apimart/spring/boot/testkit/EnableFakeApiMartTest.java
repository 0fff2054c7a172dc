package dev.apimart.spring.boot.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.testkit.FakeApiMart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The annotation on a plain Spring test, as a user writes it. */
@SpringJUnitConfig(EnableFakeApiMartTest.Empty.class)
@EnableFakeApiMart(apiKey = "sk-spring-test-0000000000000000")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnableFakeApiMartTest {

  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  @Autowired Environment environment;
  @Autowired FakeApiMart fake;

  @Test
  @Order(1)
  void propertiesPointAtTheRunningFakeAndItAcceptsTheKey() throws Exception {
    assertThat(environment.getProperty("apimart.base-url")).isEqualTo(fake.baseUrl().toString());
    assertThat(environment.getProperty("apimart.api-key"))
        .isEqualTo("sk-spring-test-0000000000000000");
    assertThat(environment.getProperty("apimart.polling.initial-delay")).isEqualTo("0ms");
    assertThat(balanceStatus(fake.baseUrl(), "sk-spring-test-0000000000000000")).isEqualTo(200);
    assertThat(balanceStatus(fake.baseUrl(), "sk-other")).isEqualTo(401);
  }

  @Test
  @Order(2)
  void leavesStateBehind() {
    fake.setBalance(java.math.BigDecimal.ONE);
    assertThat(fake.remainingBalance()).isEqualByComparingTo("1");
  }

  @Test
  @Order(3)
  void fakeIsResetBeforeEachTest() {
    assertThat(fake.remainingBalance()).isEqualByComparingTo("100");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Nested
  class InANestedClass {
    @Autowired FakeApiMart nestedFake;

    @Test
    void theEnclosingClassesFakeIsShared() {
      assertThat(nestedFake).isSameAs(fake);
    }
  }

  static int balanceStatus(URI baseUrl, String key) throws IOException, InterruptedException {
    // A fresh client each time, so no pooled connection outlives a closed fake.
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(baseUrl.resolve("/v1/balance"))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
