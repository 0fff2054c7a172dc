/**
 * The driven port: how core reaches the network. {@link dev.apimart.core.port.HttpTransport} is
 * HTTP-shaped and small (like Feign's {@code Client}), so JSON, error mapping, retries, polling and
 * redaction live in core once and every transport is a thin byte mover. Transports are found with
 * {@link java.util.ServiceLoader} through {@link dev.apimart.core.port.TransportProvider}. The
 * package {@link dev.apimart.core.port.support} helps transport authors with what every transport
 * needs: failures classified the way core relies on, and daemon thread pools. The package depends
 * on the JDK alone (and core's error types).
 */
@NullMarked
package dev.apimart.core.port;

import org.jspecify.annotations.NullMarked;
