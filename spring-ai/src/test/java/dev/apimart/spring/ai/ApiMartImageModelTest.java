package dev.apimart.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.PixelSize;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.FakeUpload;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageOptionsBuilder;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.MimeTypeUtils;

/** The model through Spring AI's own types, against the fake service over real HTTP. */
class ApiMartImageModelTest {

  private FakeApiMart fake;
  private ApiMartClient client;

  @BeforeEach
  void start() {
    fake = FakeApiMart.start();
    client = PublicUploadUrls.clientBuilder(fake).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private ApiMartImageModel model() {
    return ApiMartImageModel.builder().client(client).build();
  }

  private static ApiMartImageOptions.Builder qwen() {
    return ApiMartImageOptions.builder().model(ImageModel.QWEN_IMAGE_2_0);
  }

  private Map<String, Object> onlySubmission() {
    List<RecordedRequest> submissions = fake.journal().submissions();
    assertThat(submissions).hasSize(1);
    return submissions.get(0).jsonBody();
  }

  private static BufferedImage png(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as("a decodable image").isNotNull();
    return image;
  }

  @Test
  void widthAndHeightOfADocumentedSizeBecomeOneTaskWithItsRatioAndTier() {
    ImageResponse response =
        model()
            .call(
                new ImagePrompt(
                    "A cute orange cat napping in the sunshine",
                    qwen().width(1280).height(720).n(2).build()));

    Map<String, Object> body = onlySubmission();
    assertThat(body)
        .containsEntry("model", "qwen-image-2.0")
        .containsEntry("size", "16:9")
        .containsEntry("resolution", "1K")
        .containsEntry("n", 2)
        .containsEntry("prompt", "A cute orange cat napping in the sunshine");
    FakeTask task = fake.lastTask();
    assertThat(response.getResults()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      ImageGeneration generation = response.getResults().get(i);
      assertThat(generation.getOutput().getUrl()).isEqualTo(task.imageUrls().get(i).toString());
      assertThat(generation.getOutput().getB64Json()).isNull();
      ApiMartImageGenerationMetadata meta =
          (ApiMartImageGenerationMetadata) generation.getMetadata();
      assertThat(meta.getTaskId()).isEqualTo(task.id());
      assertThat(meta.getIndex()).isEqualTo(i);
      assertThat(meta.getModel()).isEqualTo("qwen-image-2.0");
      assertThat(meta.getExpiresAt()).isPresent();
      assertThat(meta.getPixelSize()).contains(new PixelSize(1280, 720));
    }
    ApiMartImageResponseMetadata meta = (ApiMartImageResponseMetadata) response.getMetadata();
    assertThat(meta.getTaskId()).isEqualTo(task.id());
    assertThat((String) meta.get(ApiMartImageResponseMetadata.TASK_ID)).isEqualTo(task.id());
    assertThat(meta.getExpiresAt()).isPresent();
    assertThat(meta.getCreated()).isEqualTo(task.created().toEpochMilli());
  }

  @Test
  void b64JsonDownloadsAndEncodesEachImage() throws IOException {
    ImageResponse response =
        model()
            .call(
                new ImagePrompt(
                    "a lighthouse",
                    qwen().width(1152).height(864).responseFormat("b64_json").build()));

    assertThat(response.getResults()).hasSize(1);
    ImageGeneration generation = response.getResults().get(0);
    assertThat(generation.getOutput().getUrl()).isNull();
    BufferedImage image = png(Base64.getDecoder().decode(generation.getOutput().getB64Json()));
    assertThat(image.getWidth()).isEqualTo(1152);
    assertThat(image.getHeight()).isEqualTo(864);
    assertThat(onlySubmission()).containsEntry("size", "4:3").containsEntry("resolution", "1K");
  }

  @Test
  void aFailedDownloadForB64JsonNamesTheTaskAndHowToGetItsImages() {
    fake.inject(Fault.missingImageFile().on(Route.IMAGE_FILE).always());

    assertThatThrownBy(
            () ->
                model()
                    .call(
                        new ImagePrompt(
                            "a lighthouse",
                            qwen().responseFormat(ApiMartImageOptions.B64_JSON).build())))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("Task " + fake.lastTask().id() + " completed")
        .hasMessageContaining("waitFor(TaskId.of(\"" + fake.lastTask().id() + "\"))");
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @Test
  void anUndocumentedSizeIsRefusedBeforeTheNetworkTogetherWithEveryOtherProblem() {
    assertThatThrownBy(
            () ->
                model()
                    .call(
                        new ImagePrompt(
                            "a cat",
                            qwen().width(1000).height(1000).n(9).responseFormat("png").build())))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder("size", "response_format", "n"))
        .hasMessageContaining("1280x720 (16:9, 1K)");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void plainSpringAiOptionsWorkOnTopOfTheModelsDefaults() {
    ApiMartImageModel model =
        ApiMartImageModel.builder()
            .client(client)
            .defaultOptions(
                qwen().size("1:1").resolution("2K").param("negative_prompt", "blurry").build())
            .build();

    ImageResponse response =
        model.call(
            new ImagePrompt(
                "a harbour", ImageOptionsBuilder.builder().width(720).height(1280).n(3).build()));

    assertThat(response.getResults()).hasSize(3);
    assertThat(onlySubmission())
        .containsEntry("model", "qwen-image-2.0")
        .containsEntry("size", "9:16")
        .containsEntry("resolution", "1K")
        .containsEntry("n", 3)
        .containsEntry("negative_prompt", "blurry");
  }

  @Test
  void aPromptWithoutOptionsUsesTheDefaults() {
    ApiMartImageModel model =
        ApiMartImageModel.builder()
            .client(client)
            .defaultOptions(qwen().size("3:2").build())
            .build();

    model.call(new ImagePrompt(List.of(new ImageMessage("a boat"))));

    assertThat(onlySubmission()).containsEntry("size", "3:2").doesNotContainKey("n");
  }

  @Test
  void widthWithoutHeightIsRefused() {
    assertThatThrownBy(() -> model().call(new ImagePrompt("a cat", qwen().width(1280).build())))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> assertThat(v.message()).contains("width and height go together")));
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aSizeThatContradictsWidthAndHeightInTheSameOptionsIsRefused() {
    assertThatThrownBy(
            () ->
                model()
                    .call(
                        new ImagePrompt(
                            "a cat",
                            qwen().width(1280).height(720).size("1:1").resolution("2K").build())))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder("size", "resolution"));
  }

  @Test
  void styleIsRefusedForAModelThatDocumentsNone() {
    assertThatThrownBy(() -> model().call(new ImagePrompt("a cat", qwen().style("vivid").build())))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("style")));
  }

  @Test
  void styleIsSentToAModelWhoseEntryListsIt() {
    ImageModel acme = ImageModel.of("acme-image-2");
    try (FakeApiMart acmeFake =
            FakeApiMart.builder()
                .model(
                    ModelCapabilities.builder(acme)
                        .sizes("1:1")
                        .option("style", "vivid", "natural")
                        .build())
                .start();
        ApiMartClient acmeClient =
            acmeFake
                .clientBuilder()
                .model(
                    ModelCapabilities.builder(acme)
                        .sizes("1:1")
                        .option("style", "vivid", "natural")
                        .build())
                .build()) {
      ApiMartImageModel model = ApiMartImageModel.builder().client(acmeClient).build();

      model.call(
          new ImagePrompt(
              "a cat", ApiMartImageOptions.builder().model(acme).style("vivid").build()));

      assertThat(acmeFake.journal().submissions().get(0).jsonBody())
          .containsEntry("style", "vivid");
    }
  }

  @Test
  void mediaGivenAsUrlsAreSentAsReferenceImagesWithoutUpload() {
    ImageMessage withUrl =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png"))),
            Map.of());
    model().call(new ImagePrompt(withUrl, qwen().build()));
    assertThat(onlySubmission())
        .containsEntry("image_urls", List.of("https://example.com/cat.png"));
    assertThat(fake.uploads()).isEmpty();
  }

  @Test
  void mediaBytesAreUploadedFirstAndTheirUrlsSentInTheMediasOrder() throws IOException {
    byte[] png = encoded("png");
    byte[] jpeg = encoded("jpg");
    ImageMessage message =
        new ImageMessage(
            "put the cat in the garden",
            null,
            List.of(
                Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).build(),
                new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/garden.png")),
                Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data(jpeg).build()),
            Map.of());

    ImageResponse response = model().call(new ImagePrompt(message, qwen().build()));

    List<FakeUpload> uploads = fake.uploads();
    assertThat(uploads).hasSize(2);
    assertThat(uploads.get(0).sha256()).isEqualTo(sha256(png));
    assertThat(uploads.get(0).contentType()).isEqualTo("image/png");
    assertThat(uploads.get(0).fileName()).isEqualTo("reference-1.png");
    assertThat(uploads.get(1).sha256()).isEqualTo(sha256(jpeg));
    assertThat(uploads.get(1).contentType()).isEqualTo("image/jpeg");
    assertThat(uploads.get(1).fileName()).isEqualTo("reference-3.jpeg");
    assertThat(onlySubmission())
        .containsEntry(
            "image_urls",
            List.of(
                PublicUploadUrls.publicUrl(fake, uploads.get(0)),
                "https://example.com/garden.png",
                PublicUploadUrls.publicUrl(fake, uploads.get(1))));
    assertThat(fake.journal().requests())
        .extracting(RecordedRequest::route)
        .startsWith(Route.UPLOAD_IMAGE, Route.UPLOAD_IMAGE, Route.SUBMIT_GENERATION);
    assertThat(response.getResults()).hasSize(1);
  }

  @Test
  void aMediaReadFromAFileResourceIsUploaded(@TempDir Path dir) throws IOException {
    Path photo = dir.resolve("cat.png");
    Files.write(photo, encoded("png"));
    Media media = new Media(MimeTypeUtils.IMAGE_PNG, new FileSystemResource(photo));

    model()
        .call(
            new ImagePrompt(
                new ImageMessage("make it a watercolour", null, List.of(media), Map.of()),
                qwen().build()));

    assertThat(fake.uploads())
        .singleElement()
        .satisfies(u -> assertThat(u.sha256()).isEqualTo(sha256(Files.readAllBytes(photo))));
    assertThat(onlySubmission())
        .containsEntry(
            "image_urls", List.of(PublicUploadUrls.publicUrl(fake, fake.uploads().get(0))));
  }

  @Test
  void mediaToUploadCountAgainstTheModelsReferenceLimitBeforeAnyUpload() throws IOException {
    byte[] png = encoded("png");
    // qwen-image-2.0 takes 3 references: two URLs in the options and two media make four.
    ImageMessage message =
        new ImageMessage(
            "a collage",
            null,
            List.of(
                Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).build(),
                Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).build()),
            Map.of());
    ApiMartImageOptions options =
        qwen().imageUrls(List.of("https://example.com/a.png", "https://example.com/b.png")).build();

    assertThatThrownBy(() -> model().call(new ImagePrompt(message, options)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations()).anyMatch(v -> v.field().equals("image_urls")));
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.uploads()).isEmpty();
  }

  @Test
  void aModelWithoutReferencesRefusesMediaBytesBeforeAnyUpload() throws IOException {
    ImageMessage message =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(encoded("png")).build()),
            Map.of());
    ApiMartImageOptions options =
        ApiMartImageOptions.builder().model(ImageModel.Z_IMAGE_TURBO).build();

    assertThatThrownBy(() -> model().call(new ImagePrompt(message, options)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("image_urls");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void badMediaBytesAreAllReportedAtOnceAndNothingIsUploaded() throws IOException {
    byte[] png = encoded("png");
    ImageMessage message =
        new ImageMessage(
            "a collage",
            null,
            List.of(
                Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).build(),
                Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2}).build(),
                Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data(png).build()),
            Map.of());

    assertThatThrownBy(() -> model().call(new ImagePrompt(message, qwen().build())))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.violations()).hasSize(2);
              assertThat(e.getMessage())
                  .contains("media 2 (image/png, 2 bytes) is not a JPEG")
                  .contains("media 3 (image/jpeg, " + png.length + " bytes) is declared");
              assertThat(e.violations().get(0).rejectedValue())
                  .isEqualTo("media 2 (image/png, 2 bytes)");
              assertThat(e.violations().get(0).message()).contains("not a JPEG, PNG, WebP or GIF");
              assertThat(e.violations().get(1).rejectedValue())
                  .isEqualTo("media 3 (image/jpeg, " + png.length + " bytes)");
              assertThat(e.violations().get(1).message())
                  .contains("declared image/jpeg but its bytes are image/png");
            });
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aBase64DataUrlMediaIsUploadedLikeBytes() throws IOException {
    byte[] png = encoded("png");
    ImageMessage message =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(
                Media.builder()
                    .mimeType(MimeTypeUtils.IMAGE_PNG)
                    .data("data:image/png;base64," + Base64.getEncoder().encodeToString(png))
                    .build(),
                Media.builder()
                    .mimeType(MimeTypeUtils.IMAGE_PNG)
                    .data("data:image/png;base64,not base64!")
                    .build()),
            Map.of());

    assertThatThrownBy(() -> model().call(new ImagePrompt(message, qwen().build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("media 2")
        .hasMessageContaining("not valid Base64");
    assertThat(fake.journal().requests()).isEmpty();

    model()
        .call(
            new ImagePrompt(
                new ImageMessage(
                    "make it a watercolour", null, List.of(message.getMedia().get(0)), Map.of()),
                qwen().build()));
    assertThat(fake.uploads())
        .singleElement()
        .satisfies(u -> assertThat(u.sha256()).isEqualTo(sha256(png)));
    assertThat(onlySubmission())
        .containsEntry(
            "image_urls", List.of(PublicUploadUrls.publicUrl(fake, fake.uploads().get(0))));
  }

  @Test
  void octetStreamLetsTheBytesDecide() throws IOException {
    byte[] jpeg = encoded("jpg");
    ImageMessage message =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(
                Media.builder()
                    .mimeType(MimeTypeUtils.APPLICATION_OCTET_STREAM)
                    .data(jpeg)
                    .build()),
            Map.of());

    model().call(new ImagePrompt(message, qwen().build()));

    assertThat(fake.uploads())
        .singleElement()
        .satisfies(u -> assertThat(u.contentType()).isEqualTo("image/jpeg"));
  }

  @Test
  void anUploadTheServiceRefusesIsTheTypedExceptionNamingTheMediaAndNothingIsSubmitted()
      throws IOException {
    fake.inject(Fault.status(413).on(Route.UPLOAD_IMAGE).times(1));
    byte[] png = encoded("png");
    ImageMessage message =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(png).build()),
            Map.of());

    assertThatThrownBy(() -> model().call(new ImagePrompt(message, qwen().build())))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessageContaining("media 1 (image/png, " + png.length + " bytes)")
        .hasMessageContaining("nothing was submitted")
        .hasMessageNotContaining(Base64.getEncoder().encodeToString(png).substring(0, 16));
    assertThat(fake.journal().submissions()).isEmpty();
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
  void severalMessagesAndWeightsAreRefused() {
    ImagePrompt prompt =
        new ImagePrompt(
            List.of(new ImageMessage("a cat", 0.7f), new ImageMessage("a dog")), qwen().build());

    assertThatThrownBy(() -> model().call(prompt))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.violations()).hasSize(2).allMatch(v -> v.field().equals("prompt")));
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aFailedTaskIsTheSdksTypedExceptionNotAnEmptyResponse() {
    fake.onNextTask(Outcome.fails("content_policy_violation", "The prompt was refused"));

    assertThatThrownBy(() -> model().call(new ImagePrompt("a cat", qwen().build())))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> assertThat(e.task().id().value()).isEqualTo(fake.lastTask().id()));
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @Test
  void observedWithSpringAisImageModelConventionsAndTheTaskId() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    ApiMartImageModel model =
        ApiMartImageModel.builder()
            .client(client)
            .defaultOptions(qwen().build())
            .observationRegistry(registry)
            .build();

    model.call(
        new ImagePrompt("a cat", ImageOptionsBuilder.builder().width(1280).height(720).build()));

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("gen_ai.client.operation")
        .that()
        .hasContextualNameEqualTo("image qwen-image-2.0")
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "image")
        .hasLowCardinalityKeyValue("gen_ai.system", "apimart")
        .hasLowCardinalityKeyValue("gen_ai.request.model", "qwen-image-2.0")
        .hasHighCardinalityKeyValue("gen_ai.request.image.size", "1280x720")
        .hasHighCardinalityKeyValue("gen_ai.response.id", fake.lastTask().id())
        .hasBeenStarted()
        .hasBeenStopped();
  }

  @Test
  void aRefusedCallIsObservedAsAnError() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    ApiMartImageModel model =
        ApiMartImageModel.builder().client(client).observationRegistry(registry).build();

    assertThatThrownBy(
            () -> model.call(new ImagePrompt("a cat", qwen().width(1).height(1).build())))
        .isInstanceOf(InvalidRequestException.class);

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("gen_ai.client.operation")
        .that()
        .hasError();
  }
}
