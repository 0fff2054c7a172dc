package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  private final FakeApiMart fake = FakeApiMart.builder().apiKeys("sk-one", "sk-two").start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void missingKeyIs401InTheEnvelopeOnEveryApiRoute() {
    for (String path : List.of("/v1/balance", "/v1/user/balance", "/v1/tasks/task_x")) {
      Http.Answer answer = http.getWithAuthorization(path, null);

      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.json().path("error").path("type").asString())
          .isEqualTo("authentication_error");
      assertThat(answer.errorMessage())
          .isEqualTo("Missing API key: send the header 'Authorization: Bearer <your API key>'");
    }
    Http.Answer submit =
        Http.send(
            HttpRequest.newBuilder(fake.url("/v1/images/generations"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}"))
                .build());
    assertThat(submit.status()).isEqualTo(401);
    assertThat(fake.tasks()).isEmpty();
  }

  @Test
  void wrongKeyIs401() {
    Http.Answer answer = http.getWithAuthorization("/v1/balance", "Bearer sk-three");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorMessage()).startsWith("Invalid API key");
    assertThat(answer.text()).doesNotContain("sk-three");
  }

  @Test
  void keyWithoutBearerSchemeIs401() {
    Http.Answer answer = http.getWithAuthorization("/v1/balance", "sk-one");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.errorMessage())
        .isEqualTo("Invalid Authorization header: use the form 'Bearer <your API key>'");
  }

  @Test
  void everyConfiguredKeyIsAcceptedAndTheSchemeIsCaseInsensitive() {
    assertThat(http.getWithAuthorization("/v1/balance", "Bearer sk-one").status()).isEqualTo(200);
    assertThat(http.getWithAuthorization("/v1/balance", "bearer sk-two").status()).isEqualTo(200);
    assertThat(fake.apiKeys()).containsExactly("sk-one", "sk-two");
    assertThat(fake.apiKey()).isEqualTo("sk-one");
  }

  @Test
  void imageFilesNeedNoKeyLikeCdnUrls() {
    String id = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");
    FakeTask task = fake.completeNow(id);

    Http.Answer image = http.getUrl(task.imageUrls().get(0));

    assertThat(image.status()).isEqualTo(200);
  }

  @Test
  void defaultKeyIsTheDocumentedConstant() {
    try (FakeApiMart plain = FakeApiMart.start()) {
      assertThat(plain.apiKey()).isEqualTo(FakeApiMart.DEFAULT_API_KEY);
      assertThat(
              new Http(plain)
                  .getWithAuthorization("/v1/balance", "Bearer " + FakeApiMart.DEFAULT_API_KEY)
                  .status())
          .isEqualTo(200);
    }
  }
}
