/**
 * The driven port: how core reaches the network. {@link dev.apimart.core.port.HttpTransport} is
 * HTTP-shaped and small (like Feign's {@code Client}), so JSON, error mapping, retries, polling and
 * redaction live in core once and every transport is a thin byte mover. Transports are found with
 * {@link java.util.ServiceLoader} through {@link dev.apimart.core.port.TransportProvider}.
 */
@NullMarked
package dev.apimart.core.port;

import org.jspecify.annotations.NullMarked;
