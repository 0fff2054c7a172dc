package dev.apimart.testkit.contract;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportSettings;

/**
 * The whole SDK over the JDK-only reference transport against the fake: every seed model, and every
 * model of the default catalog at its documented sizes and tiers.
 */
class UrlConnectionClientEndToEndTest extends ClientEndToEndContract {

  @Override
  protected HttpTransport createTransport() {
    return new UrlConnectionTransport(TransportSettings.defaults());
  }

  @Override
  protected String expectedTransportName() {
    return "url-connection";
  }
}
