package dev.apimart.spring.ai.readme;

import dev.apimart.spring.ai.ApiMartImageOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.MimeTypeUtils;

/** The README's local reference image example, compiled and run by ReadmeExamplesTest. */
final class LocalReferenceExample {

  private LocalReferenceExample() {}

  static String atNight(ImageModel imageModel, Path street) {
    Media photo = new Media(MimeTypeUtils.IMAGE_JPEG, new FileSystemResource(street));
    ImageMessage message =
        new ImageMessage("the same street, at night, in the rain", null, List.of(photo), Map.of());
    ImageResponse response =
        imageModel.call(
            new ImagePrompt(
                message, ApiMartImageOptions.builder().model("qwen-image-2.0").build()));
    return response.getResult().getOutput().getUrl();
  }
}
