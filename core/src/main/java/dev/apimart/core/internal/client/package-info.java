/**
 * The client's plumbing, kept out of the public facade: running and cancelling async calls ({@link
 * dev.apimart.core.internal.client.AsyncCalls}, {@link
 * dev.apimart.core.internal.client.RunningCalls}) and resolving the builder's configuration ({@link
 * dev.apimart.core.internal.client.ConfigurationResolver}). Knows nothing of the public client
 * types, so the package graph stays free of cycles.
 */
@NullMarked
package dev.apimart.core.internal.client;

import org.jspecify.annotations.NullMarked;
