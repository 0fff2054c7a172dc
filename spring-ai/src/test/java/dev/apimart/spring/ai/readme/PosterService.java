package dev.apimart.spring.ai.readme;

import dev.apimart.spring.ai.ApiMartImageGenerationMetadata;
import dev.apimart.spring.ai.ApiMartImageOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.stereotype.Service;

/** The README's Spring Boot example, compiled and run by ReadmeExamplesTest. */
@Service
public class PosterService {

  private final ImageModel imageModel;

  public PosterService(ImageModel imageModel) {
    this.imageModel = imageModel;
  }

  public List<String> posters(String text) {
    ImageResponse response =
        imageModel.call(
            new ImagePrompt(
                text,
                ApiMartImageOptions.builder()
                    .model("qwen-image-2.0")
                    .width(1280)
                    .height(720) // sent as size 16:9, resolution 1K
                    .n(2)
                    .build()));
    List<String> urls = new ArrayList<>();
    for (ImageGeneration generation : response.getResults()) {
      ApiMartImageGenerationMetadata meta =
          (ApiMartImageGenerationMetadata) generation.getMetadata();
      Instant expires = meta.getExpiresAt().orElseThrow(); // download before then
      urls.add(
          generation.getOutput().getUrl()
              + " (task "
              + meta.getTaskId()
              + ", "
              + meta.getPixelSize().orElseThrow()
              + ", until "
              + expires
              + ")");
    }
    return urls;
  }
}
