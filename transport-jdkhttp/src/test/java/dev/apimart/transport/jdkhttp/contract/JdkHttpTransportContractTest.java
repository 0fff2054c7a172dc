package dev.apimart.transport.jdkhttp.contract;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.contract.HttpTransportContract;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Nested;

/** The testkit's transport contract, for both ways the JDK transport speaks HTTP. */
class JdkHttpTransportContractTest {

  @Nested
  class Http11 extends HttpTransportContract {
    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
      return JdkHttpTransport.builder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(settings.connectTimeout())
          .build();
    }
  }

  @Nested
  class Http2WithFallback extends HttpTransportContract {
    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
      return JdkHttpTransport.create(settings);
    }
  }
}
