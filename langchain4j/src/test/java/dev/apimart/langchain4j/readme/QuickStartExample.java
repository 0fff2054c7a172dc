package dev.apimart.langchain4j.readme;

import dev.apimart.langchain4j.ApiMartImageModel;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.output.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The README's first example, compiled and run by ReadmeExamplesTest. */
final class QuickStartExample {

  private QuickStartExample() {}

  static List<Image> cats(String baseUrl, String apiKey) {
    try (ApiMartImageModel model =
        ApiMartImageModel.builder()
            .baseUrl(baseUrl) // default: APIMART_BASE_URL, else api.apimart.ai
            .apiKey(apiKey) // default: APIMART_API_KEY
            .modelName("qwen-image-2.0")
            .size("16:9")
            .resolution("2K")
            .timeout(Duration.ofMinutes(5)) // the whole wait for one task
            .build()) {
      Response<List<Image>> response =
          model.generate("A cute orange cat napping in the sunshine", 2);
      String taskId = (String) response.metadata().get(ApiMartImageModel.TASK_ID);
      Instant expiresAt = (Instant) response.metadata().get(ApiMartImageModel.EXPIRES_AT);
      System.out.println("task " + taskId + ": download before " + expiresAt);
      return response.content(); // two images, each with its URL
    }
  }
}
