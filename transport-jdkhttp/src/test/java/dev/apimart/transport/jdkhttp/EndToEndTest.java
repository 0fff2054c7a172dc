package dev.apimart.transport.jdkhttp;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.testkit.contract.ClientEndToEndContract;

/** The whole SDK over the JDK transport against the fake service, for each model. */
class EndToEndTest extends ClientEndToEndContract {

  @Override
  protected HttpTransport createTransport() {
    return JdkHttpTransport.create();
  }

  @Override
  protected String expectedTransportName() {
    return "jdk";
  }
}
