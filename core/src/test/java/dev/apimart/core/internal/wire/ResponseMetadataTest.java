package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static dev.apimart.core.internal.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.IdempotencyUnavailableException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.UsageUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exception built from an answer carries its status, request id and the kept headers. */
class ResponseMetadataTest {

  private final WireCodec codec = Fixtures.codec();

  private static Map<String, List<String>> answerHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Request-Id", List.of("req_7f3a9c"));
    headers.put("Retry-After", List.of("3"));
    headers.put("X-RateLimit-Remaining-Requests", List.of("0"));
    headers.put("RateLimit-Reset", List.of("12"));
    headers.put("Content-Type", List.of("application/json"));
    headers.put("Set-Cookie", List.of("session=s3cr3t-cookie; HttpOnly"));
    headers.put("Authorization", List.of("Bearer sk-echoedkey123456"));
    headers.put("X-Internal-Host", List.of("node-17.internal"));
    return headers;
  }

  static Stream<Arguments> everyMappedStatus() {
    return Stream.of(
        Arguments.of(400, "{\"error\":{\"message\":\"bad n\"}}", RequestRejectedException.class),
        Arguments.of(422, "{\"error\":{\"message\":\"bad n\"}}", RequestRejectedException.class),
        Arguments.of(401, "{\"error\":{\"message\":\"no\"}}", AuthenticationException.class),
        Arguments.of(402, "{\"error\":{\"message\":\"pay\"}}", InsufficientBalanceException.class),
        Arguments.of(403, "{\"error\":{\"message\":\"no\"}}", PermissionDeniedException.class),
        Arguments.of(404, "{\"error\":{\"message\":\"gone\"}}", NotFoundException.class),
        Arguments.of(
            409,
            "{\"error\":{\"code\":\"idempotency_in_progress\",\"message\":\"wait\"}}",
            IdempotencyConflictException.class),
        Arguments.of(413, "too big", PayloadTooLargeException.class),
        Arguments.of(429, "{\"error\":{\"message\":\"slow\"}}", RateLimitedException.class),
        Arguments.of(500, "<html><title>oops</title></html>", ServerException.class),
        Arguments.of(502, "", ServerException.class),
        Arguments.of(
            503,
            "{\"error\":{\"code\":\"usage_unavailable\",\"message\":\"later\"}}",
            UsageUnavailableException.class),
        Arguments.of(
            503,
            "{\"error\":{\"code\":\"idempotency_unavailable\",\"message\":\"later\"}}",
            IdempotencyUnavailableException.class),
        Arguments.of(418, "{\"message\":\"teapot\"}", UnexpectedResponseException.class));
  }

  @ParameterizedTest(name = "HTTP {0} -> {2}")
  @MethodSource("everyMappedStatus")
  void everyMappedAnswerKeepsStatusRequestIdAndTheSafeHeaders(
      int status, String body, Class<? extends ApiMartException> type) {
    ApiMartException e = codec.errorFor(status, answerHeaders(), utf8(body));

    assertThat(e).isInstanceOf(type);
    ErrorDetails details = e.details();
    assertThat(details.status()).hasValue(status);
    assertThat(e.httpStatus()).hasValue(status);
    assertThat(details.requestId()).hasValue("req_7f3a9c");
    assertThat(e.requestId()).hasValue("req_7f3a9c");
    assertThat(details.headers())
        .containsOnlyKeys(
            "x-request-id",
            "retry-after",
            "x-ratelimit-remaining-requests",
            "ratelimit-reset",
            "content-type");
    assertThat(details.header("Retry-After")).hasValue("3");
    assertThat(details.header("x-ratelimit-remaining-requests")).hasValue("0");
    assertThat(details.toString() + e.getMessage())
        .doesNotContain("s3cr3t-cookie", "sk-echoedkey", "node-17");
  }

  @Test
  void theRequestIdComesFromTheOtherUsualHeaderNames() {
    assertThat(codec.errorFor(500, Map.of("request-id", List.of(" rid-1 ")), utf8("x")).requestId())
        .hasValue("rid-1");
    assertThat(
            codec
                .errorFor(500, Map.of("X-Correlation-ID", List.of("corr-2")), utf8("x"))
                .requestId())
        .hasValue("corr-2");
    assertThat(codec.errorFor(500, NO_HEADERS, utf8("x")).requestId()).isEmpty();
  }

  @Test
  void theRequestIdComesFromTheErrorBodyWhenNoHeaderCarriesIt() {
    ApiMartException inEnvelope =
        codec.errorFor(
            400,
            NO_HEADERS,
            utf8(
                "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\","
                    + "\"request_id\":\"req_body_1\"}}"));
    ApiMartException topLevel =
        codec.errorFor(500, NO_HEADERS, utf8("{\"message\":\"x\",\"request_id\":\"req_top_2\"}"));
    // The one measured 401 answer carries it only in the words.
    ApiMartException inWords =
        codec.errorFor(
            401,
            NO_HEADERS,
            utf8(
                "{\"error\":{\"message\":\"invalid API key (request id: 20251130083012ab)\","
                    + "\"type\":\"apimart_error\"}}"));

    assertThat(inEnvelope.requestId()).hasValue("req_body_1");
    assertThat(topLevel.requestId()).hasValue("req_top_2");
    assertThat(inWords.requestId()).hasValue("20251130083012ab");
  }

  @Test
  void aHeaderRequestIdWinsOverTheBodys() {
    ApiMartException e =
        codec.errorFor(
            400,
            Map.of("x-request-id", List.of("from-header")),
            utf8("{\"error\":{\"message\":\"bad\",\"request_id\":\"from-body\"}}"));

    assertThat(e.requestId()).hasValue("from-header");
  }

  @Test
  void anErrorEnvelopeInsideA2xxAnswerCarriesTheMetadataToo() {
    ApiMartException e =
        catchThrowableOfType(
            AuthenticationException.class,
            () ->
                codec.decodeBalance(
                    200,
                    answerHeaders(),
                    utf8("{\"code\":401,\"error\":{\"message\":\"bad key\"}}")));

    assertThat(e.httpStatus()).hasValue(200);
    assertThat(e.requestId()).hasValue("req_7f3a9c");
    assertThat(e.details().header("retry-after")).hasValue("3");
  }

  @Test
  void anUnreadableSuccessfulAnswerCarriesTheMetadataToo() {
    UnexpectedResponseException e =
        catchThrowableOfType(
            UnexpectedResponseException.class,
            () -> codec.decodeTask(200, answerHeaders(), utf8("{\"data\":{\"status\":\"x\"}}")));

    assertThat(e.httpStatus()).hasValue(200);
    assertThat(e.requestId()).hasValue("req_7f3a9c");
    assertThat(e.details().headers()).doesNotContainKeys("set-cookie", "authorization");
  }

  @Test
  void aKeptHeaderValueNeverShowsABearerTokenOrKey() {
    ApiMartException e =
        codec.errorFor(
            500, Map.of("x-request-id", List.of("Bearer sk-abcdefghijkl")), utf8("boom"));

    assertThat(e.details().headers().toString()).doesNotContain("sk-abcdefghijkl");
    assertThat(e.requestId().orElseThrow()).doesNotContain("sk-abcdefghijkl");
  }
}
