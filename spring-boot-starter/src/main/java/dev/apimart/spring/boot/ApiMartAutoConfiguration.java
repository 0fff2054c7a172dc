package dev.apimart.spring.boot;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.spring.boot.internal.ConditionalOnBootGeneration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.env.Environment;

/**
 * Auto-configures an {@link ApiMartClient} from {@code apimart.*} ({@link ApiMartProperties}).
 *
 * <ul>
 *   <li>An {@link HttpTransport}: the JDK one ({@code apimart-transport-jdkhttp}, shipped with the
 *       starter) or the Feign one ({@code apimart-transport-feign}), chosen by {@code
 *       apimart.transport} and the class path; unless the application defines its own.
 *   <li>The {@link ApiMartClient}, unless the application defines its own: the properties first,
 *       then every {@link ApiMartClientCustomizer} in order. A unique {@link Clock} bean, when
 *       there is one, is its clock; a {@link ClientObserver} bean (the Micrometer one, see {@code
 *       ApiMartObservationAutoConfiguration}) watches its operations. Spring closes it on shutdown.
 *   <li>Catalog entries from {@code apimart.models.*}, added to the client's model catalog.
 *   <li>{@link GenerationRequestDefaults} from {@code apimart.defaults.*}.
 * </ul>
 *
 * A missing API key fails start-up with a report saying to set {@code apimart.api-key} (or {@code
 * APIMART_API_KEY}). A starter built for another Spring Boot generation than the application runs
 * fails start-up with a report naming the starter to use ({@link WrongBootGenerationException}).
 */
@AutoConfiguration
@ConditionalOnBootGeneration
@ConditionalOnClass(ApiMartClient.class)
@EnableConfigurationProperties(ApiMartProperties.class)
@Import({TransportConfigurations.Jdk.class, TransportConfigurations.Feign.class})
public final class ApiMartAutoConfiguration {

  /** Only for Spring. */
  public ApiMartAutoConfiguration() {}

  /**
   * Binds models, sizes, tiers and languages written as on the wire ({@code gpt-image-2}, {@code
   * 16:9}, {@code 2K}, {@code zh}).
   */
  @Bean
  @ConfigurationPropertiesBinding
  static GenericConverter apiMartDomainValueConverter() {
    return new DomainValueConverter();
  }

  /**
   * The client.
   *
   * @throws MissingApiKeyException (wrapped by Spring) when no key is configured
   * @throws ConfigurationException (wrapped by Spring) when a property or the class path cannot
   *     make a client
   */
  @Bean
  @ConditionalOnMissingBean
  ApiMartClient apiMartClient(
      ApiMartProperties properties,
      Environment environment,
      ObjectProvider<HttpTransport> transport,
      ObjectProvider<Clock> clock,
      ObjectProvider<ClientObserver> observer,
      ObjectProvider<ApiMartClientCustomizer> customizers) {
    HttpTransport chosen = transport.getIfAvailable();
    if (chosen == null) {
      throw TransportConfigurations.noTransport(properties.getTransport());
    }
    ApiMartClient.Builder builder =
        ApiMartClientFactory.builder(
            properties,
            environment,
            chosen,
            clock.getIfUnique(Clock::systemUTC),
            observer.getIfUnique());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    try {
      return builder.build();
    } catch (ConfigurationException | IllegalArgumentException e) {
      // Core words its messages for the builder; say which properties feed it.
      throw new ConfigurationException(
          e.getMessage()
              + " (set through apimart.base-url, apimart.allow-insecure-http, apimart.api-key or"
              + " an ApiMartClientCustomizer)");
    }
  }

  /**
   * New requests with {@code apimart.defaults.*}, checked against the client's model catalog (the
   * default one with {@code apimart.models.*} when there is no unique client bean).
   *
   * @throws ConfigurationException (wrapped by Spring) when the default model refuses a default
   */
  @Bean
  @ConditionalOnMissingBean
  GenerationRequestDefaults generationRequestDefaults(
      ApiMartProperties properties, ObjectProvider<ApiMartClient> client) {
    ApiMartClient unique = client.getIfUnique();
    ModelCatalog catalog =
        unique != null ? unique.modelCatalog() : ModelEntries.catalog(properties.getModels());
    return ApiMartClientFactory.defaults(properties.getDefaults(), catalog);
  }
}
