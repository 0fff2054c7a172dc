package dev.apimart.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import dev.apimart.testkit.FakeApiMart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageOptionsBuilder;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.util.MimeTypeUtils;

/**
 * Every catalog model through Spring AI's portable options against the fake: with only a model, and
 * with every width × height its pixel table documents. The fake computes the pixel size of each
 * task on its own (for the seed models from its own table), so a wrong mapping shows as a wrong
 * size.
 */
class CatalogModelsTest {

  private static FakeApiMart fake;
  private static ApiMartClient client;
  private static ApiMartImageModel model;

  @BeforeAll
  static void start() {
    fake = FakeApiMart.builder().unlimitedBalance().start();
    client = fake.clientBuilder().build();
    model = ApiMartImageModel.builder().client(client).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  static Stream<String> models() {
    return ModelCatalog.defaults().models().stream().map(m -> m.id());
  }

  @ParameterizedTest
  @MethodSource("models")
  void generatesWithOnlyAModel(String modelId) {
    ImageResponse response =
        model.call(
            new ImagePrompt(
                "a lighthouse at dawn", ImageOptionsBuilder.builder().model(modelId).build()));

    assertThat(response.getResults()).isNotEmpty();
    assertThat(((ApiMartImageResponseMetadata) response.getMetadata()).getTaskId())
        .isEqualTo(fake.lastTask().id());
  }

  static Stream<Object[]> documentedSizes() {
    return ModelCatalog.defaults().entries().stream()
        .flatMap(
            (ModelCapabilities caps) ->
                caps.pixelTable().entrySet().stream()
                    .map(
                        (Map.Entry<String, PixelSize> row) ->
                            new Object[] {caps.model().id(), row.getKey(), row.getValue()}));
  }

  @ParameterizedTest(name = "{0} {2} ({1})")
  @MethodSource("documentedSizes")
  void everyDocumentedPixelSizeIsMadeAtThatSize(String modelId, String row, PixelSize pixels) {
    ImageResponse response =
        model.call(
            new ImagePrompt(
                "a lighthouse at dawn",
                ImageOptionsBuilder.builder()
                    .model(modelId)
                    .width(pixels.width())
                    .height(pixels.height())
                    .build()));

    Map<String, Object> body =
        fake.journal().submissions().get(fake.journal().submissions().size() - 1).jsonBody();
    String[] ratioAndTier = row.split("@");
    assertThat(body).containsEntry("size", ratioAndTier[0]);
    assertThat((String) body.get("resolution")).isEqualToIgnoringCase(ratioAndTier[1]);
    assertThat(fake.lastTask().pixelSize()).isEqualTo(pixels);
    assertThat(
            ((ApiMartImageGenerationMetadata) response.getResults().get(0).getMetadata())
                .getPixelSize())
        .contains(pixels);
  }

  @ParameterizedTest
  @MethodSource("models")
  void uploadsMediaBytesOrRefusesThemBeforeAnyUpload(String modelId) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
    ImagePrompt prompt =
        new ImagePrompt(
            new ImageMessage(
                "as a watercolour",
                null,
                List.of(
                    Media.builder()
                        .mimeType(MimeTypeUtils.IMAGE_PNG)
                        .data(png.toByteArray())
                        .build()),
                Map.of()),
            ImageOptionsBuilder.builder().model(modelId).build());
    int uploads = fake.uploads().size();
    int submissions = fake.journal().submissions().size();
    boolean takesReferences = ModelCatalog.defaults().find(modelId).orElseThrow().imageToImage();
    try (ApiMartClient uploading = PublicUploadUrls.clientBuilder(fake).build()) {
      ApiMartImageModel withUploads = ApiMartImageModel.builder().client(uploading).build();
      if (takesReferences) {
        withUploads.call(prompt);

        assertThat(fake.uploads()).hasSize(uploads + 1);
        assertThat(fake.journal().submissions().get(submissions).jsonBody())
            .containsEntry(
                "image_urls",
                List.of(PublicUploadUrls.publicUrl(fake, fake.uploads().get(uploads))));
      } else {
        assertThatThrownBy(() -> withUploads.call(prompt))
            .isInstanceOf(InvalidRequestException.class);
        assertThat(fake.uploads()).hasSize(uploads);
        assertThat(fake.journal().submissions()).hasSize(submissions);
      }
    }
  }
}
