package dev.apimart.transport.jdkhttp;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportSettings;

/**
 * Makes {@link JdkHttpTransport} discoverable: {@code ApiMartClient} finds it through {@link
 * java.util.ServiceLoader} when this artifact is on the class path, and prefers it (priority 100)
 * over the Feign transport. Select it by name with {@code -Dapimart.transport=jdk}.
 */
public final class JdkHttpTransportProvider implements TransportProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public JdkHttpTransportProvider() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public String artifact() {
    return "dev.apimart:apimart-transport-jdkhttp";
  }

  @Override
  public HttpTransport create(TransportSettings settings) {
    return JdkHttpTransport.create(settings);
  }
}
