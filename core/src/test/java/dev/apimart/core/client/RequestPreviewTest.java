package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ApiMartClient#preview} shows what a submission would send without sending anything, and
 * {@link ApiMartClient#userBalance} reads the account's balance.
 */
class RequestPreviewTest {

  private static final String KEY = TestClients.API_KEY;

  /** Fails the test whenever anything would be sent. */
  private static final class NoNetwork implements HttpTransport {
    @Override
    public TransportResponse execute(TransportRequest request) {
      throw new AssertionError("a preview sent " + request);
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      throw new AssertionError("a preview sent " + request);
    }

    @Override
    public String name() {
      return "no-network";
    }
  }

  private static ApiMartClient offline() {
    return ApiMartClient.builder()
        .apiKey(KEY)
        .baseUrl("https://gateway.example.com")
        .transport(new NoNetwork())
        .scheduler(new VirtualScheduler())
        .environment(Map.<String, String>of()::get)
        .systemProperties(Map.<String, String>of()::get)
        .build();
  }

  @Test
  void showsTheValidatedSubmissionWithoutSendingIt() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model("Z-Image-Turbo")
            .prompt("a lighthouse at dawn")
            .idempotencyKey("key-1")
            .build();
    try (ApiMartClient client = offline()) {
      RequestPreview preview = client.preview(request);

      assertThat(preview.method()).isEqualTo("POST");
      assertThat(preview.uri())
          .isEqualTo(URI.create("https://gateway.example.com/v1/images/generations"));
      assertThat(preview.header("Authorization")).isEqualTo("Bearer [REDACTED]");
      assertThat(preview.header("content-type")).isEqualTo("application/json");
      assertThat(preview.header("idempotency-key")).isEqualTo("key-1");
      assertThat(preview.bodyText())
          .isEqualTo("{\"model\":\"z-image-turbo\",\"prompt\":\"a lighthouse at dawn\"}");
      assertThat(preview.uploads()).isEmpty();
    }
  }

  @Test
  void theKeyAppearsNowhereInThePreview() {
    try (ApiMartClient client =
        offline()
            .withOptions(
                CallOptions.builder()
                    .requestHook(h -> h.add("Proxy-Authorization", "Basic " + KEY))
                    .build())) {
      RequestPreview preview =
          client.preview(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat"));

      assertThat(preview.toString()).doesNotContain(KEY).doesNotContain("Bearer");
      assertThat(preview.headers()).containsKeys("authorization", "proxy-authorization");
      preview
          .headers()
          .values()
          .forEach(values -> values.forEach(v -> assertThat(v).doesNotContain(KEY)));
      assertThat(preview.header("proxy-authorization")).isEqualTo("Basic [REDACTED]");
      assertThat(preview.bodyText()).doesNotContain(KEY);
    }
  }

  @Test
  void anInvalidRequestFailsAsASubmissionWould() {
    try (ApiMartClient client = offline()) {
      InvalidRequestException e =
          catchThrowableOfType(
              InvalidRequestException.class,
              () -> client.preview(GenerationRequest.builder().model("z-image-turbo").build()));

      assertThat(e.violations()).extracting(v -> v.field()).contains("prompt");
    }
  }

  @Test
  void theBodyIsTheOneASubmissionSends() throws Exception {
    FakeTransport transport =
        new FakeTransport()
            .on("POST", "/v1/images/generations", FakeTransport.json(200, Json.submitted("t_1")));
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.QWEN_IMAGE_2_0)
            .prompt("水墨画 \"quoted\"")
            .n(2)
            .negativePrompt("blurry")
            .addImageUrl("https://images.example.com/a.png?v=1")
            .extraBody("style", "vivid")
            .idempotencyKey("same-key")
            .build();
    try (ApiMartClient client = TestClients.builder(transport, new VirtualScheduler()).build()) {
      RequestPreview preview = client.preview(request);
      assertThat(transport.requests()).isEmpty();

      client.submit(request);

      TransportRequest sent = transport.requests().get(0);
      assertThat(preview.body()).isEqualTo(sent.body().toByteArray());
      assertThat(preview.uri()).isEqualTo(sent.uri());
      assertThat(preview.headers().keySet()).isEqualTo(sent.headers().keySet());
    }
  }

  @Test
  void localImagesAreListedAndStandAsPlaceholders(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("ref.png");
    Files.write(
        png,
        Base64.getDecoder()
            .decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.GPT_IMAGE_2)
            .prompt("the same cat, in winter")
            .addImageUrl("https://images.example.com/a.png")
            .referenceImage(png)
            .idempotencyKey("k-2")
            .build();
    try (ApiMartClient client = offline()) {
      RequestPreview preview = client.preview(request);

      assertThat(preview.uploads()).containsExactly(png);
      assertThat(preview.bodyText())
          .contains("\"image_urls\":[\"https://images.example.com/a.png\",\"$UPLOAD_URL_1\"]");
      assertThat(preview.toString()).contains("uploads=1");
    }
  }

  @Test
  void aPreviewIsACopyNobodyCanChange() {
    try (ApiMartClient client = offline()) {
      RequestPreview preview =
          client.preview(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat"));
      preview.body()[0] = 'X';

      assertThat(preview.bodyText()).startsWith("{");
      assertThat(RequestPreview.uploadPlaceholder(3)).isEqualTo("$UPLOAD_URL_3");
    }
  }

  @Test
  void userBalanceReadsTheAccountsBalance() {
    FakeTransport transport =
        new FakeTransport()
            .on(
                "GET",
                "/v1/user/balance",
                FakeTransport.json(
                    200,
                    "{\"success\":true,\"remain_balance\":120.75,\"used_balance\":3.25,"
                        + "\"unlimited_quota\":false}"),
                FakeTransport.json(200, "{\"success\":false,\"message\":\"token not found\"}"));
    try (ApiMartClient client = TestClients.builder(transport, new VirtualScheduler()).build()) {
      Balance balance = client.userBalance();

      assertThat(balance.remaining()).contains(new BigDecimal("120.75"));
      assertThat(balance.used()).isEqualByComparingTo("3.25");
      assertThat(transport.requests().get(0).header("authorization")).isEqualTo("Bearer " + KEY);
      assertThat(transport.count("GET", "/v1/balance")).isZero();
      Throwable failed = catchThrowable(() -> client.userBalanceAsync().join());
      assertThat(failed)
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(AuthenticationException.class);
    }
  }
}
