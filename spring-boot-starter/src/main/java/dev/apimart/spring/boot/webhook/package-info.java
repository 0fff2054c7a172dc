/**
 * Receiving ApiMart's task callbacks in a Spring application: with {@code
 * apimart.webhook.enabled=true} the starter serves an endpoint (Spring MVC or WebFlux) that checks
 * the secret in the callback URL, de-duplicates deliveries and publishes an {@link
 * dev.apimart.spring.boot.webhook.ApiMartTaskFinishedEvent} per finished task; {@link
 * dev.apimart.spring.boot.webhook.ApiMartWebhooks} builds the webhook URL to put in a request.
 */
@NullMarked
package dev.apimart.spring.boot.webhook;

import org.jspecify.annotations.NullMarked;
