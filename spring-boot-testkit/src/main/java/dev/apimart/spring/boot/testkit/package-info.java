/**
 * Spring test wiring for the testkit: {@link dev.apimart.spring.boot.testkit.EnableFakeApiMart} on
 * a Spring test class starts a {@code FakeApiMart} for its application context and points {@code
 * apimart.base-url} and {@code apimart.api-key} at it. A separate, test-scoped artifact so that
 * plain testkit users get no Spring and production class paths get no test code.
 */
@NullMarked
package dev.apimart.spring.boot.testkit;

import org.jspecify.annotations.NullMarked;
