package dev.apimart.reliability.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.testkit.contract.RawHttpServer;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResetConnectionTest {
  HttpTransport transport = JdkHttpTransport.create(); // the transport under test
  byte[] body = "{\"model\":\"z-image-turbo\"}".getBytes(StandardCharsets.UTF_8);
  Duration timeout = Duration.ofSeconds(5);

  @AfterEach
  void close() throws Exception {
    transport.close();
  }

  @Test
  void aResetIsAConnectionLost() {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.reset())) {
      TransportException e =
          assertThrows(
              TransportException.class,
              () ->
                  transport.execute(
                      TransportRequest.builder()
                          .method("POST")
                          .uri(server.uri("/v1/images/generations"))
                          .body(RequestBody.ofBytes(body, "application/json"))
                          .timeout(timeout)
                          .build()));
      assertEquals(TransportException.Kind.CONNECTION_LOST, e.kind());
    }
  }
}
