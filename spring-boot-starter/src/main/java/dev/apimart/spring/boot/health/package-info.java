/**
 * The Actuator health contributor {@code apimart}: probes the free {@code /v1/balance}, never a
 * billable call, caches the answer, and reports the balance. Active only when {@code
 * spring-boot-health} is on the class path and {@code management.health.apimart.enabled} is not
 * false.
 */
@NullMarked
package dev.apimart.spring.boot.health;

import org.jspecify.annotations.NullMarked;
