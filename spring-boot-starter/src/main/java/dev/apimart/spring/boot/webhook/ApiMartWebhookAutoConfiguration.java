package dev.apimart.spring.boot.webhook;

import dev.apimart.core.webhook.WebhookDeduplicator;
import dev.apimart.spring.boot.ApiMartProperties;
import dev.apimart.spring.boot.internal.ConditionalOnBootGeneration;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * With {@code apimart.webhook.enabled=true}: the endpoint that receives ApiMart's task callbacks at
 * {@code <apimart.webhook.path>/<secret>/callback} on Spring MVC or WebFlux, and {@link
 * ApiMartWebhooks} to build the URL to give ApiMart. Start-up fails with a report when the secret
 * is missing, shorter than {@value ApiMartWebhooks#MIN_SECRET_LENGTH} characters or not URL-safe.
 *
 * <p>Events are published on an executor, never on the request's thread: the bean named {@value
 * #EXECUTOR_BEAN} if the application defines one, else Spring Boot's {@code
 * applicationTaskExecutor} (configured by {@code spring.task.execution.*}), else a thread per
 * event.
 */
@AutoConfiguration
@ConditionalOnBootGeneration
@ConditionalOnClass(WebhookDeduplicator.class)
@ConditionalOnProperty(prefix = "apimart.webhook", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ApiMartProperties.class)
@Import({MvcWebhookEndpoint.class, WebFluxWebhookEndpoint.class})
public final class ApiMartWebhookAutoConfiguration {

  /** The name of an {@link Executor} bean that, when defined, publishes the events. */
  public static final String EXECUTOR_BEAN = "apiMartWebhookExecutor";

  private static final String BOOT_EXECUTOR_BEAN = "applicationTaskExecutor";

  /** Only for Spring. */
  public ApiMartWebhookAutoConfiguration() {}

  /**
   * @throws WebhookConfigurationException (wrapped by Spring) when a property is missing or wrong
   */
  @Bean
  @ConditionalOnMissingBean
  ApiMartWebhooks apiMartWebhooks(ApiMartProperties properties, Environment environment) {
    return ApiMartWebhooks.from(properties.getWebhook(), environment::resolveRequiredPlaceholders);
  }

  @Bean
  WebhookReceiver apiMartWebhookReceiver(
      ApiMartWebhooks webhooks,
      ApiMartProperties properties,
      ApplicationEventPublisher publisher,
      BeanFactory beans,
      ObjectProvider<Clock> clock) {
    int capacity = properties.getWebhook().getDeduplicationCapacity();
    if (capacity < 1) {
      throw new WebhookConfigurationException(
          "deduplication-capacity",
          "apimart.webhook.deduplication-capacity must be at least 1, got " + capacity);
    }
    return new WebhookReceiver(
        webhooks.secret(),
        new WebhookDeduplicator(capacity),
        publisher,
        executor(beans),
        clock.getIfUnique(Clock::systemUTC));
  }

  private static Executor executor(BeanFactory beans) {
    if (beans.containsBean(EXECUTOR_BEAN)) {
      return beans.getBean(EXECUTOR_BEAN, Executor.class);
    }
    if (beans.containsBean(BOOT_EXECUTOR_BEAN)
        && beans.isTypeMatch(BOOT_EXECUTOR_BEAN, Executor.class)) {
      return beans.getBean(BOOT_EXECUTOR_BEAN, Executor.class);
    }
    return new SimpleAsyncTaskExecutor("apimart-webhook-");
  }
}
