/**
 * Capability rules: checks a {@link dev.apimart.core.model.GenerationRequest} against what the
 * chosen model accepts ({@link dev.apimart.core.model.ModelCapabilities}) before any network call
 * or money is spent, and reports every problem at once.
 */
@NullMarked
package dev.apimart.core.capability;

import org.jspecify.annotations.NullMarked;
