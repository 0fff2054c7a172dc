package dev.apimart.spring.boot;

import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.spring.boot.ApiMartProperties.Transport;
import dev.apimart.transport.feign.FeignTransport;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * The transport beans. {@code apimart.transport=auto} (the default) takes the JDK transport when it
 * is on the class path, else the Feign one — the same order as core's discovery, and like Spring
 * Boot's Redis client choice: the bundled one wins, the other is chosen by name or by excluding the
 * bundled one.
 */
final class TransportConfigurations {

  static final String JDK_CLASS = "dev.apimart.transport.jdkhttp.JdkHttpTransport";
  static final String FEIGN_CLASS = "dev.apimart.transport.feign.FeignTransport";
  static final String JDK_ARTIFACT = "dev.apimart:apimart-transport-jdkhttp";
  static final String FEIGN_ARTIFACT = "dev.apimart:apimart-transport-feign";
  private static final String PROPERTY = "apimart.transport";

  private TransportConfigurations() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = JDK_CLASS)
  @ConditionalOnMissingBean(HttpTransport.class)
  @Conditional(OnJdkTransport.class)
  static class Jdk {
    @Bean
    HttpTransport apiMartHttpTransport(ApiMartProperties properties) {
      return JdkHttpTransport.create(settings(properties));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {FEIGN_CLASS, "feign.Client"})
  @ConditionalOnMissingBean(HttpTransport.class)
  @Conditional(OnFeignTransport.class)
  static class Feign {
    @Bean
    HttpTransport apiMartHttpTransport(ApiMartProperties properties) {
      return FeignTransport.create(settings(properties));
    }
  }

  private static TransportSettings settings(ApiMartProperties properties) {
    Duration connectTimeout = properties.getConnectTimeout();
    try {
      return TransportSettings.builder().connectTimeout(connectTimeout).build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigurationException(
          "Invalid value '"
              + connectTimeout
              + "' for property 'apimart.connect-timeout': "
              + e.getMessage());
    }
  }

  /** Why no transport bean exists, for the client bean to throw. */
  static ConfigurationException noTransport(Transport wanted) {
    return switch (wanted) {
      case JDK ->
          new ConfigurationException(
              "apimart.transport is 'jdk' but "
                  + JDK_ARTIFACT
                  + " is not on the class path. Add that dependency, or set apimart.transport to"
                  + " 'auto' or 'feign'.");
      case FEIGN ->
          new ConfigurationException(
              "apimart.transport is 'feign' but "
                  + FEIGN_ARTIFACT
                  + " (with io.github.openfeign:feign-core) is not on the class path. Add that"
                  + " dependency, or set apimart.transport to 'auto' or 'jdk'.");
      case AUTO ->
          new ConfigurationException(
              "No HTTP transport for ApiMart is on the class path. Add "
                  + JDK_ARTIFACT
                  + " (java.net.http, no further dependencies) or "
                  + FEIGN_ARTIFACT
                  + ", or define an HttpTransport bean.");
    };
  }

  static Transport wanted(ConditionContext context) {
    return Binder.get(context.getEnvironment())
        .bind(PROPERTY, Transport.class)
        .orElse(Transport.AUTO);
  }

  /** {@code apimart.transport} is {@code jdk} or {@code auto}. */
  static final class OnJdkTransport extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      Transport wanted = wanted(context);
      ConditionMessage.Builder message =
          ConditionMessage.forCondition("ApiMart JDK transport", PROPERTY + "=" + wanted);
      return wanted == Transport.FEIGN
          ? ConditionOutcome.noMatch(message.because("Feign was asked for"))
          : ConditionOutcome.match(message.because("JDK transport wanted or first choice"));
    }
  }

  /**
   * {@code apimart.transport} is {@code feign}, or {@code auto} while the JDK transport is absent.
   */
  static final class OnFeignTransport extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(
        ConditionContext context, AnnotatedTypeMetadata metadata) {
      Transport wanted = wanted(context);
      ConditionMessage.Builder message =
          ConditionMessage.forCondition("ApiMart Feign transport", PROPERTY + "=" + wanted);
      if (wanted == Transport.FEIGN) {
        return ConditionOutcome.match(message.because("Feign was asked for"));
      }
      if (wanted == Transport.AUTO && !ClassUtils.isPresent(JDK_CLASS, context.getClassLoader())) {
        return ConditionOutcome.match(
            message.because("the JDK transport is not on the class path"));
      }
      return ConditionOutcome.noMatch(message.because("the JDK transport is chosen"));
    }
  }
}
