package dev.apimart.spring.boot.observation;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.ApiMartProperties;
import dev.apimart.spring.boot.internal.ConditionalOnBootGeneration;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Installs {@link ObservationClientObserver} in the auto-configured client when Micrometer's {@link
 * ObservationRegistry} is a bean (Spring Boot creates one with {@code
 * spring-boot-micrometer-observation} in Boot 4, {@code spring-boot-actuator-autoconfigure} in Boot
 * 3; both come with the actuator starter). Runs before {@link ApiMartAutoConfiguration}, which
 * hands the {@link ClientObserver} bean to the client. Turn it off with {@code
 * management.observations.enable.apimart=false}, Spring Boot's switch for observations by name
 * prefix.
 */
@AutoConfiguration(
    before = ApiMartAutoConfiguration.class,
    afterName = {
      // Boot 4, then Boot 3: the registry's auto-configuration moved; this class serves both.
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"
    })
@ConditionalOnBootGeneration
@ConditionalOnClass({ObservationRegistry.class, ApiMartClient.class})
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(ApiMartProperties.class)
public final class ApiMartObservationAutoConfiguration {

  /** Only for Spring. */
  public ApiMartObservationAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(ClientObserver.class)
  ObservationClientObserver apiMartObservationClientObserver(
      ObservationRegistry registry,
      ApiMartProperties properties,
      ObjectProvider<ApiMartObservationConvention> convention,
      ObjectProvider<ApiMartClient> client) {
    return new ObservationClientObserver(
        registry,
        convention.getIfUnique(),
        new DefaultApiMartObservationConvention(properties.getObservations().isIncludePrompt()),
        new ClientCatalog(client));
  }

  /**
   * The catalog of the client being observed, looked up at its first operation: the observer is
   * created before the client. The default catalog when there is no unique client.
   */
  static final class ClientCatalog implements Supplier<ModelCatalog> {
    private final ObjectProvider<ApiMartClient> client;
    private volatile @Nullable ModelCatalog catalog;

    ClientCatalog(ObjectProvider<ApiMartClient> client) {
      this.client = client;
    }

    @Override
    public ModelCatalog get() {
      ModelCatalog known = catalog;
      if (known == null) {
        ApiMartClient unique = client.getIfUnique();
        if (unique == null) {
          return ModelCatalog.defaults();
        }
        known = unique.modelCatalog();
        catalog = known;
      }
      return known;
    }
  }
}
