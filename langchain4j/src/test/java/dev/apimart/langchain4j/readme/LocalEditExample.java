package dev.apimart.langchain4j.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.langchain4j.ApiMartImageModel;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The README's example with a local image and a Base64 mask, compiled and run by
 * ReadmeExamplesTest.
 */
final class LocalEditExample {

  private LocalEditExample() {}

  static Image edited(ApiMartClient client, Path room, byte[] maskPng) {
    ImageModel model =
        ApiMartImageModel.builder().client(client).modelName("gpt-image-2-official").build();
    Image photo = Image.builder().url(room.toUri()).build(); // a file: URL
    Image mask =
        Image.builder()
            .base64Data(Base64.getEncoder().encodeToString(maskPng))
            .mimeType("image/png")
            .build();
    return model.edit(photo, mask, "Put a tall green plant by the window").content();
  }
}
