package dev.apimart.spring.ai.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.spring.ai.ApiMartImageGenerationMetadata;
import dev.apimart.spring.ai.ApiMartImageModel;
import dev.apimart.spring.ai.ApiMartImageOptions;
import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.testkit.FakeApiMart;
import org.junit.jupiter.api.Test;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The "done when": a Boot 4 application with the starter, Spring AI and this module gets an
 * {@code ImageModel} whose call with qwen-image-2.0, 1280×720, N=2 submits one task with size 16:9
 * and n 2 and returns two images.
 */
@SpringBootTest(properties = "apimart.defaults.model=z-image-turbo")
@EnableFakeApiMart
class SpringAiApplicationTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired ImageModel imageModel;
  @Autowired FakeApiMart fake;

  @Test
  void theAutoConfiguredImageModelGeneratesTwoImagesInOneTask() {
    ImageResponse response =
        imageModel.call(
            new ImagePrompt(
                "Cyberpunk-style futuristic city nightscape",
                ApiMartImageOptions.builder()
                    .model("qwen-image-2.0")
                    .width(1280)
                    .height(720)
                    .n(2)
                    .build()));

    assertThat(imageModel).isInstanceOf(ApiMartImageModel.class);
    assertThat(fake.journal().submissions()).hasSize(1);
    assertThat(fake.journal().submissions().get(0).jsonBody())
        .containsEntry("model", "qwen-image-2.0")
        .containsEntry("size", "16:9")
        .containsEntry("n", 2);
    assertThat(response.getResults()).hasSize(2);
    assertThat(response.getResults())
        .allSatisfy(
            g ->
                assertThat(((ApiMartImageGenerationMetadata) g.getMetadata()).getTaskId())
                    .isEqualTo(fake.lastTask().id()));
  }
}
