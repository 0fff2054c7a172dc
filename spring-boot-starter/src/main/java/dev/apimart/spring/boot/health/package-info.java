/**
 * The Actuator health contributor {@code apimart}: probes the free {@code /v1/balance}, never a
 * billable call, caches the answer, and reports the balance. Active only when Spring Boot's health
 * support ({@code spring-boot-health} in Boot 4, {@code spring-boot-actuator} in Boot 3) is on the
 * class path and {@code management.health.apimart.enabled} is not false.
 */
@NullMarked
package dev.apimart.spring.boot.health;

import org.jspecify.annotations.NullMarked;
