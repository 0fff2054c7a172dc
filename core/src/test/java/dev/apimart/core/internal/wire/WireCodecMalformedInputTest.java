package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.UnexpectedResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of broken answer must end in {@link UnexpectedResponseException} with the raw body
 * kept, never in a JSON library exception, {@code NullPointerException}, {@code
 * NumberFormatException} or {@code ClassCastException}.
 */
class WireCodecMalformedInputTest {

  private static final WireCodec CODEC = Fixtures.codec();

  private static final String VALID_TASK =
      "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"completed\","
          + "\"result\":{\"images\":[{\"url\":\"https://x.example/a.png\"}]}}}";

  private static Named<byte[]> text(String name, String body) {
    return Named.of(name, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Named<byte[]> raw(String name, byte[] body) {
    return Named.of(name, body);
  }

  /** Bodies that no decoder can accept. */
  static List<Named<byte[]>> brokenForEveryDecoder() {
    List<Named<byte[]>> cases = new ArrayList<>();
    cases.add(raw("empty body", new byte[0]));
    cases.add(text("only whitespace", " \n\t "));
    cases.add(text("null", "null"));
    cases.add(text("true", "true"));
    cases.add(text("number", "42"));
    cases.add(text("string", "\"hello\""));
    cases.add(text("array instead of object", "[{\"code\":200}]"));
    cases.add(text("empty array", "[]"));
    cases.add(text("empty object", "{}"));
    cases.add(text("truncated object", VALID_TASK.substring(0, VALID_TASK.length() / 2)));
    cases.add(text("missing closing brace", "{\"code\":200,\"data\":{}"));
    cases.add(text("trailing garbage", "{\"code\":200} xyz"));
    cases.add(text("two documents", "{\"code\":200}{\"code\":200}"));
    cases.add(text("single quotes", "{'code':200}"));
    cases.add(text("unquoted names", "{code:200}"));
    cases.add(text("trailing comma", "{\"code\":200,}"));
    cases.add(text("comment", "/* c */ {\"code\":200}"));
    cases.add(text("NaN literal", "{\"code\":NaN}"));
    cases.add(text("leading zeros", "{\"code\":0200}"));
    cases.add(text("control character in string", "{\"data\":\"a\u0001b\"}"));
    cases.add(text("bad escape", "{\"data\":\"\\x41\"}"));
    cases.add(text("html page", "<html><body>Bad Gateway</body></html>"));
    cases.add(text("plain text", "Internal error"));
    cases.add(text("deeply nested arrays", "[".repeat(10_000) + "]".repeat(10_000)));
    cases.add(text("deeply nested objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
    cases.add(text("unterminated deep nesting", "{\"data\":" + "[".repeat(100_000)));
    cases.add(text("huge number", "{\"code\":" + "9".repeat(5_000) + "}"));
    cases.add(text("huge string", "{\"data\":\"" + "x".repeat(2 << 20) + "\"}"));
    cases.add(
        raw(
            "invalid UTF-8",
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
    cases.add(
        raw("lone continuation byte", new byte[] {'{', '"', (byte) 0x80, '"', ':', '1', '}'}));
    cases.add(raw("UTF-16 bytes", "{\"code\":200}".getBytes(StandardCharsets.UTF_16LE)));
    cases.add(raw("binary noise", new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 3}));
    cases.add(text("data is a string", "{\"code\":200,\"data\":\"oops\"}"));
    cases.add(text("data is a number", "{\"code\":200,\"data\":5}"));
    cases.add(text("data is null", "{\"code\":200,\"data\":null}"));
    cases.add(text("data is an array of strings", "{\"code\":200,\"data\":[\"x\"]}"));
    cases.add(text("data is an empty object", "{\"code\":200,\"data\":{}}"));
    return cases;
  }

  /** Bodies that are valid JSON objects but not a usable task. */
  static List<Named<byte[]>> brokenTasks() {
    List<Named<byte[]>> cases = new ArrayList<>();
    cases.add(text("id missing", "{\"data\":{\"status\":\"pending\"}}"));
    cases.add(text("id is a number", "{\"data\":{\"id\":12,\"status\":\"pending\"}}"));
    cases.add(text("id is blank", "{\"data\":{\"id\":\"  \",\"status\":\"pending\"}}"));
    cases.add(text("id is null", "{\"data\":{\"id\":null,\"status\":\"pending\"}}"));
    cases.add(text("id is an object", "{\"data\":{\"id\":{},\"status\":\"pending\"}}"));
    cases.add(text("id has a slash", "{\"data\":{\"id\":\"a/b\",\"status\":\"pending\"}}"));
    cases.add(
        text(
            "id too long",
            "{\"data\":{\"id\":\"" + "a".repeat(129) + "\",\"status\":\"pending\"}}"));
    cases.add(text("status missing", "{\"data\":{\"id\":\"t\"}}"));
    cases.add(text("status is a number", "{\"data\":{\"id\":\"t\",\"status\":3}}"));
    cases.add(text("status is blank", "{\"data\":{\"id\":\"t\",\"status\":\"\"}}"));
    cases.add(text("status is an array", "{\"data\":{\"id\":\"t\",\"status\":[\"completed\"]}}"));
    cases.add(
        text(
            "two tasks in data",
            "{\"data\":[{\"id\":\"a\",\"status\":\"pending\"},{\"id\":\"b\",\"status\":\"pending\"}]}"));
    cases.add(text("relative image url", imageTask("\"/images/a.png\"")));
    cases.add(text("protocol-relative image url", imageTask("\"//cdn.example/a.png\"")));
    cases.add(text("ftp image url", imageTask("\"ftp://cdn.example/a.png\"")));
    cases.add(text("data uri image", imageTask("\"data:image/png;base64,AAAA\"")));
    cases.add(text("javascript image url", imageTask("\"javascript:alert(1)\"")));
    cases.add(text("file image url", imageTask("\"file:///etc/passwd\"")));
    cases.add(text("image url with spaces", imageTask("\"https://cdn.example/a b.png\"")));
    cases.add(text("image url without host", imageTask("\"https:///a.png\"")));
    cases.add(text("image url is a number", imageTask("42")));
    cases.add(text("image url is an object", imageTask("{\"href\":\"https://x.example\"}")));
    cases.add(
        text("image url array holds a number", imageTask("[\"https://x.example/a.png\", 7]")));
    cases.add(
        text(
            "image url array holds a relative url",
            imageTask("[\"https://x.example/a.png\", \"b.png\"]")));
    return cases;
  }

  private static String imageTask(String url) {
    return "{\"data\":{\"id\":\"t\",\"status\":\"completed\",\"result\":{\"images\":[{\"url\":"
        + url
        + "}]}}}";
  }

  /** Bodies that are valid JSON objects but not a usable submission answer. */
  static List<Named<byte[]>> brokenSubmissions() {
    return List.of(
        text("task_id missing", "{\"code\":200,\"data\":[{\"status\":\"submitted\"}]}"),
        text("task_id is a number", "{\"code\":200,\"data\":[{\"task_id\":123}]}"),
        text("task_id is null", "{\"code\":200,\"data\":[{\"task_id\":null}]}"),
        text("task_id has a query", "{\"code\":200,\"data\":[{\"task_id\":\"t?x=1\"}]}"),
        text("task_id has a newline", "{\"code\":200,\"data\":[{\"task_id\":\"t\\nHost: evil\"}]}"),
        text("data is an empty array", "{\"code\":200,\"data\":[]}"),
        text("data holds an array", "{\"code\":200,\"data\":[[\"task_x\"]]}"));
  }

  /** Bodies that are valid JSON objects but not a usable balance. */
  static List<Named<byte[]>> brokenBalances() {
    return List.of(
        text("amounts missing", "{\"success\":true}"),
        text(
            "used_balance is text",
            "{\"success\":true,\"remain_balance\":1,\"used_balance\":\"lots\"}"),
        text("remain_balance missing", "{\"success\":true,\"used_balance\":1}"),
        text(
            "remain_balance is an object",
            "{\"success\":true,\"remain_balance\":{},\"used_balance\":1}"),
        text(
            "remain_balance is NaN text",
            "{\"success\":true,\"remain_balance\":\"NaN\",\"used_balance\":1}"),
        text(
            "remain_balance is Infinity text",
            "{\"success\":true,\"remain_balance\":\"Infinity\",\"used_balance\":1}"),
        text(
            "amount is a huge numeric string",
            "{\"success\":true,\"remain_balance\":\"" + "9".repeat(500) + "\",\"used_balance\":1}"),
        text(
            "remain_balance is null",
            "{\"success\":true,\"remain_balance\":null,\"used_balance\":0}"));
  }

  static Stream<Arguments> everyDecoderWithEveryBrokenBody() {
    List<Named<Function<byte[], Object>>> decoders =
        List.of(
            Named.of("decodeTask", b -> CODEC.decodeTask(200, NO_HEADERS, b)),
            Named.of("decodeSubmission", b -> CODEC.decodeSubmission(200, NO_HEADERS, b)),
            Named.of("decodeBalance", b -> CODEC.decodeBalance(200, NO_HEADERS, b)));
    return decoders.stream()
        .flatMap(d -> brokenForEveryDecoder().stream().map(body -> Arguments.of(d, body)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyDecoderWithEveryBrokenBody")
  void endsInUnexpectedResponseForEveryDecoder(Function<byte[], Object> decoder, byte[] body) {
    assertUnexpected(catchThrowable(() -> decoder.apply(body)), body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTasks")
  void endsInUnexpectedResponseForAnUnusableTask(byte[] body) {
    assertUnexpected(catchThrowable(() -> CODEC.decodeTask(200, NO_HEADERS, body)), body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSubmissions")
  void endsInUnexpectedResponseForAnUnusableSubmission(byte[] body) {
    assertUnexpected(catchThrowable(() -> CODEC.decodeSubmission(200, NO_HEADERS, body)), body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBalances")
  void endsInUnexpectedResponseForAnUnusableBalance(byte[] body) {
    assertUnexpected(catchThrowable(() -> CODEC.decodeBalance(200, NO_HEADERS, body)), body);
  }

  static Stream<Named<byte[]>> everyBrokenBody() {
    return Stream.of(brokenForEveryDecoder(), brokenTasks(), brokenSubmissions(), brokenBalances())
        .flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyBrokenBody")
  void errorMappingNeverFailsOnABrokenBody(byte[] body) {
    ApiMartException e = CODEC.errorFor(500, NO_HEADERS, body);

    assertThat(e.httpStatus()).hasValue(500);
    assertThat(e.getMessage()).contains("HTTP 500").hasSizeLessThan(1_000);
  }

  /** Defects inside an otherwise valid task, so that only the JSON reader can catch them. */
  static List<Named<byte[]>> syntaxDefectsInsideAValidTask() {
    byte[] prefix =
        "{\"data\":{\"id\":\"t\",\"status\":\"pending\",\"x\":".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "}}".getBytes(StandardCharsets.UTF_8);
    List<Named<byte[]>> cases = new ArrayList<>();
    cases.add(
        raw(
            "invalid UTF-8 in a string",
            join(prefix, new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}, suffix)));
    cases.add(
        raw(
            "overlong UTF-8 encoding",
            join(prefix, new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, suffix)));
    cases.add(
        raw(
            "truncated UTF-8 sequence",
            join(prefix, new byte[] {'"', (byte) 0xE6, (byte) 0xB0, '"'}, suffix)));
    cases.add(
        text(
            "nesting deeper than allowed",
            new String(prefix, StandardCharsets.UTF_8) + "[".repeat(200) + "]".repeat(200) + "}}"));
    cases.add(
        text(
            "number longer than allowed",
            new String(prefix, StandardCharsets.UTF_8) + "1".repeat(1_000) + "}}"));
    cases.add(
        text(
            "string longer than allowed",
            new String(prefix, StandardCharsets.UTF_8)
                + "\""
                + "y".repeat((1 << 20) + 10)
                + "\"}}"));
    cases.add(
        text(
            "property name longer than allowed",
            "{\"data\":{\"id\":\"t\",\"status\":\"pending\",\"" + "n".repeat(5_000) + "\":1}}"));
    cases.add(text("trailing garbage after the task", VALID_TASK + " ]"));
    cases.add(text("duplicate comma", "{\"data\":{\"id\":\"t\",,\"status\":\"pending\"}}"));
    return cases;
  }

  private static byte[] join(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("syntaxDefectsInsideAValidTask")
  void reportsAJsonSyntaxDefectWithItsCause(byte[] body) {
    Throwable thrown = catchThrowable(() -> CODEC.decodeTask(200, NO_HEADERS, body));

    assertUnexpected(thrown, body);
    assertThat(thrown).hasMessageContaining("not valid JSON");
    assertThat(thrown.getCause()).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void theValidTaskUsedAboveIsReallyValid() {
    assertThat(
            CODEC.decodeTask(200, NO_HEADERS, VALID_TASK.getBytes(StandardCharsets.UTF_8)).images())
        .hasSize(1);
    assertThat(
            CODEC
                .decodeTask(
                    200,
                    NO_HEADERS,
                    "{\"data\":{\"id\":\"t\",\"status\":\"pending\",\"x\":[[[1]]]}}"
                        .getBytes(StandardCharsets.UTF_8))
                .id()
                .value())
        .isEqualTo("t");
  }

  private static void assertUnexpected(Throwable thrown, byte[] body) {
    assertThat(thrown)
        .as("a broken body must end in UnexpectedResponseException")
        .isInstanceOf(UnexpectedResponseException.class);
    UnexpectedResponseException e = (UnexpectedResponseException) thrown;
    assertThat(e.getMessage()).startsWith("ApiMart's answer to ").contains("HTTP 200");
    assertThat(e.httpStatus()).hasValue(200);
    if (body.length > 0) {
      assertThat(e.rawBody()).isPresent();
    }
  }
}
