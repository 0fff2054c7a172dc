package dev.apimart.transport.feign;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.testkit.contract.ClientEndToEndContract;
import feign.Client;
import feign.hc5.ApacheHttp5Client;
import feign.http2client.Http2Client;
import feign.okhttp.OkHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The whole SDK over the Feign transport, with Feign's default client and three of its modules,
 * against the fake service, for each model.
 */
class EndToEndTest {

  abstract static class OverFeign extends ClientEndToEndContract {
    abstract Client feignClient();

    @Override
    protected HttpTransport createTransport() {
      return FeignTransport.builder().client(feignClient()).build();
    }

    @Override
    protected String expectedTransportName() {
      return "feign";
    }
  }

  @Nested
  class DefaultClient extends OverFeign {
    @Override
    Client feignClient() {
      return new Client.Default(null, null);
    }
  }

  @Nested
  class OkHttp extends OverFeign {
    @Override
    Client feignClient() {
      return new OkHttpClient();
    }
  }

  @Nested
  class ApacheHttpClient5 extends OverFeign {
    CloseableHttpClient hc5;

    @Override
    Client feignClient() {
      // The library's own retries would hide 429/503 from the SDK's retry engine.
      hc5 = HttpClients.custom().disableAutomaticRetries().build();
      return new ApacheHttp5Client(hc5);
    }

    @AfterEach
    void closeHc5() {
      hc5.close(CloseMode.IMMEDIATE);
    }
  }

  @Nested
  class Java11 extends OverFeign {
    @Override
    Client feignClient() {
      return new Http2Client();
    }
  }
}
