package dev.apimart.transport.feign;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportSettings;

/**
 * Makes {@link FeignTransport} discoverable through {@link java.util.ServiceLoader}, over Feign's
 * default client. With priority 50 it yields to the JDK transport when both are on the class path;
 * select it by name with {@code -Dapimart.transport=feign}, or pass a {@link FeignTransport} built
 * over your own {@code feign.Client} to the client builder.
 */
public final class FeignTransportProvider implements TransportProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public FeignTransportProvider() {}

  @Override
  public String name() {
    return "feign";
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public String artifact() {
    return "dev.apimart:apimart-transport-feign";
  }

  @Override
  public HttpTransport create(TransportSettings settings) {
    return FeignTransport.create(settings);
  }
}
