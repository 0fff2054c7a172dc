package dev.apimart.spring.boot.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.spring.boot.GenerationRequestDefaults;
import org.springframework.stereotype.Service;

@Service
public class Posters {
  private final ApiMartClient client;
  private final GenerationRequestDefaults defaults;

  public Posters(ApiMartClient client, GenerationRequestDefaults defaults) {
    this.client = client;
    this.defaults = defaults;
  }

  public GenerationResult poster(String slogan) {
    return client.generate(defaults.request("A poster that reads: " + slogan));
  }
}
