package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static dev.apimart.core.internal.wire.Fixtures.bytes;
import static dev.apimart.core.internal.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.UnexpectedResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecErrorMappingTest {

  private final WireCodec codec = Fixtures.codec();

  static Stream<Arguments> documentedEnvelopes() {
    return Stream.of(
        Arguments.of(
            400,
            RequestRejectedException.class,
            "n must be between 1 and 6",
            "invalid_request_error"),
        Arguments.of(
            401, AuthenticationException.class, "Invalid API key provided", "authentication_error"),
        Arguments.of(
            402,
            InsufficientBalanceException.class,
            "Insufficient balance, please top up",
            "insufficient_quota"),
        Arguments.of(
            403,
            PermissionDeniedException.class,
            "This key may not use model qwen-image-2.0-pro",
            "permission_error"),
        Arguments.of(404, NotFoundException.class, "Task not found", "not_found_error"),
        Arguments.of(
            429, RateLimitedException.class, "Rate limit exceeded, slow down", "rate_limit_error"),
        Arguments.of(500, ServerException.class, "Internal server error", "server_error"));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @MethodSource("documentedEnvelopes")
  void mapsTheStatusToItsTypeAndKeepsTheEnvelope(
      int status, Class<? extends ApiMartException> type, String message, String serverType) {
    ApiMartException e = codec.errorFor(status, NO_HEADERS, bytes("errors/" + status + ".json"));

    assertThat(e).isInstanceOf(type);
    assertThat(e.httpStatus()).hasValue(status);
    assertThat(e.serverMessage()).hasValue(message);
    assertThat(e.serverType()).hasValue(serverType);
    assertThat(e.serverCode()).hasValue(Integer.toString(status));
    assertThat(e.getMessage()).contains("HTTP " + status, message);
    assertThat(e.rawBody()).hasValueSatisfying(raw -> assertThat(raw).contains(message));
  }

  @Test
  void tellsWhereToFixARejectedKey() {
    ApiMartException e = codec.errorFor(401, NO_HEADERS, bytes("errors/401.json"));

    assertThat(e.getMessage())
        .isEqualTo(
            "ApiMart rejected the API key (HTTP 401): Invalid API key provided. Check"
                + " APIMART_API_KEY / apiKey(...): the key may be missing, mistyped or revoked");
  }

  @Test
  void keepsAnNginxHtmlPageAsRawTextAndSaysWhatItWas() {
    ApiMartException e = codec.errorFor(502, NO_HEADERS, bytes("errors/502-nginx.html"));

    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.serverMessage()).isEmpty();
    assertThat(e.rawBody()).hasValueSatisfying(raw -> assertThat(raw).contains("nginx/1.24.0"));
    assertThat(e.getMessage())
        .contains("HTTP 502", "not JSON", "HTML page \"502 Bad Gateway\"")
        .doesNotContain("<html>");
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void carriesRetryAfterOnRateLimitAndServerErrors() {
    Map<String, List<String>> headers = Map.of("RETRY-AFTER", List.of("30"));

    ApiMartException limited = codec.errorFor(429, headers, bytes("errors/429.json"));
    ApiMartException unavailable = codec.errorFor(503, headers, utf8(""));

    assertThat(((RateLimitedException) limited).retryAfter()).hasValue(Duration.ofSeconds(30));
    assertThat(limited.getMessage()).contains("wait 30 s");
    assertThat(((ServerException) unavailable).retryAfter()).hasValue(Duration.ofSeconds(30));
    assertThat(unavailable.getMessage()).contains("HTTP 503", "empty body");
  }

  @Test
  void rateLimitWithoutRetryAfterHasNone() {
    ApiMartException e = codec.errorFor(429, NO_HEADERS, bytes("errors/429.json"));

    assertThat(((RateLimitedException) e).retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"message\":\"the reason\"}",
        "{\"msg\":\"the reason\",\"code\":10001}",
        "{\"error\":\"the reason\"}",
        "{\"error\":{\"msg\":\"the reason\"}}",
        "\"the reason\""
      })
  void readsTheMessageFromEveryKnownVariant(String body) {
    ApiMartException e = codec.errorFor(400, NO_HEADERS, utf8(body));

    assertThat(e).isInstanceOf(RequestRejectedException.class);
    assertThat(e.serverMessage()).hasValue("the reason");
  }

  @Test
  void readsANumericTopLevelCodeWhenTheErrorObjectHasNone() {
    ApiMartException e = codec.errorFor(400, NO_HEADERS, utf8("{\"msg\":\"x\",\"code\":10001}"));

    assertThat(e.serverCode()).hasValue("10001");
  }

  @ParameterizedTest
  @ValueSource(ints = {418, 409, 302, 100, 600, 0, -1})
  void mapsAnyOtherStatusToUnexpectedResponse(int status) {
    ApiMartException e = codec.errorFor(status, NO_HEADERS, utf8("{\"message\":\"odd\"}"));

    assertThat(e).isInstanceOf(UnexpectedResponseException.class);
    assertThat(e.getMessage()).contains("HTTP " + status, "odd");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599})
  void mapsEveryFiveHundredToServerException(int status) {
    assertThat(codec.errorFor(status, NO_HEADERS, utf8("oops")))
        .isInstanceOf(ServerException.class);
  }

  @Test
  void neverRepeatsSomethingShapedLikeTheKey() {
    byte[] body =
        utf8(
            "{\"error\":{\"message\":\"Invalid key sk-abcdef1234567890 (Authorization: Bearer"
                + " sk-abcdef1234567890)\"}}");

    ApiMartException e = codec.errorFor(401, NO_HEADERS, body);

    assertThat(e.getMessage()).doesNotContain("abcdef1234567890");
    assertThat(e.serverMessage().orElseThrow()).doesNotContain("abcdef1234567890");
    assertThat(e.rawBody().orElseThrow()).doesNotContain("abcdef1234567890");
    assertThat(e.toString()).doesNotContain("abcdef1234567890");
  }

  @Test
  void truncatesAHugeErrorBody() {
    ApiMartException e = codec.errorFor(500, NO_HEADERS, utf8("x".repeat(100_000)));

    assertThat(e.rawBody().orElseThrow().length()).isLessThan(2_200);
    assertThat(e.getMessage().length()).isLessThan(1_000);
  }

  @Test
  void decodersThrowTheMappedErrorForNonTwoHundredAnswers() {
    assertThatThrownBy(() -> codec.decodeTask(503, NO_HEADERS, bytes("errors/502-nginx.html")))
        .isInstanceOf(ServerException.class);
    assertThatThrownBy(() -> codec.decodeBalance(402, NO_HEADERS, bytes("errors/402.json")))
        .isInstanceOf(InsufficientBalanceException.class);
    assertThatThrownBy(() -> codec.decodeSubmission(400, NO_HEADERS, bytes("errors/400.json")))
        .isInstanceOf(RequestRejectedException.class);
  }

  @Test
  void mapsATwoHundredErrorEnvelopeByItsCode() {
    assertThatThrownBy(
            () ->
                codec.decodeTask(
                    200, NO_HEADERS, utf8("{\"code\":404,\"message\":\"task does not exist\"}")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.getMessage()).contains("code 404 in an HTTP 200 answer"));
  }

  @Test
  void reportsATwoHundredErrorEnvelopeWithoutAKnownCodeAsUnexpected() {
    assertThatThrownBy(
            () ->
                codec.decodeTask(
                    200, NO_HEADERS, utf8("{\"error\":{\"message\":\"mystery\",\"code\":\"E9\"}}")))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("mystery");
  }

  @Test
  void mapsBalanceFailureWithACodeByThatCode() {
    assertThatThrownBy(
            () ->
                codec.decodeBalance(
                    200,
                    NO_HEADERS,
                    utf8("{\"success\":false,\"code\":402,\"message\":\"empty\"}")))
        .isInstanceOf(InsufficientBalanceException.class);
  }
}
