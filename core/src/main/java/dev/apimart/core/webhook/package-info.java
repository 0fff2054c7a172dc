/**
 * Receiving ApiMart's task callbacks: {@link dev.apimart.core.webhook.WebhookEvent} decodes a
 * callback into the same task a status query gives, {@link
 * dev.apimart.core.webhook.WebhookDeduplicator} handles a repeated delivery once. The HTTP endpoint
 * itself belongs to the application or the Spring Boot starter.
 */
@NullMarked
package dev.apimart.core.webhook;

import org.jspecify.annotations.NullMarked;
