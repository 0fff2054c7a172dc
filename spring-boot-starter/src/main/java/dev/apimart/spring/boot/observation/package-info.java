/**
 * Micrometer observations of the ApiMart client: one {@code apimart.client.operation} observation
 * per generate, submission, status request (poll), wait and balance read, tagged in line with
 * Spring AI's {@code gen_ai} conventions. Active only when Micrometer's {@code ObservationRegistry}
 * is a bean. The prompt is recorded only with {@code apimart.observations.include-prompt=true}.
 */
@NullMarked
package dev.apimart.spring.boot.observation;

import org.jspecify.annotations.NullMarked;
