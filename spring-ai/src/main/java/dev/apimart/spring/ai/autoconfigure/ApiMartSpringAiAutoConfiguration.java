package dev.apimart.spring.ai.autoconfigure;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.spring.ai.ApiMartImageModel;
import dev.apimart.spring.ai.ApiMartImageOptions;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.GenerationRequestDefaults;
import io.micrometer.observation.ObservationRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.observation.ImageModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring AI's {@link ImageModel} bean on the starter's {@link ApiMartClient}, when Spring AI and
 * the ApiMart starter are on the class path and the application defines no {@code ImageModel} of
 * its own.
 *
 * <p>Its default options come from {@code apimart.defaults.*} (model, size, resolution, params) as
 * the starter reads them ({@link GenerationRequestDefaults}); each call's {@code ImagePrompt}
 * options are laid over them. Observations go to the application's {@link ObservationRegistry} when
 * it has one, with an {@link ImageModelObservationConvention} bean replacing the default
 * convention.
 *
 * <p>Lives in {@code apimart-spring-ai} rather than in the starter, so that the starter does not
 * depend on Spring AI; it runs after the starter's {@link ApiMartAutoConfiguration}.
 */
@AutoConfiguration(after = ApiMartAutoConfiguration.class)
@ConditionalOnClass({ImageModel.class, ApiMartClient.class, ApiMartAutoConfiguration.class})
@ConditionalOnBean(ApiMartClient.class)
public final class ApiMartSpringAiAutoConfiguration {

  /** Only for Spring. */
  public ApiMartSpringAiAutoConfiguration() {}

  /** The image model on the application's client, with {@code apimart.defaults.*}. */
  @Bean
  @ConditionalOnMissingBean(ImageModel.class)
  ApiMartImageModel apiMartImageModel(
      ApiMartClient client,
      ObjectProvider<GenerationRequestDefaults> defaults,
      ObjectProvider<ObservationRegistry> observationRegistry,
      ObjectProvider<ImageModelObservationConvention> observationConvention) {
    GenerationRequestDefaults configured = defaults.getIfUnique();
    return ApiMartImageModel.builder()
        .client(client)
        .defaultOptions(
            configured == null
                ? ApiMartImageOptions.builder().build()
                : defaultOptions(configured.builder().build()))
        .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
        .observationConvention(observationConvention.getIfUnique())
        .build();
  }

  /** The options a template request holds: model, size, tier and every other field it sets. */
  static ApiMartImageOptions defaultOptions(GenerationRequest template) {
    ApiMartImageOptions.Builder options = ApiMartImageOptions.builder().model(template.modelName());
    if (template.sizeValue() != null) {
      options.size(template.sizeValue());
    }
    if (template.resolutionValue() != null) {
      options.resolution(template.resolutionValue());
    }
    options.n(template.n()).negativePrompt(template.negativePrompt());
    if (!template.imageUrls().isEmpty()) {
      options.imageUrls(template.imageUrls());
    }
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    if (template.promptExtend() != null) {
      params.put("prompt_extend", template.promptExtend());
    }
    params.putAll(template.options());
    params.putAll(template.extraBody());
    return options.params(params).build();
  }
}
