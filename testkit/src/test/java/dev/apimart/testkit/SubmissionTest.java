package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubmissionTest {

  private final FakeApiMart fake = FakeApiMart.start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  /** The request bodies of the seed documents' examples, unchanged. */
  private static final List<String> SEED_EXAMPLES =
      List.of(
          """
          {
            "model": "z-image-turbo",
            "prompt": "Ink painting style landscape scenery"
          }""",
          """
          {
            "model": "z-image-turbo",
            "prompt": "Minimalist style cafe interior design",
            "size": "16:9",
            "resolution": "2K"
          }""",
          """
          {
            "model": "z-image-turbo",
            "prompt": "A cat",
            "prompt_extend": true
          }""",
          """
          {
            "model": "qwen-image-2.0",
            "prompt": "A cute orange cat napping in the sunshine"
          }""",
          """
          {
            "model": "qwen-image-2.0-pro",
            "prompt": "Cyberpunk-style futuristic city nightscape with flickering neon lights",
            "size": "16:9",
            "n": 4
          }""",
          """
          {
            "model": "qwen-image-2.0-pro",
            "prompt": "Exquisite food photography, sushi platter",
            "size": "4:3",
            "resolution": "2K",
            "n": 2
          }""",
          """
          {
            "model": "qwen-image-2.0",
            "prompt": "Change the background to a seaside sunset",
            "image_urls": ["https://example.com/my-photo.jpg"]
          }""");

  @Test
  void acceptsEverySeedExampleWithTheDocumentedAnswer() {
    for (String body : SEED_EXAMPLES) {
      Http.Answer answer = http.submit(body);

      assertThat(answer.status()).as(body).isEqualTo(200);
      JsonNode json = answer.json();
      assertThat(json.propertyNames()).containsExactlyInAnyOrder("code", "data");
      assertThat(json.path("code").asInt()).isEqualTo(200);
      assertThat(json.path("data").size()).isEqualTo(1);
      JsonNode entry = json.path("data").path(0);
      assertThat(entry.path("status").asString()).isEqualTo("submitted");
      assertThat(entry.path("task_id").asString()).matches("task_[0-9A-HJKMNP-TV-Z]{26}");
    }
    assertThat(fake.tasks()).hasSize(SEED_EXAMPLES.size());
  }

  @Test
  void taskIdsAreUnique() {
    List<String> ids =
        IntStream.range(0, 50)
            .mapToObj(i -> http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"p" + i + "\"}"))
            .toList();

    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void keepsTheRequestedModelPromptCountAndPixelSize() {
    String id =
        http.submitOk(
            "{\"model\":\"qwen-image-2.0-pro\",\"prompt\":\"一只猫\",\"size\":\"3:2\","
                + "\"resolution\":\"2K\",\"n\":3}");

    FakeTask task = fake.task(id).orElseThrow();
    assertThat(task.model()).isEqualTo("qwen-image-2.0-pro");
    assertThat(task.prompt()).isEqualTo("一只猫");
    assertThat(task.imageCount()).isEqualTo(3);
    assertThat(task.pixelSize().width()).isEqualTo(2048);
    assertThat(task.pixelSize().height()).isEqualTo(1360);
  }

  @Test
  void sizeAloneMeansThe1kTier() {
    String id = http.submitOk("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"size\":\"16:9\"}");

    assertThat(fake.task(id).orElseThrow().pixelSize()).hasToString("1280x720");
  }

  @Test
  void nullOptionalFieldsCountAsAbsent() {
    Http.Answer answer =
        http.submit(
            "{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"size\":null,\"resolution\":null,"
                + "\"n\":null,\"negative_prompt\":null,\"image_urls\":null}");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
  }

  @Test
  void explicitSingleImageIsAcceptedForZImageTurbo() {
    assertThat(http.submit("{\"model\":\"z-image-turbo\",\"prompt\":\"x\",\"n\":1}").status())
        .isEqualTo(200);
  }

  @Test
  void promptOf800ChineseCharactersIsAcceptedAnd801AreNot() {
    String ok = "猫".repeat(800);
    String tooLong = "猫".repeat(801);

    assertThat(http.submit(body("z-image-turbo", ok)).status()).isEqualTo(200);
    Http.Answer refused = http.submit(body("z-image-turbo", tooLong));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorMessage()).contains("prompt is 801 characters long; at most 800");
  }

  @Test
  void promptLengthCountsCodePointsNotUtf16Units() {
    String emoji = "🐱".repeat(800);

    assertThat(http.submit(body("z-image-turbo", emoji)).status()).isEqualTo(200);
  }

  @Test
  void reportsEveryProblemAtOnceInTheServiceEnvelope() {
    Http.Answer answer =
        http.submit(
            "{\"model\":\"z-image-turbo\",\"prompt\":\" \",\"size\":\"5:4\",\"resolution\":\"4K\","
                + "\"n\":4,\"negative_prompt\":\"blur\",\"image_urls\":[\"https://a.example/x.png\"]}");

    assertThat(answer.status()).isEqualTo(400);
    JsonNode error = answer.json().path("error");
    assertThat(answer.json().propertyNames()).containsExactly("error");
    assertThat(error.path("code").asInt()).isEqualTo(400);
    assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asString())
        .startsWith("Invalid request: ")
        .contains("prompt must not be blank")
        .contains("size '5:4' is not supported: use one of 1:1, 4:3, 3:4, 16:9, 9:16, 3:2, 2:3")
        .contains("resolution '4K' is not supported: use 1K or 2K")
        .contains("z-image-turbo always generates exactly 1 image and does not support n=4")
        .contains("negative_prompt is not supported by z-image-turbo")
        .contains("image_urls (image-to-image) is not supported by z-image-turbo");
    assertThat(fake.tasks()).isEmpty();
  }

  @Test
  void refusesMissingRequiredFields() {
    Http.Answer answer = http.submit("{}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage())
        .contains("model is required: use one of z-image-turbo, qwen-image-2.0, qwen-image-2.0-pro")
        .contains("prompt is required");
  }

  @Test
  void refusesUnknownModelsNamingTheKnownOnes() {
    Http.Answer answer = http.submit(body("dall-e-3", "x"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage())
        .contains("model 'dall-e-3' does not exist")
        .contains("z-image-turbo, qwen-image-2.0, qwen-image-2.0-pro");
  }

  @Test
  void modelNamesAreCaseSensitiveLikeTheServiceRouting() {
    assertThat(http.submit(body("Z-Image-Turbo", "x")).status()).isEqualTo(400);
  }

  @Test
  void refusesWrongTypesSayingWhatWasGiven() {
    Http.Answer answer =
        http.submit(
            "{\"model\":7,\"prompt\":[\"a\"],\"n\":\"2\",\"prompt_extend\":\"true\","
                + "\"image_urls\":\"https://a.example/x.png\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage())
        .contains("model must be a string, got an integer")
        .contains("prompt must be a string, got an array")
        .contains("n must be an integer from 1 to 6, got a string")
        .contains("prompt_extend must be true or false, got a string")
        .contains("image_urls must be an array of URL strings, got a string");
  }

  @Test
  void refusesCountsOutsideOneToSix() {
    for (String n : List.of("0", "7", "-1", "99999999999", "2.5")) {
      Http.Answer answer =
          http.submit("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"n\":" + n + "}");
      assertThat(answer.status()).as("n=%s", n).isEqualTo(400);
      assertThat(answer.errorMessage()).as("n=%s", n).contains("n must");
    }
  }

  @Test
  void refusesNegativePromptsOver500Characters() {
    Http.Answer answer =
        http.submit(
            "{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"negative_prompt\":\""
                + "模".repeat(501)
                + "\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage())
        .contains("negative_prompt is 501 characters long; at most 500");
  }

  @Test
  void refusesPromptExtendForQwenButAcceptsFalse() {
    Http.Answer on =
        http.submit("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"prompt_extend\":true}");
    Http.Answer off =
        http.submit("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"prompt_extend\":false}");

    assertThat(on.status()).isEqualTo(400);
    assertThat(on.errorMessage()).contains("prompt_extend is not supported by qwen-image-2.0");
    assertThat(off.status()).isEqualTo(200);
  }

  @Test
  void refusesReferenceImagesTheServiceCannotFetch() {
    List<String> bad =
        List.of(
            "data:image/png;base64,iVBORw0KGgo=",
            "ftp://example.com/a.png",
            "http://localhost/a.png",
            "http://127.0.0.1/a.png",
            "http://10.1.2.3/a.png",
            "http://192.168.0.10/a.png",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/a.png",
            "http://fileserver/a.png",
            "https://printer.local/a.png",
            "not a url",
            "");
    for (String url : bad) {
      Http.Answer answer =
          http.submit(
              "{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"image_urls\":[\"" + url + "\"]}");
      assertThat(answer.status()).as(url).isEqualTo(400);
      assertThat(answer.errorMessage()).as(url).contains("image_urls[0] ");
    }
  }

  @Test
  void acceptsUpToThreePublicReferenceImages() {
    String three =
        IntStream.range(0, 3)
            .mapToObj(i -> "\"https://cdn.example.com/" + i + ".jpg\"")
            .collect(Collectors.joining(","));
    String four = three + ",\"https://cdn.example.com/3.jpg\"";

    assertThat(
            http.submit(
                    "{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"image_urls\":["
                        + three
                        + "]}")
                .status())
        .isEqualTo(200);
    Http.Answer refused =
        http.submit(
            "{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"image_urls\":[" + four + "]}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorMessage())
        .contains("image_urls takes at most 3 reference images, got 4");
  }

  @Test
  void strictModeRefusesUndocumentedFieldsAndLenientModeIgnoresThem() {
    String body = "{\"model\":\"z-image-turbo\",\"prompt\":\"x\",\"negativePrompt\":\"blur\"}";
    Http.Answer strict = http.submit(body);

    assertThat(strict.status()).isEqualTo(400);
    assertThat(strict.errorMessage()).contains("unknown field 'negativePrompt'");
    try (FakeApiMart lenient = FakeApiMart.builder().strict(false).start()) {
      assertThat(new Http(lenient).submit(body).status()).isEqualTo(200);
    }
  }

  @Test
  void strictModeWantsAJsonContentType() {
    HttpRequest request =
        http.request("/v1/images/generations")
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body("z-image-turbo", "x")))
            .build();

    Http.Answer answer = Http.send(request);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage())
        .isEqualTo("Content-Type must be application/json, got 'text/plain'");
  }

  @Test
  void malformedJsonIsAClear400() {
    for (String body :
        List.of("{\"model\":", "not json", "{\"model\":\"x\"} trailing", "[]", "42")) {
      Http.Answer answer = http.submit(body);
      assertThat(answer.status()).as(body).isEqualTo(400);
      assertThat(answer.json().path("error").path("type").asString())
          .isEqualTo("invalid_request_error");
      assertThat(answer.errorMessage())
          .as(body)
          .containsAnyOf("not valid JSON", "must be a JSON object");
    }
  }

  @Test
  void duplicateKeysAreRefused() {
    Http.Answer answer =
        http.submit("{\"model\":\"z-image-turbo\",\"prompt\":\"a\",\"prompt\":\"b\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage()).contains("Duplicate").contains("prompt");
  }

  @Test
  void emptyBodyIsRefusedWithAHint() {
    Http.Answer answer = http.submit("");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorMessage())
        .contains("request body is empty: send a JSON object with at least model and prompt");
  }

  @Test
  void oversizedBodiesGet413InTheEnvelope() {
    String huge = "{\"model\":\"z-image-turbo\",\"prompt\":\"" + "x".repeat(1_100_000) + "\"}";

    Http.Answer answer = http.submit(huge);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().path("error").path("code").asInt()).isEqualTo(413);
    assertThat(answer.errorMessage()).contains("larger than 1048576 bytes");
    assertThat(fake.journal().submissions().get(0).bodyLength()).isEqualTo(huge.length());
  }

  @Test
  void garbageNeverCrashesTheFakeNorLeaksAStackTrace() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    List<byte[]> bodies =
        List.of(
            garbage,
            "[".repeat(5000).getBytes(StandardCharsets.US_ASCII),
            ("{\"n\":1" + "0".repeat(500) + "}").getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
    for (byte[] body : bodies) {
      Http.Answer answer =
          Http.send(
              http.request("/v1/images/generations")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build());
      assertThat(answer.status()).isBetween(400, 499);
      assertThat(answer.json().path("error").path("message").asString()).isNotBlank();
      assertThat(answer.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(http.get("/v1/balance").status()).isEqualTo(200);
  }

  private static String body(String model, String prompt) {
    return "{\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\"}";
  }
}
