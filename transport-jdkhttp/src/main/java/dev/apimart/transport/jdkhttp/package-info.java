/**
 * The SDK's HTTP transport over the JDK's {@code java.net.http.HttpClient}: {@link
 * dev.apimart.transport.jdkhttp.JdkHttpTransport} and the provider that lets {@code ApiMartClient}
 * find it on the class path.
 */
@NullMarked
package dev.apimart.transport.jdkhttp;

import org.jspecify.annotations.NullMarked;
