package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Resolution;
import java.nio.file.Path;
import java.util.List;

/** The README's plain-Java example, as written there (ReadmeSnippetsTest keeps the two equal). */
final class PlainJavaExample {
  public static void main(String[] args) {
    String key = System.getenv("APIMART_API_KEY");
    if (key == null || key.isBlank()) {
      System.err.println("Set APIMART_API_KEY to your ApiMart key (or pass it to .apiKey(...)).");
      return;
    }
    try (ApiMartClient client = ApiMartClient.builder().apiKey(key).build()) {
      GenerationResult result =
          client.generate(
              GenerationRequest.builder()
                  .model(ImageModel.QWEN_IMAGE_2_0)
                  .prompt("A cute orange cat napping in the sunshine")
                  .size(ImageSize.RATIO_4_3)
                  .resolution(Resolution.RES_2K)
                  .n(2)
                  .build());
      List<GeneratedImage> images = result.images(); // download before image.expiresAt()
      for (int i = 0; i < images.size(); i++) {
        client.download(images.get(i), Path.of(result.taskId() + "-" + (i + 1) + ".png"));
      }
    }
  }
}
