/**
 * Help for transport authors, beside the SPI in {@link dev.apimart.core.port}: {@link
 * dev.apimart.core.port.support.TransportFailures} classifies a failure the way core relies on
 * (whether the request may have been sent decides whether a submission may be retried), and {@link
 * dev.apimart.core.port.support.DaemonThreads} makes the daemon thread pools a transport needs.
 * Public API (ADR 0019); depends on the port, core's error types and the JDK.
 */
@NullMarked
package dev.apimart.core.port.support;

import org.jspecify.annotations.NullMarked;
