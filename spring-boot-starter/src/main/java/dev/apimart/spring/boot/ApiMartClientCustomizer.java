package dev.apimart.spring.boot;

import dev.apimart.core.client.ApiMartClient;

/**
 * Adjusts the auto-configured {@link ApiMartClient} before it is built, for what properties cannot
 * express: a progress listener, a shared scheduler, a hand-made retry policy. Every customizer bean
 * is applied, in {@link org.springframework.core.annotation.Order @Order} / {@link
 * org.springframework.core.Ordered} order, after the {@code apimart.*} properties, so a
 * customizer's setting wins over a property's.
 */
@FunctionalInterface
public interface ApiMartClientCustomizer {

  /**
   * Customizes the builder; do not call {@code build()}.
   *
   * @param builder the builder, already holding the {@code apimart.*} settings
   */
  void customize(ApiMartClient.Builder builder);
}
