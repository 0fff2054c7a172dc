/**
 * Spring Boot auto-configuration of the ApiMart client: {@link
 * dev.apimart.spring.boot.ApiMartAutoConfiguration} creates the HTTP transport and the {@code
 * ApiMartClient} from {@link dev.apimart.spring.boot.ApiMartProperties} ({@code apimart.*}), each
 * only when the application has not defined its own, and {@link
 * dev.apimart.spring.boot.ApiMartClientCustomizer} beans adjust the client's builder.
 */
@NullMarked
package dev.apimart.spring.boot;

import org.jspecify.annotations.NullMarked;
