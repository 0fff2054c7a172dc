/**
 * The engines' view of time: a {@link dev.apimart.core.internal.time.Timer} that schedules and
 * sleeps, so tests can drive retries and polling in virtual time without real sleeps.
 */
@NullMarked
package dev.apimart.core.internal.time;

import org.jspecify.annotations.NullMarked;
