package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.UploadedImage;
import java.nio.file.Path;

/** The README's upload examples, compiled by the build. */
final class UploadExample {

  private UploadExample() {}

  static GenerationResult withLocalReference(ApiMartClient client) {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.QWEN_IMAGE_2_0)
            .prompt("the same street, at night, in the rain")
            .referenceImage(Path.of("street.jpg"))
            .build();
    return client.generate(request); // validates, checks the file, uploads it, then submits
  }

  static String uploadOnce(ApiMartClient client) {
    UploadedImage image = client.upload(Path.of("street.jpg"));
    System.out.println(image.url() + " valid until " + image.expiresAt());
    return image.url().toString(); // for 72 hours: builder.referenceImage(image)
  }
}
