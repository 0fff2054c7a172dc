package dev.apimart.transport.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.port.TransportRequest;
import dev.apimart.testkit.contract.RawHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only the JDK transport has: a client passed in and its builder. How it moves bytes and fails
 * is the testkit's {@code HttpTransportContract}, run for HTTP/1.1 and HTTP/2 in {@code
 * JdkHttpTransportContractTest}.
 */
class JdkHttpTransportTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  JdkHttpTransport transport;

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
  }

  static TransportRequest get(URI uri) {
    return TransportRequest.builder().method("GET").uri(uri).timeout(TIMEOUT).build();
  }

  @Test
  void passedInClientStaysOpenAfterClose() {
    HttpClient mine = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(204, ""))) {
      transport = JdkHttpTransport.builder().httpClient(mine).build();

      transport.execute(get(server.uri("/a")));
      transport.close();

      JdkHttpTransport again = JdkHttpTransport.builder().httpClient(mine).build();
      assertThat(again.execute(get(server.uri("/b"))).status()).isEqualTo(204);
      assertThat(again.name()).isEqualTo("jdk");
      assertThat(again.toString()).contains("passed in");
    }
  }

  @Test
  void connectTimeoutBelongsOnTheClientThatWasPassedIn() {
    JdkHttpTransport.Builder builder =
        JdkHttpTransport.builder()
            .httpClient(HttpClient.newHttpClient())
            .connectTimeout(Duration.ofSeconds(1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connectTimeout");
  }

  @Test
  void builderChecksItsArguments() {
    assertThatThrownBy(() -> JdkHttpTransport.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> JdkHttpTransport.builder().httpClient(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("httpClient");
  }

  @Test
  void recognizesTheJdkSettingThatWouldRepeatSubmissions() {
    assertThat(JdkHttpTransport.repeatsEveryMethod(name -> null)).isFalse();
    assertThat(JdkHttpTransport.repeatsEveryMethod(name -> "false")).isFalse();
    assertThat(JdkHttpTransport.repeatsEveryMethod(name -> "")).isTrue();
    assertThat(JdkHttpTransport.repeatsEveryMethod(name -> "true")).isTrue();
    assertThat(
            JdkHttpTransport.repeatsEveryMethod(
                name -> name.equals("jdk.httpclient.enableAllMethodRetry") ? "true" : null))
        .isTrue();
  }
}
