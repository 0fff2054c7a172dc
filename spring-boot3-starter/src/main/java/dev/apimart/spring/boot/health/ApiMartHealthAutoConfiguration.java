package dev.apimart.spring.boot.health;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.ApiMartProperties;
import dev.apimart.spring.boot.internal.ConditionalOnBootGeneration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link ApiMartHealthIndicator} as the health contributor {@code apimart} when Spring
 * Boot's health support is on the class path (as with {@code spring-boot-starter-actuator}), an
 * {@link ApiMartClient} bean exists, and {@code management.health.apimart.enabled} is not false.
 * Its cache TTL is {@code apimart.health.cache-ttl} and its probe timeout {@code
 * apimart.health.timeout}; its clock is the unique {@link Clock} bean when there is one.
 */
@AutoConfiguration(after = ApiMartAutoConfiguration.class)
@ConditionalOnBootGeneration
@ConditionalOnClass({HealthIndicator.class, ApiMartClient.class})
@ConditionalOnBean(ApiMartClient.class)
@ConditionalOnEnabledHealthIndicator("apimart")
@EnableConfigurationProperties(ApiMartProperties.class)
public final class ApiMartHealthAutoConfiguration {

  /** Only for Spring. */
  public ApiMartHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = {"apimartHealthIndicator", "apimartHealthContributor"})
  ApiMartHealthIndicator apimartHealthIndicator(
      ApiMartClient client, ApiMartProperties properties, ObjectProvider<Clock> clock) {
    return new ApiMartHealthIndicator(
        client,
        BalanceProbe.cacheTtl(properties),
        BalanceProbe.timeout(properties),
        clock.getIfUnique(Clock::systemUTC));
  }
}
