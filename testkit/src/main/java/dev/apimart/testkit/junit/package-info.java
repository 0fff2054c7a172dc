/**
 * JUnit Jupiter support: {@link dev.apimart.testkit.junit.FakeApiMartExtension} gives every test
 * its own started {@link dev.apimart.testkit.FakeApiMart}, injected into fields or parameters.
 * Needs {@code junit-jupiter-api} on the test class path, which {@code apimart-testkit} does not
 * bring.
 */
@NullMarked
package dev.apimart.testkit.junit;

import org.jspecify.annotations.NullMarked;
