package dev.apimart.langchain4j.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.langchain4j.ApiMartImageModel;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;

/** The README's editing example, compiled and run by ReadmeExamplesTest. */
final class EditExample {

  private EditExample() {}

  static Image edited(ApiMartClient client) {
    ImageModel model =
        ApiMartImageModel.builder()
            .client(client) // an existing client: its key, transport, retries
            .modelName("gpt-image-2-official")
            .build();
    Image room = Image.builder().url("https://example.com/room.png").build();
    Image mask = Image.builder().url("https://example.com/room-mask.png").build();
    return model.edit(room, mask, "Put a tall green plant by the window").content();
  }
}
