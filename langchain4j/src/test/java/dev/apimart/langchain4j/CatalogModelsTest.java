package dev.apimart.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalog model through LangChain4j's ImageModel against the fake. */
class CatalogModelsTest {

  private static FakeApiMart fake;
  private static ApiMartClient client;

  @BeforeAll
  static void start() {
    fake = FakeApiMart.builder().unlimitedBalance().start();
    client = fake.clientBuilder().build();
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  static Stream<ModelCapabilities> models() {
    return ModelCatalog.defaults().entries().stream();
  }

  private static ApiMartImageModel model(ModelCapabilities caps) {
    return ApiMartImageModel.builder().client(client).modelName(caps.model()).build();
  }

  @ParameterizedTest
  @MethodSource("models")
  void generatesOneImage(ModelCapabilities caps) {
    Response<Image> response = model(caps).generate("a lighthouse at dawn");

    assertThat(response.content().url()).isEqualTo(fake.lastTask().imageUrls().get(0));
    assertThat(response.metadata()).containsEntry(ApiMartImageModel.TASK_ID, fake.lastTask().id());
  }

  @ParameterizedTest
  @MethodSource("models")
  void generatesTwoImagesWhereTheModelMakesTwo(ModelCapabilities caps) {
    assumeTrue(caps.acceptsCount(2), caps.model() + " makes no 2 images per task");
    Response<List<Image>> response = model(caps).generate("a lighthouse at dawn", 2);

    assertThat(response.content()).hasSize(2);
    assertThat(fake.lastTask().imageCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("models")
  void editsAUrlImageWhereTheModelTakesReferences(ModelCapabilities caps) {
    assumeTrue(caps.imageToImage(), caps.model() + " takes no reference images");
    Response<Image> response =
        model(caps)
            .edit(Image.builder().url("https://example.com/cat.png").build(), "as a watercolour");

    assertThat(response.content().url()).isEqualTo(fake.lastTask().imageUrls().get(0));
  }

  @ParameterizedTest
  @MethodSource("models")
  void editsABase64ImageUploadedFirstOrRefusesItBeforeAnyUpload(ModelCapabilities caps)
      throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
    Image image =
        Image.builder()
            .base64Data(Base64.getEncoder().encodeToString(png.toByteArray()))
            .mimeType("image/png")
            .build();
    int uploads = fake.uploads().size();
    int submissions = fake.journal().submissions().size();
    try (ApiMartClient uploading = PublicUploadUrls.clientBuilder(fake).build()) {
      ApiMartImageModel model =
          ApiMartImageModel.builder().client(uploading).modelName(caps.model()).build();
      if (caps.imageToImage()) {
        model.edit(image, "as a watercolour");

        assertThat(fake.uploads()).hasSize(uploads + 1);
        FakeUpload upload = fake.uploads().get(uploads);
        assertThat(fake.journal().submissions()).hasSize(submissions + 1);
        assertThat(fake.journal().submissions().get(submissions).jsonBody())
            .containsEntry("image_urls", List.of(PublicUploadUrls.publicUrl(fake, upload)));
      } else {
        assertThatThrownBy(() -> model.edit(image, "as a watercolour"))
            .isInstanceOf(InvalidRequestException.class);
        assertThat(fake.uploads()).hasSize(uploads);
        assertThat(fake.journal().submissions()).hasSize(submissions);
      }
    }
  }
}
