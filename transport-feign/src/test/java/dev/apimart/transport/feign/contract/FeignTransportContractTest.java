package dev.apimart.transport.feign.contract;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.contract.HttpTransportContract;
import dev.apimart.transport.feign.FeignTransport;
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
 * The testkit's transport contract, over Feign's default client and three of its modules. Of them
 * only the Java 11 client stops reading when its thread is interrupted; the others finish the read
 * they are blocked in, so a cancelled exchange gives up its connection when its timeout ends.
 */
class FeignTransportContractTest {

  static HttpTransport over(Client client, TransportSettings settings) {
    return FeignTransport.builder()
        .client(client)
        .connectTimeout(settings.connectTimeout())
        .build();
  }

  @Nested
  class DefaultClient extends HttpTransportContract {
    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
      return over(new Client.Default(null, null), settings);
    }

    @Override
    protected boolean abortsABlockedExchange() {
      return false;
    }
  }

  @Nested
  class OkHttp extends HttpTransportContract {
    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
      return over(new OkHttpClient(), settings);
    }

    @Override
    protected boolean abortsABlockedExchange() {
      return false;
    }
  }

  @Nested
  class ApacheHc5 extends HttpTransportContract {
    private CloseableHttpClient hc5;

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
      // HC5's default strategy repeats a GET answered 429 or 503 on its own; the SDK decides that.
      hc5 = HttpClients.custom().disableAutomaticRetries().build();
      return over(new ApacheHttp5Client(hc5), settings);
    }

    @Override
    protected boolean abortsABlockedExchange() {
      return false;
    }

    @AfterEach
    void closeHc5() {
      hc5.close(CloseMode.IMMEDIATE);
    }
  }

  @Nested
  class Java11 extends HttpTransportContract {
    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
      return over(new Http2Client(), settings);
    }
  }
}
