package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.transport.feign.FeignTransport;
import java.time.Duration;

/**
 * The Feign transport README's examples, as written there (ReadmeSnippetsTest keeps them equal; a
 * block is the imports it needs and the body of one of these methods).
 */
final class FeignTransportExample {

  static ApiMartClient.Builder byName() {
    ApiMartClient.Builder builder = ApiMartClient.builder().transportName("feign");
    // or -Dapimart.transport=feign, or APIMART_TRANSPORT=feign
    return builder;
  }

  static void overOkHttp(String key) {
    okhttp3.OkHttpClient ok =
        new okhttp3.OkHttpClient.Builder()
            .retryOnConnectionFailure(false) // see "Retries" below
            .build();
    try (FeignTransport transport =
            FeignTransport.builder()
                .client(new feign.okhttp.OkHttpClient(ok))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        ApiMartClient client = ApiMartClient.builder().apiKey(key).transport(transport).build()) {
      GenerationResult result =
          client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a red kite"));
    }
  }
}
