package dev.apimart.reliability.readme;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Resolution;
import java.util.List;

/** The README's "Models" examples, as written there (ReadmeSnippetsTest keeps them equal). */
final class ModelsExample {

  static ApiMartClient.Builder builder() {
    ApiMartClient.Builder builder =
        ApiMartClient.builder()
            .model(
                ModelCapabilities.builder(ImageModel.of("acme-image-2")) // a new model
                    .sizes("1:1", "16:9")
                    .tiers("1K", "2K")
                    .countRange(1, 4)
                    .build())
            .modelCatalog(
                ModelCatalog.defaults().toBuilder() // a corrected limit
                    .update(ImageModel.GPT_IMAGE_2, b -> b.countRange(1, 8))
                    .build());
    return builder;
  }

  static List<Violation> teapot() {
    GenerationRequest teapot =
        GenerationRequest.builder()
            .model(ImageModel.GPT_IMAGE_2_OFFICIAL)
            .prompt("A glass teapot on a wooden table, studio light")
            .size(ImageSize.RATIO_3_2)
            .resolution(Resolution.RES_2K) // sent as "2k", as the model documents
            .quality("high")
            .background("transparent")
            .outputFormat("png")
            .extraBody("user", "docs-example") // anything without a setter
            .build();
    List<Violation> problems =
        RequestValidator.instance().validate(teapot); // empty: it may be sent
    return problems;
  }
}
