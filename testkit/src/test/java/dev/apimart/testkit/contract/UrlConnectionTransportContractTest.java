package dev.apimart.testkit.contract;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportSettings;

/** Proves the contract suite can be passed: the JDK-only reference transport passes it. */
class UrlConnectionTransportContractTest extends HttpTransportContract {

  @Override
  protected HttpTransport createTransport(TransportSettings settings) {
    return new UrlConnectionTransport(settings);
  }
}
