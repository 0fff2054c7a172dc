/**
 * The SDK's HTTP transport over any {@code feign.Client}: {@link
 * dev.apimart.transport.feign.FeignTransport} and the provider that lets {@code ApiMartClient} find
 * it on the class path.
 */
@NullMarked
package dev.apimart.transport.feign;

import org.jspecify.annotations.NullMarked;
