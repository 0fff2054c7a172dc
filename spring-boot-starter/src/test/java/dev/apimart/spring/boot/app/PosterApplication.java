package dev.apimart.spring.boot.app;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.spring.boot.GenerationRequestDefaults;
import java.io.ByteArrayOutputStream;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/** A small application that uses the starter the way a user would: inject, generate, download. */
@SpringBootApplication
public class PosterApplication {

  /** Makes a poster image from a slogan. */
  @Service
  public static class PosterService {
    private final ApiMartClient client;
    private final GenerationRequestDefaults defaults;

    PosterService(ApiMartClient client, GenerationRequestDefaults defaults) {
      this.client = client;
      this.defaults = defaults;
    }

    /** Generates one poster and returns its PNG bytes. */
    public byte[] poster(String slogan) {
      GenerationResult result = client.generate(defaults.request("A poster that reads: " + slogan));
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      client.download(result.images().get(0), png);
      return png.toByteArray();
    }
  }
}
