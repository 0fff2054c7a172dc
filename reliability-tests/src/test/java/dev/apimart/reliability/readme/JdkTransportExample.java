package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The JDK transport README's examples, as written there (ReadmeSnippetsTest keeps them equal; a
 * block is the imports it needs and the body of one of these methods).
 */
final class JdkTransportExample {

  static void discovered(String key) {
    try (ApiMartClient client = ApiMartClient.builder().apiKey(key).build()) {
      GenerationResult result =
          client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a red kite"));
    }
  }

  static List<ApiMartClient.Builder> chosen() {
    ApiMartClient.Builder byName = ApiMartClient.builder().transportName("jdk");
    // or -Dapimart.transport=jdk, or APIMART_TRANSPORT=jdk
    JdkHttpTransport transport = JdkHttpTransport.create(); // an instance: you close it
    ApiMartClient.Builder withInstance = ApiMartClient.builder().transport(transport);
    return List.of(byName, withInstance);
  }

  static void throughAProxy(String key) {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("proxy.internal", 3128)))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (JdkHttpTransport transport = JdkHttpTransport.builder().httpClient(http).build();
        ApiMartClient client = ApiMartClient.builder().apiKey(key).transport(transport).build()) {
      GenerationResult result =
          client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a red kite"));
    }
  }
}
