/**
 * Reliability and security tests of the whole SDK against the testkit's fake service over real
 * transports: the fault matrix, secrets in logs and exceptions, download safety and the soak run.
 */
@NullMarked
package dev.apimart.reliability;

import org.jspecify.annotations.NullMarked;
