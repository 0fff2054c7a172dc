/**
 * Finds the HTTP transport to use: an explicit one wins, then one named by system property or
 * environment variable, then the {@link java.util.ServiceLoader} provider with the highest
 * priority.
 */
@NullMarked
package dev.apimart.core.internal.discovery;

import org.jspecify.annotations.NullMarked;
