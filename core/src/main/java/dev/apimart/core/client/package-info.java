/**
 * The SDK's entry point: {@link dev.apimart.core.client.ApiMartClient} submits generations, waits
 * for them with few well-timed status requests, retries only what is safe to retry, and downloads
 * the images. Its options are immutable values with builders.
 */
@NullMarked
package dev.apimart.core.client;

import org.jspecify.annotations.NullMarked;
