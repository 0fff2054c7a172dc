package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The wider catalog: every model served, pixel sizes, validation, models added on the builder. */
class CatalogModelsTest {

  private final FakeApiMart fake = FakeApiMart.start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void servesEveryModelOfTheDefaultCatalogSeedModelsFirst() {
    List<String> catalog = ModelCatalog.defaults().models().stream().map(ImageModel::id).toList();

    assertThat(fake.models()).containsExactlyElementsOf(catalog);
    assertThat(fake.models())
        .startsWith("z-image-turbo", "qwen-image-2.0", "qwen-image-2.0-pro")
        .contains("gpt-image-2", "gemini-3-pro-image-preview", "flux-2-pro", "wan2.7-image");
    for (String model : catalog) {
      String id = http.submitOk("{\"model\":\"" + model + "\",\"prompt\":\"a red fox\"}");
      FakeTask task = fake.completeNow(id);
      assertThat(task.model()).isEqualTo(model);
      Http.Answer png = http.getUrl(task.imageUrls().get(0));
      assertThat(png.status()).as(model).isEqualTo(200);
      assertThat(width(png.body())).as(model).isEqualTo(task.pixelSize().width());
      assertThat(height(png.body())).as(model).isEqualTo(task.pixelSize().height());
    }
  }

  @Test
  void documentedTableRowsWin() {
    assertThat(sizeOf("gpt-image-2", "\"size\":\"16:9\",\"resolution\":\"2k\""))
        .isEqualTo(new PixelSize(2048, 1152));
    assertThat(sizeOf("gpt-image-2", "\"size\":\"1:1\",\"resolution\":\"4k\""))
        .isEqualTo(new PixelSize(2880, 2880));
    assertThat(sizeOf("doubao-seedream-4-5", "\"size\":\"16:9\",\"resolution\":\"4K\""))
        .isEqualTo(new PixelSize(5404, 3040));
    assertThat(sizeOf("doubao-seedream-5-0-lite", "\"size\":\"16:9\""))
        .as("the default tier is 2K")
        .isEqualTo(new PixelSize(2848, 1600));
  }

  @Test
  void aComputedSizeStaysInsideTheModelsPixelCap() {
    // Uncapped, 4K at 4:1 would be 8192x2048 (16.8 million pixels).
    try (FakeApiMart custom =
        FakeApiMart.builder()
            .model(
                dev.apimart.core.model.ModelCapabilities.builder(ImageModel.of("capped-model"))
                    .sizes("4:1")
                    .pixelSizes(dev.apimart.core.model.PixelRange.of(16, 3840, 4_000_000L))
                    .tiers("4K")
                    .build())
            .start()) {
      String id =
          new Http(custom)
              .submitOk(
                  "{\"model\":\"capped-model\",\"prompt\":\"x\",\"size\":\"4:1\","
                      + "\"resolution\":\"4K\"}");
      PixelSize made = custom.completeNow(id).pixelSize();
      assertThat(made.width()).isLessThanOrEqualTo(3840);
      assertThat(made.pixels()).isLessThanOrEqualTo(4_000_000L);
      assertThat((double) made.width() / made.height()).isCloseTo(4.0, within(0.05));
    }
  }

  @Test
  void anUnknownModelIsRefusedUnlessTheFakeServesAnyModel() {
    String body = "{\"model\":\"acme-x\",\"prompt\":\"x\",\"style\":\"vivid\"}";
    assertThat(http.submit(body).status()).isEqualTo(400);

    try (FakeApiMart any = FakeApiMart.builder().anyModel(true).start()) {
      String id = new Http(any).submitOk(body);
      FakeTask task = any.completeNow(id);
      assertThat(task.model()).isEqualTo("acme-x");
      assertThat(task.pixelSize()).isEqualTo(px(1024, 1024));
      assertThat(any.journal().submissions().get(0).jsonBody()).containsEntry("style", "vivid");
    }
  }

  @Test
  void explicitPixelSizesAreServedAsGiven() {
    assertThat(sizeOf("gpt-image-2", "\"size\":\"1881x836\"")).isEqualTo(new PixelSize(1881, 836));
  }

  @Test
  void withoutATableRowSizesAreComputedFromRatioAndTier() {
    assertThat(sizeOf("imagen-4.0-apimart", "")).as("default 16:9, 1K").isEqualTo(px(1360, 768));
    assertThat(sizeOf("gemini-3.1-flash-image-preview", "\"size\":\"8:1\",\"resolution\":\"0.5K\""))
        .isEqualTo(px(1456, 176));
    assertThat(sizeOf("gemini-3-pro-image-preview", "\"size\":\"21:9\",\"resolution\":\"4K\""))
        .isEqualTo(px(6256, 2688));
    assertThat(sizeOf("gemini-3-pro-image-preview", "\"size\":\"5:4\"")).isEqualTo(px(1152, 912));
    assertThat(sizeOf("doubao-seedream-5-0-lite", "\"size\":\"4:3\",\"resolution\":\"3K\""))
        .isEqualTo(px(3552, 2656));
    assertThat(sizeOf("wan2.7-image", "\"resolution\":\"2K\"")).isEqualTo(px(2048, 2048));
  }

  @Test
  void autoStandsForTheDefaultRatio() {
    assertThat(sizeOf("gemini-3-pro-image-preview", "\"size\":\"auto\"")).isEqualTo(px(1024, 1024));
    assertThat(sizeOf("gemini-3-pro-image-preview", "\"size\":\"auto\",\"resolution\":\"2K\""))
        .isEqualTo(px(2048, 2048));
  }

  @Test
  void tiersAreReadOnlyInTheirDocumentedSpelling() {
    assertThat(http.submit(body("gpt-image-2", "\"resolution\":\"1k\"")).status()).isEqualTo(200);
    assertThat(http.submit(body("gpt-image-2", "\"resolution\":\"1K\"")).status()).isEqualTo(400);
    assertThat(http.submit(body("flux-2-pro", "\"resolution\":\"2K\"")).status()).isEqualTo(200);
    assertThat(http.submit(body("flux-2-pro", "\"resolution\":\"2k\"")).status()).isEqualTo(400);

    Http.Answer seed = http.submit(body("qwen-image-2.0", "\"resolution\":\"2k\""));
    assertThat(seed.status()).isEqualTo(400);
    assertThat(seed.errorMessage()).contains("resolution '2k' is not supported: use 1K or 2K");
  }

  @Test
  void refusesWhatANonSeedModelsEntryRulesOutInTheServicesTerseStyle() {
    Http.Answer answer =
        http.submit(
            body(
                "gpt-4o-image",
                "\"size\":\"16:9\",\"n\":3,\"prompt_extend\":\"yes\",\"image_urls\":[\"ftp://x.example/a.png\"]"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").path("type").asString())
        .isEqualTo("invalid_request_error");
    assertThat(answer.errorMessage())
        .startsWith("Invalid request: ")
        .contains("invalid size: 16:9, allowed: 1:1, 2:3, 3:2")
        .contains("invalid n: 3, allowed: 1, 2, 4")
        .contains("prompt_extend must be true or false, got a string")
        .contains("image_urls[0] must be an http or https URL");
    assertThat(http.submit(body("gpt-image-2", "\"resolution\":\"8k\"")).errorMessage())
        .contains("invalid resolution: 8k, allowed: 1k, 2k, 4k");
    assertThat(http.submit(body("gpt-image-2", "\"size\":\"9000x10\"")).errorMessage())
        .contains("invalid size: 9000x10, allowed: auto, 1:1,")
        .contains("WxH pixels, 1..3840 px per side, at most 8294400 px");
    assertThat(http.submit(body("flux-2-flex", "\"size\":\"21:9\"")).status()).isEqualTo(400);
    assertThat(
            http.submit(body("imagen-4.0-apimart", "\"image_urls\":[\"https://a.example/x.png\"]"))
                .errorMessage())
        .contains("image_urls (image-to-image) is not supported by imagen-4.0-apimart");
    assertThat(fake.tasks()).isEmpty();
  }

  @Test
  void canRefuseNonSeedModelsAsTheServicesBuildRequestFailed500() {
    try (FakeApiMart serviceLike =
        FakeApiMart.builder().refusalStyle(RefusalStyle.BUILD_REQUEST_FAILED).start()) {
      Http http = new Http(serviceLike);

      Http.Answer nonSeed = http.submit(body("gpt-image-2", "\"size\":\"3:5\""));
      Http.Answer seed = http.submit(body("z-image-turbo", "\"size\":\"3:5\""));

      assertThat(nonSeed.status()).isEqualTo(500);
      assertThat(nonSeed.errorMessage())
          .startsWith("build_request_failed: invalid size: 3:5, allowed: auto, 1:1, 3:2");
      assertThat(seed.status()).as("seed models keep their documented 400").isEqualTo(400);
      assertThat(serviceLike.tasks()).isEmpty();
    }
  }

  @Test
  void referenceDataUrisOnlyWhereTheModelTakesThem() {
    String data = "\"image_urls\":[\"data:image/png;base64,iVBORw0KGgo=\"]";

    assertThat(http.submit(body("gemini-3-pro-image-preview", data)).status()).isEqualTo(200);
    Http.Answer qwen = http.submit(body("qwen-image-2.0", data));
    assertThat(qwen.status()).isEqualTo(400);
    assertThat(qwen.errorMessage()).contains("image_urls[0] is a data/base64 image");
  }

  @Test
  void seedreamCountsReferencesAndImagesTogether() {
    StringBuilder urls = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      urls.append(i == 0 ? "" : ",")
          .append("\"https://cdn.example.com/")
          .append(i)
          .append(".png\"");
    }
    String refs = "\"image_urls\":[" + urls + "]";

    assertThat(http.submit(body("doubao-seedream-4-5", refs + ",\"n\":1")).status()).isEqualTo(200);
    assertThat(http.submit(body("doubao-seedream-4-5", refs + ",\"n\":2")).errorMessage())
        .contains("image_urls plus n must be at most 15, got 14 + 2");
  }

  @Test
  void typedOptionsAreCheckedAgainstTheModelsDocumentedValues() {
    Http.Answer ok =
        http.submit(
            body(
                "gpt-image-2-official",
                "\"quality\":\"high\",\"background\":\"transparent\",\"output_format\":\"webp\","
                    + "\"output_compression\":80,\"moderation\":\"low\","
                    + "\"mask_url\":\"https://cdn.example.com/mask.png\","
                    + "\"image_urls\":[\"https://cdn.example.com/a.png\"]"));
    Http.Answer bad =
        http.submit(
            body(
                "gpt-image-2-official",
                "\"quality\":\"ultra\",\"output_compression\":101,\"background\":true"));

    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorMessage())
        .contains("invalid quality: ultra, allowed: auto, low, medium, high")
        .contains("output_compression must be an integer from 0 to 100, got 101")
        .contains("background must be a string, got a boolean");
    assertThat(
            http.submit(
                    body("doubao-seedream-5-0-lite", "\"sequential_image_generation\":\"always\""))
                .errorMessage())
        .contains("invalid sequential_image_generation: always, allowed: disabled, auto");
    assertThat(
            http.submit(body("gemini-3.1-flash-image-preview", "\"google_search\":true")).status())
        .isEqualTo(200);
  }

  @Test
  void strictModeRefusesATypedOptionTheModelDoesNotTakeAndLenientModeIgnoresIt() {
    String body = body("z-image-turbo", "\"quality\":\"high\"");

    Http.Answer strict = http.submit(body);

    assertThat(strict.status()).isEqualTo(400);
    assertThat(strict.errorMessage()).contains("quality is not supported by z-image-turbo");
    try (FakeApiMart lenient = FakeApiMart.builder().strict(false).start()) {
      assertThat(new Http(lenient).submit(body).status()).isEqualTo(200);
    }
  }

  @Test
  void unknownFieldsAreAcceptedAndKeptUnchangedInTheJournal() {
    String id =
        http.submitOk(
            body(
                "gpt-image-2",
                "\"style\":{\"hdr\":true,\"layers\":[1,2.5,\"x\"]},\"user_tag\":\"abc\","
                    + "\"nsfw_check\":false"));

    assertThat(fake.task(id)).isPresent();
    Map<String, Object> sent = fake.journal().submissions().get(0).jsonBody();
    assertThat(sent)
        .containsEntry(
            "style", Map.of("hdr", true, "layers", List.of(1, new BigDecimal("2.5"), "x")))
        .containsEntry("user_tag", "abc")
        .containsEntry("nsfw_check", false);
  }

  @Test
  void aModelTheFakeDoesNotKnowIsRefusedUnlessConfigured() {
    Http.Answer unknown = http.submit(body("acme-image-9", ""));

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("model 'acme-image-9' does not exist");
    try (FakeApiMart configured =
        FakeApiMart.builder()
            .model(ModelCapabilities.builder(ImageModel.of("acme-image-9")).build())
            .start()) {
      Http http = new Http(configured);
      String id = http.submitOk(body("acme-image-9", "\"size\":\"3:1\",\"anything\":[1]"));
      JsonNode polled = http.poll(id);

      assertThat(configured.models()).endsWith("acme-image-9");
      assertThat(configured.task(id).orElseThrow().pixelSize()).isEqualTo(px(1776, 592));
      assertThat(polled.path("estimated_time").asLong()).as("non-seed default 30 s").isEqualTo(30);
      configured.completeNow(id);
      assertThat(configured.usedBalance())
          .as("non-seed default price")
          .isEqualByComparingTo("0.05");
    }
  }

  @Test
  void aConfiguredModelGetsTheRulesItsEntrySets() {
    ModelCapabilities acme =
        ModelCapabilities.builder(ImageModel.of("acme-image-9"))
            .sizes("1:1", "16:9")
            .tiers("1K")
            .countRange(1, 2)
            .maxReferenceImages(0)
            .pixelSize("16:9", "1K", 1344, 768)
            .build();
    try (FakeApiMart configured =
        FakeApiMart.builder()
            .model(acme)
            .price(acme.model(), new BigDecimal("0.30"))
            .taskDuration(acme.model(), Duration.ofSeconds(7))
            .start()) {
      Http http = new Http(configured);

      String id = http.submitOk(body("acme-image-9", "\"size\":\"16:9\",\"n\":2"));
      Http.Answer refused = http.submit(body("acme-image-9", "\"size\":\"4:3\",\"n\":3"));

      assertThat(configured.task(id).orElseThrow().pixelSize()).isEqualTo(px(1344, 768));
      assertThat(configured.task(id).orElseThrow().estimatedTime())
          .isEqualTo(Duration.ofSeconds(7));
      assertThat(refused.errorMessage())
          .contains("invalid size: 4:3, allowed: 1:1, 16:9")
          .contains("invalid n: 3, allowed: 1, 2");
      configured.completeNow(id);
      assertThat(configured.usedBalance()).isEqualByComparingTo("0.60");
    }
  }

  @Test
  void aConfiguredEntryReplacesASeedModelsOwnRules() {
    try (FakeApiMart configured =
        FakeApiMart.builder()
            .models(
                ModelCatalog.builder()
                    .update(ImageModel.Z_IMAGE_TURBO, b -> b.countRange(1, 4))
                    .build())
            .start()) {
      Http http = new Http(configured);

      assertThat(http.submit(body("z-image-turbo", "\"n\":4")).status()).isEqualTo(200);
      assertThat(this.http.submit(body("z-image-turbo", "\"n\":4")).status()).isEqualTo(400);
    }
  }

  @Test
  void oneDurationForEveryModelWithoutItsOwn() {
    try (FakeApiMart configured =
        FakeApiMart.builder()
            .taskDuration(Duration.ofSeconds(2))
            .taskDuration(ImageModel.QWEN_IMAGE_2_0, Duration.ofSeconds(9))
            .start()) {
      Http http = new Http(configured);

      String gpt = http.submitOk(body("gpt-image-2", ""));
      String zit = http.submitOk(body("z-image-turbo", ""));
      String qwen = http.submitOk(body("qwen-image-2.0", ""));

      assertThat(configured.task(gpt).orElseThrow().estimatedTime())
          .isEqualTo(Duration.ofSeconds(2));
      assertThat(configured.task(zit).orElseThrow().estimatedTime())
          .isEqualTo(Duration.ofSeconds(2));
      assertThat(configured.task(qwen).orElseThrow().estimatedTime())
          .isEqualTo(Duration.ofSeconds(9));
    }
  }

  private PixelSize sizeOf(String model, String fields) {
    String id = http.submitOk(body(model, fields));
    return fake.task(id).orElseThrow().pixelSize();
  }

  private static PixelSize px(int width, int height) {
    return new PixelSize(width, height);
  }

  private static String body(String model, String fields) {
    return "{\"model\":\""
        + model
        + "\",\"prompt\":\"a red fox\""
        + (fields.isEmpty() ? "" : "," + fields)
        + "}";
  }

  private static int width(byte[] png) {
    return readInt(png, 16);
  }

  private static int height(byte[] png) {
    return readInt(png, 20);
  }

  private static int readInt(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 24)
        | ((b[offset + 1] & 0xff) << 16)
        | ((b[offset + 2] & 0xff) << 8)
        | (b[offset + 3] & 0xff);
  }
}
