package dev.apimart.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawHttpServerTest {

  static final Duration WAIT = Duration.ofSeconds(10);

  final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();

  static Socket connect(RawHttpServer server) throws IOException {
    URI uri = server.uri("/");
    Socket socket = new Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout((int) WAIT.toMillis());
    return socket;
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  static String readAll(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void recordsTheRequestAndAnswersWithTheGivenStatusHeadersAndBody() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.start(RawHttpServer.answer(201, "made ✓", "X-Answer", "42"))) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(server.uri("/v1/things?x=y"))
                  .timeout(WAIT)
                  .header("X-Probe", "a")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.headers().firstValue("x-answer")).hasValue("42");
      assertThat(response.body()).isEqualTo("made ✓");
      RawHttpServer.Request seen = server.awaitRequest();
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.path()).isEqualTo("/v1/things?x=y");
      assertThat(seen.header("x-probe")).isEqualTo("a");
      assertThat(seen.header("X-PROBE")).as("case-insensitive").isEqualTo("a");
      assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
      assertThat(server.requests()).containsExactly(seen);
    }
  }

  @Test
  void readsAChunkedBodyAndAnswersExpectContinue() throws Exception {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "ok"));
        Socket socket = connect(server)) {
      send(
          socket,
          "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n");
      send(socket, "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");

      String answer = readAll(socket);

      assertThat(answer)
          .startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 ")
          .contains("Content-Length: 2\r\n", "Connection: close\r\n")
          .endsWith("\r\n\r\nok");
      assertThat(server.awaitRequest().body()).asString().isEqualTo("abcdefg");
    }
  }

  @Test
  void afterReleaseHoldsTheAnswerUntilTheTestReleasesIt() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.start(RawHttpServer.afterRelease(RawHttpServer.answer(204, "")))) {
      CompletableFuture<HttpResponse<Void>> answer =
          client.sendAsync(
              HttpRequest.newBuilder(server.uri("/held")).timeout(WAIT).build(),
              HttpResponse.BodyHandlers.discarding());
      server.awaitRequest();

      assertThat(answer).isNotDone();
      server.release();

      assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void faultsArriveAsTheirNamesSay() throws Exception {
    try (RawHttpServer truncated = RawHttpServer.start(RawHttpServer.truncatedBody());
        Socket socket = connect(truncated)) {
      send(socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readAll(socket)).contains("Content-Length: 100\r\n").endsWith("\r\n0123456789");
    }
    try (RawHttpServer closing = RawHttpServer.start(RawHttpServer.closeWithoutAnswer());
        Socket socket = connect(closing)) {
      send(socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    try (RawHttpServer resetting = RawHttpServer.start(RawHttpServer.reset());
        Socket socket = connect(resetting)) {
      send(socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void stallBodySendsHalfTheBodyAndNoticesTheClientGivingUp() throws Exception {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.stallBody())) {
      try (Socket socket = connect(server)) {
        send(socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        InputStream in = socket.getInputStream();
        String head =
            "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        byte[] sent = in.readNBytes(head.length() + 10);
        assertThat(new String(sent, StandardCharsets.ISO_8859_1)).isEqualTo(head + "\0".repeat(10));
        server.awaitRequest();
        assertThat(server.awaitClientClose(Duration.ZERO)).isFalse();
      }

      assertThat(server.awaitClientClose(WAIT)).isTrue();
    }
  }

  @Test
  void closingTheServerEndsAnExchangeWithoutCountingItAsTheClientGivingUp() throws Exception {
    RawHttpServer server = RawHttpServer.start(RawHttpServer.neverAnswer());
    try (Socket socket = connect(server)) {
      send(socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
      server.awaitRequest();

      server.close();

      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(server.awaitClientClose(Duration.ZERO)).isFalse();
      server.close();
    }
  }

  @Test
  void answerRefusesWhatHttpDoesNotAllow() {
    assertThatThrownBy(() -> RawHttpServer.answer(204, "body"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("204");
    assertThatThrownBy(() -> RawHttpServer.answer(200, "", "Location"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("headerPairs");
  }
}
