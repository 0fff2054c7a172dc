package dev.apimart.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.PixelSize;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageOptionsBuilder;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.util.MimeTypeUtils;

/** The model through Spring AI's own types, against the fake service over real HTTP. */
class ApiMartImageModelTest {

  private FakeApiMart fake;
  private ApiMartClient client;

  @BeforeEach
  void start() {
    fake = FakeApiMart.start();
    client = fake.clientBuilder().build();
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
  void mediaGivenAsUrlsAreReferenceImagesAndBytesAreRefused() {
    ImageMessage withUrl =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png"))),
            Map.of());
    model().call(new ImagePrompt(withUrl, qwen().build()));
    assertThat(onlySubmission())
        .containsEntry("image_urls", List.of("https://example.com/cat.png"));

    ImageMessage withBytes =
        new ImageMessage(
            "make it a watercolour",
            null,
            List.of(
                Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2}).build()),
            Map.of());
    assertThatThrownBy(() -> model().call(new ImagePrompt(withBytes, qwen().build())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("upload endpoint");
    assertThat(fake.journal().submissions()).hasSize(1);
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
