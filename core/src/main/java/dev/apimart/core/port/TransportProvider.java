package dev.apimart.core.port;

/**
 * Service-provider interface that lets {@code ApiMartClient} find a transport on the class path
 * ({@code META-INF/services/dev.apimart.core.port.TransportProvider}). When several are present,
 * the highest {@link #priority()} wins unless one is named by the system property {@code
 * apimart.transport} or the environment variable {@code APIMART_TRANSPORT}.
 */
public interface TransportProvider {

  /** The name users select it by, e.g. {@code "jdk"} or {@code "feign"}. */
  String name();

  /** Higher wins when nothing is named; the JDK transport uses 100, Feign 50. */
  int priority();

  /** The Maven coordinates of the artifact that ships this provider, for error messages. */
  String artifact();

  /** Builds a new transport owned by the client that asked for it. */
  HttpTransport create(TransportSettings settings);
}
