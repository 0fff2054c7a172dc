package com.example.consumer;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import java.io.ByteArrayOutputStream;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class PosterApplication {

  @Service
  public static class Posters {
    private final ApiMartClient client;

    Posters(ApiMartClient client) {
      this.client = client;
    }

    public byte[] poster(String slogan) {
      GenerationResult result =
          client.generate(
              GenerationRequest.builder()
                  .model(ImageModel.QWEN_IMAGE_2_0)
                  .prompt("A poster that reads: " + slogan)
                  .size(ImageSize.RATIO_16_9)
                  .build());
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      client.download(result.images().get(0), png);
      return png.toByteArray();
    }
  }
}
