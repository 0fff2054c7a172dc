package dev.apimart.spring.ai.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.spring.ai.ApiMartImageModel;
import dev.apimart.spring.ai.ApiMartImageOptions;
import io.micrometer.observation.ObservationRegistry;
import java.util.Base64;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImageOptionsBuilder;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;

/** The README's example without Spring Boot, compiled and run by ReadmeExamplesTest. */
final class PlainSpringAiExample {

  private PlainSpringAiExample() {}

  static byte[] wallpaper(ApiMartClient client, ObservationRegistry observationRegistry) {
    ImageModel imageModel =
        ApiMartImageModel.builder()
            .client(client) // not closed by the model
            .defaultOptions(ApiMartImageOptions.builder().model("gpt-image-2").build())
            .observationRegistry(observationRegistry) // optional
            .build();

    ImageResponse response =
        imageModel.call(
            new ImagePrompt(
                "A panoramic mountain lake",
                ImageOptionsBuilder.builder()
                    .width(2688)
                    .height(1152) // gpt-image-2: 21:9 at 2k
                    .responseFormat("b64_json") // downloaded with the client's limits
                    .build()));
    return Base64.getDecoder().decode(response.getResult().getOutput().getB64Json());
  }
}
