package dev.apimart.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.FakeUpload;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model through LangChain4j's own types, against the fake service over real HTTP. */
class ApiMartImageModelTest {

  private FakeApiMart fake;
  private ApiMartClient uploadingClient;

  @BeforeEach
  void start() {
    fake = FakeApiMart.start();
    uploadingClient = PublicUploadUrls.clientBuilder(fake).build();
  }

  @AfterEach
  void stop() {
    uploadingClient.close();
    fake.close();
  }

  /**
   * A model on a client that receives upload URLs on ApiMart's public upload host, as from the real
   * endpoint (see {@link PublicUploadUrls}).
   */
  private ApiMartImageModel.ApiMartImageModelBuilder uploading(String modelName) {
    return ApiMartImageModel.builder().client(uploadingClient).modelName(modelName);
  }

  /** The plain LangChain4j way: base URL, key and model name. */
  private ApiMartImageModel.ApiMartImageModelBuilder builder(String modelName) {
    return ApiMartImageModel.builder()
        .baseUrl(fake.baseUrl().toString())
        .apiKey(fake.apiKey())
        .modelName(modelName)
        .pollingOptions(fake.pollingOptions());
  }

  private Map<String, Object> lastSubmission() {
    List<RecordedRequest> submissions = fake.journal().submissions();
    return submissions.get(submissions.size() - 1).jsonBody();
  }

  @Test
  void twoImagesFromOneTaskWithTheBuilderAlone() {
    try (ApiMartImageModel model = builder("qwen-image-2.0").build()) {
      Response<List<Image>> response =
          model.generate("A cute orange cat napping in the sunshine", 2);

      FakeTask task = fake.lastTask();
      assertThat(fake.journal().submissions()).hasSize(1);
      assertThat(lastSubmission()).containsEntry("model", "qwen-image-2.0").containsEntry("n", 2);
      assertThat(response.content())
          .extracting(Image::url)
          .containsExactlyElementsOf(task.imageUrls());
      assertThat(response.metadata())
          .containsEntry(ApiMartImageModel.TASK_ID, task.id())
          .containsEntry(ApiMartImageModel.MODEL, "qwen-image-2.0")
          .containsEntry(ApiMartImageModel.PIXEL_SIZE, "1024x1024");
      assertThat(response.metadata().get(ApiMartImageModel.EXPIRES_AT)).isInstanceOf(Instant.class);
    }
  }

  @Test
  void sizeAndResolutionOfTheBuilderGoWithEveryRequest() {
    try (ApiMartImageModel model =
        builder("qwen-image-2.0-pro")
            .size("16:9")
            .resolution("2k")
            .negativePrompt("blurry")
            .build()) {
      Response<Image> response = model.generate("A harbour at night");

      assertThat(lastSubmission())
          .containsEntry("size", "16:9")
          .containsEntry("resolution", "2K")
          .containsEntry("negative_prompt", "blurry")
          .doesNotContainKey("n");
      assertThat(response.content().url()).isEqualTo(fake.lastTask().imageUrls().get(0));
      assertThat(response.metadata()).containsEntry(ApiMartImageModel.PIXEL_SIZE, "2048x1152");
    }
  }

  @Test
  void anExistingClientIsUsedAndLeftOpen() {
    try (ApiMartClient client = fake.clientBuilder().build()) {
      ApiMartImageModel model =
          ApiMartImageModel.builder().client(client).modelName("z-image-turbo").build();

      model.generate("a lighthouse");
      model.close();

      assertThat(model.client()).isSameAs(client);
      assertThat(client.balance()).isNotNull();
    }
  }

  @Test
  void moreImagesThanTheModelMakesAreRefusedBeforeTheNetwork() {
    try (ApiMartImageModel model = builder("z-image-turbo").build()) {
      assertThatThrownBy(() -> model.generate("a cat", 2))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("n"));
      assertThat(fake.journal().submissions()).isEmpty();
    }
  }

  @Test
  void aDefaultTheModelRefusesFailsAtBuildTime() {
    assertThatThrownBy(() -> builder("qwen-image-2.0").resolution("4K").size("5:4").build())
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder("size", "resolution"));
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void theModelNameIsRequired() {
    assertThatThrownBy(() -> ApiMartImageModel.builder().apiKey("k").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modelName is required");
  }

  @Test
  void anUnknownResponseFormatIsRefusedAtBuildTime() {
    assertThatThrownBy(() -> builder("qwen-image-2.0").responseFormat("png").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b64_json");
  }

  @Test
  void b64JsonReturnsTheImagesBytes() throws IOException {
    try (ApiMartImageModel model =
        builder("qwen-image-2.0").size("3:4").responseFormat("b64_json").build()) {
      Image image = model.generate("a tall lighthouse").content();

      assertThat(image.url()).isNull();
      assertThat(image.mimeType()).isEqualTo("image/png");
      BufferedImage png =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.base64Data())));
      assertThat(png.getWidth()).isEqualTo(864);
      assertThat(png.getHeight()).isEqualTo(1152);
    }
  }

  @Test
  void editSendsAUrlImageAsAReference() {
    try (ApiMartImageModel model = builder("qwen-image-2.0").build()) {
      Response<Image> response =
          model.edit(
              Image.builder().url("https://example.com/cat.png").build(), "make it a watercolour");

      assertThat(lastSubmission())
          .containsEntry("image_urls", List.of("https://example.com/cat.png"))
          .containsEntry("prompt", "make it a watercolour");
      assertThat(response.metadata())
          .containsEntry(ApiMartImageModel.TASK_ID, fake.lastTask().id());
    }
  }

  @Test
  void editWithAMaskSendsItForAModelThatTakesOne() {
    try (ApiMartImageModel model = builder("gpt-image-2-official").build()) {
      model.edit(
          Image.builder().url("https://example.com/room.png").build(),
          Image.builder().url("https://example.com/mask.png").build(),
          "put a plant by the window");

      assertThat(lastSubmission())
          .containsEntry("image_urls", List.of("https://example.com/room.png"))
          .containsEntry("mask_url", "https://example.com/mask.png");
    }
  }

  @Test
  void aMaskIsRefusedForAModelThatTakesNone() {
    try (ApiMartImageModel model = builder("qwen-image-2.0").build()) {
      assertThatThrownBy(
              () ->
                  model.edit(
                      Image.builder().url("https://example.com/room.png").build(),
                      Image.builder().url("https://example.com/mask.png").build(),
                      "put a plant by the window"))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).contains("mask_url"));
      assertThat(fake.journal().submissions()).isEmpty();
    }
  }

  @Test
  void editIsRefusedForAModelThatTakesNoReferenceImages() {
    try (ApiMartImageModel model = builder("z-image-turbo").build()) {
      assertThatThrownBy(
              () -> model.edit(Image.builder().url("https://example.com/cat.png").build(), "x"))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(fake.journal().submissions()).isEmpty();
    }
  }

  @Test
  void aBase64ImageIsUploadedFirstAndItsUrlSent() throws IOException {
    byte[] png = encoded("png");
    try (ApiMartImageModel model = uploading("qwen-image-2.0").build()) {
      Image image =
          Image.builder()
              .base64Data(Base64.getEncoder().encodeToString(png))
              .mimeType("image/png")
              .build();

      model.edit(image, "make it a watercolour");

      assertThat(fake.uploads())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.sha256()).isEqualTo(sha256(png));
                assertThat(u.contentType()).isEqualTo("image/png");
                assertThat(u.fileName()).isEqualTo("image.png");
              });
      assertThat(lastSubmission())
          .containsEntry(
              "image_urls", List.of(PublicUploadUrls.publicUrl(fake, fake.uploads().get(0))));
      assertThat(fake.journal().requests())
          .extracting(RecordedRequest::route)
          .startsWith(Route.UPLOAD_IMAGE, Route.SUBMIT_GENERATION);
    }
  }

  @Test
  void aFileImageAndADataUrlMaskAreUploadedImageFirst(@TempDir Path dir) throws IOException {
    Path photo = dir.resolve("room.jpg");
    Files.write(photo, encoded("jpg"));
    byte[] mask = encoded("png");
    try (ApiMartImageModel model = uploading("gpt-image-2-official").build()) {
      model.edit(
          Image.builder().url(photo.toUri()).build(),
          Image.builder()
              .base64Data("data:image/png;base64," + Base64.getEncoder().encodeToString(mask))
              .build(),
          "add a sofa where the mask is transparent");

      List<FakeUpload> uploads = fake.uploads();
      assertThat(uploads).hasSize(2);
      assertThat(uploads.get(0).sha256()).isEqualTo(sha256(Files.readAllBytes(photo)));
      assertThat(uploads.get(0).fileName()).isEqualTo("room.jpg");
      assertThat(uploads.get(1).sha256()).isEqualTo(sha256(mask));
      assertThat(uploads.get(1).contentType()).isEqualTo("image/png");
      assertThat(lastSubmission())
          .containsEntry("image_urls", List.of(PublicUploadUrls.publicUrl(fake, uploads.get(0))))
          .containsEntry("mask_url", PublicUploadUrls.publicUrl(fake, uploads.get(1)));
      assertThat(fake.journal().submissions()).hasSize(1);
    }
  }

  @Test
  void aModelWithoutReferencesRefusesEditBeforeAnyUpload() throws IOException {
    try (ApiMartImageModel model = uploading("z-image-turbo").build()) {
      Image image =
          Image.builder()
              .base64Data(Base64.getEncoder().encodeToString(encoded("png")))
              .mimeType("image/png")
              .build();

      assertThatThrownBy(() -> model.edit(image, "make it a watercolour"))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.violations()).extracting(Violation::field).contains("image_urls"));
      assertThatThrownBy(
              () ->
                  model.edit(
                      Image.builder().base64Data("bm90IGFuIGltYWdl").mimeType("image/png").build(),
                      "x"))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(Violation::field)
                      .containsExactlyInAnyOrder("image_urls[0]", "image_urls"));
      assertThat(fake.journal().requests()).isEmpty();
    }
  }

  @Test
  void badImagesAreAllReportedAndNothingIsUploaded(@TempDir Path dir) throws IOException {
    byte[] png = encoded("png");
    Path missing = dir.resolve("missing.png");
    Path text = dir.resolve("notes.png");
    Files.writeString(text, "not an image");
    Image good = Image.builder().url(dir.resolve("good.png").toUri()).build();
    Files.write(dir.resolve("good.png"), png);
    Image mislabelled =
        Image.builder()
            .base64Data(Base64.getEncoder().encodeToString(png))
            .mimeType("image/jpeg")
            .build();
    try (ApiMartImageModel model = uploading("gpt-image-2-official").build()) {
      assertThatThrownBy(
              () ->
                  model.edit(
                      Image.builder().url(missing.toUri()).build(),
                      Image.builder().url(text.toUri()).build(),
                      "x"))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> {
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("image_urls[0]", "mask_url");
                assertThat(e.violations().get(0).message()).contains("not a file");
                assertThat(e.violations().get(1).message())
                    .contains("not a JPEG, PNG, WebP or GIF");
              });
      // A good image with a bad mask: the image is not uploaded either.
      assertThatThrownBy(() -> model.edit(good, mislabelled, "x"))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e ->
                  assertThat(e.violations())
                      .singleElement()
                      .satisfies(
                          v -> {
                            assertThat(v.field()).isEqualTo("mask_url");
                            assertThat(v.message())
                                .contains("declared image/jpeg but its bytes are image/png");
                          }));
      assertThatThrownBy(
              () ->
                  model.edit(
                      Image.builder().base64Data("not base64!").mimeType("image/png").build(), "x"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("not valid Base64");
      assertThat(fake.journal().requests()).isEmpty();
    }
  }

  @Test
  void anUploadTheServiceRefusesIsTheTypedExceptionNamingTheMask() throws IOException {
    fake.inject(Fault.status(413).on(Route.UPLOAD_IMAGE).times(1));
    byte[] mask = encoded("png");
    try (ApiMartImageModel model = uploading("gpt-image-2-official").build()) {
      assertThatThrownBy(
              () ->
                  model.edit(
                      Image.builder().url("https://example.com/room.png").build(),
                      Image.builder()
                          .base64Data(Base64.getEncoder().encodeToString(mask))
                          .mimeType("image/png")
                          .build(),
                      "x"))
          .isInstanceOf(PayloadTooLargeException.class)
          .hasMessageContaining("mask (Base64, image/png, " + mask.length + " bytes)")
          .hasMessageContaining("nothing was submitted")
          .hasMessageNotContaining(Base64.getEncoder().encodeToString(mask).substring(0, 16));
      assertThat(fake.journal().uploads()).hasSize(1);
      assertThat(fake.journal().submissions()).isEmpty();
    }
  }

  private static byte[] encoded(String format) throws IOException {
    BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 2, 0xFF8800);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFailedTaskIsTheSdksTypedException() {
    fake.onNextTask(Outcome.fails("content_policy_violation", "The prompt was refused"));
    try (ApiMartImageModel model = builder("qwen-image-2.0").build()) {
      assertThatThrownBy(() -> model.generate("a cat"))
          .isInstanceOfSatisfying(
              TaskFailedException.class,
              e -> assertThat(e.task().id().value()).isEqualTo(fake.lastTask().id()));
    }
  }

  @Test
  void theTimeoutEndsTheWaitWithTheTaskIdToResume() {
    fake.onNextTask(Outcome.neverFinishes());
    try (ApiMartImageModel model =
        builder("qwen-image-2.0").timeout(Duration.ofMillis(20)).build()) {
      assertThatThrownBy(() -> model.generate("a cat"))
          .isInstanceOfSatisfying(
              WaitTimeoutException.class,
              e -> assertThat(e.taskId().value()).isEqualTo(fake.lastTask().id()));
      assertThat(fake.journal().submissions()).hasSize(1);
    }
  }

  @Test
  void aNonPositiveTimeoutIsRefused() {
    assertThatThrownBy(() -> builder("qwen-image-2.0").timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recognisesTheImageTypesTheDownloaderAccepts() {
    assertThat(ApiMartImageModel.mimeType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10}))
        .isEqualTo("image/png");
    assertThat(ApiMartImageModel.mimeType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
        .isEqualTo("image/jpeg");
    assertThat(
            ApiMartImageModel.mimeType(
                "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo("image/gif");
    assertThat(
            ApiMartImageModel.mimeType(
                "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo("image/webp");
    assertThat(ApiMartImageModel.mimeType(new byte[] {1, 2})).isEqualTo("application/octet-stream");
  }
}
