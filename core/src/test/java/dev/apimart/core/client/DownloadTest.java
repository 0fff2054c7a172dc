package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.DownloadException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {

  private static final byte[] PNG = png(1000);
  private static final Map<String, List<String>> PNG_HEADERS =
      Map.of("content-type", List.of("image/png"));
  private static final String PATH = "/img/a.png";
  private static final GeneratedImage IMAGE =
      new GeneratedImage(URI.create("https://cdn.example.com/img/a.png?sig=SECRET"), null, null);

  @TempDir Path dir;

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  private static byte[] png(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 7);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return bytes;
  }

  private ApiMartClient client() {
    return TestClients.builder(transport, time).maxDownloadBytes(4096).build();
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void writesTheImageAndSendsNoApiKeyToTheImageHost() throws IOException {
    transport.on("GET", PATH, FakeTransport.bytes(200, PNG_HEADERS, PNG));
    Path target = dir.resolve("out.png");
    try (ApiMartClient client = client()) {
      assertThat(client.download(IMAGE, target)).isEqualTo(PNG.length);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(PNG);
    assertThat(files()).containsExactly(target);
    assertThat(transport.requests().get(0).header("authorization")).isNull();
    assertThat(transport.requests().get(0).streaming()).isTrue();
    assertThat(transport.requests().get(0).uri()).isEqualTo(IMAGE.url());
  }

  @Test
  void streamsToAnOutputStream() {
    transport.on("GET", PATH, FakeTransport.bytes(200, PNG_HEADERS, PNG));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ApiMartClient client = client()) {
      client.download(IMAGE, out);
    }
    assertThat(out.toByteArray()).isEqualTo(PNG);
  }

  @Test
  void refusesAnImageLargerThanTheLimitFromItsDeclaredLength() throws IOException {
    transport.on(
        "GET",
        PATH,
        FakeTransport.bytes(
            200,
            Map.of("content-type", List.of("image/png"), "content-length", List.of("999999")),
            PNG));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(IMAGE, dir.resolve("big.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("larger than the limit of 4096 bytes");
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void refusesAnImageThatTurnsOutLargerThanTheLimitAndLeavesNoPartialFile() throws IOException {
    transport.on("GET", PATH, FakeTransport.bytes(200, PNG_HEADERS, png(10_000)));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(IMAGE, dir.resolve("big.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("more than 4096 bytes");
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void refusesContentThatIsNotAnImage() {
    transport.on(
        "GET",
        PATH,
        FakeTransport.reply(
            200, Map.of("content-type", List.of("text/html")), "<html>login</html>"));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(IMAGE, dir.resolve("x.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("'text/html'");
    }
  }

  @Test
  void acceptsAnUntypedBodyOnlyWhenItStartsLikeAnImage() throws IOException {
    transport
        .on("GET", PATH, FakeTransport.bytes(200, Map.of(), PNG))
        .on("GET", "/img/b.png", FakeTransport.bytes(200, Map.of(), "not an image".getBytes()));
    GeneratedImage other =
        new GeneratedImage(URI.create("https://cdn.example.com/img/b.png"), null, null);
    try (ApiMartClient client = client()) {
      client.download(IMAGE, dir.resolve("a.png"));
      assertThatThrownBy(() -> client.download(other, dir.resolve("b.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("does not start like");
    }
    assertThat(files()).containsExactly(dir.resolve("a.png"));
  }

  @Test
  void followsRedirectsWithinHttps() throws IOException {
    transport
        .on(
            "GET",
            PATH,
            FakeTransport.reply(302, Map.of("location", List.of("/img/moved.png")), ""))
        .on(
            "GET",
            "/img/moved.png",
            FakeTransport.reply(
                308, Map.of("location", List.of("https://other.example.com/final.png")), ""))
        .on("GET", "/final.png", FakeTransport.bytes(200, PNG_HEADERS, PNG));
    try (ApiMartClient client = client()) {
      client.download(IMAGE, dir.resolve("a.png"));
    }
    assertThat(transport.requests()).hasSize(3);
    assertThat(transport.requests().get(2).uri())
        .isEqualTo(URI.create("https://other.example.com/final.png"));
    assertThat(Files.readAllBytes(dir.resolve("a.png"))).isEqualTo(PNG);
  }

  @Test
  void neverFollowsARedirectFromHttpsToHttp() {
    transport.on(
        "GET",
        PATH,
        FakeTransport.reply(
            301, Map.of("location", List.of("http://cdn.example.com/img/a.png")), ""));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(IMAGE, dir.resolve("a.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("https to plain http");
    }
    assertThat(transport.requests()).hasSize(1);
  }

  @Test
  void stopsAfterTooManyRedirects() {
    transport.handler(
        r -> FakeTransport.reply(307, Map.of("location", List.of(PATH)), "").respond(r));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(IMAGE, dir.resolve("a.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("Too many redirects");
    }
    assertThat(transport.requests()).hasSize(6);
  }

  @Test
  void aBrokenTransferIsRetriedAndLeavesNoPartialFile() throws IOException {
    Path target = dir.resolve("a.png");
    transport.on(
        "GET",
        PATH,
        FakeTransport.breaking(200, PNG_HEADERS, Arrays.copyOf(PNG, 100)),
        FakeTransport.bytes(200, PNG_HEADERS, PNG));
    try (ApiMartClient client = client()) {
      client.download(IMAGE, target);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(PNG);
    assertThat(files()).containsExactly(target);
  }

  @Test
  void aTransferThatKeepsBreakingFailsAndKeepsTheOldFileIntact() throws IOException {
    Path target = dir.resolve("a.png");
    Files.write(target, new byte[] {1, 2, 3});
    transport.handler(
        r -> FakeTransport.breaking(200, PNG_HEADERS, Arrays.copyOf(PNG, 100)).respond(r));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(IMAGE, target))
          .isInstanceOf(DownloadException.class)
          .hasMessageNotContaining("SECRET");
    }
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    assertThat(files()).containsExactly(target);
    assertThat(transport.requests()).hasSize(3);
  }

  @Test
  void serverErrorsAreRetriedButAGoneImageIsNotAndMentionsExpiry() {
    GeneratedImage expired =
        new GeneratedImage(
            URI.create("https://cdn.example.com/img/a.png?sig=SECRET"),
            Instant.parse("2020-01-01T00:00:00Z"),
            null);
    transport.on(
        "GET",
        PATH,
        FakeTransport.reply(503, Map.of(), "busy"),
        FakeTransport.reply(403, Map.of(), "expired"));
    try (ApiMartClient client = client()) {
      assertThatThrownBy(() -> client.download(expired, dir.resolve("a.png")))
          .isInstanceOf(DownloadException.class)
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining("expired at 2020-01-01")
          .hasMessageNotContaining("SECRET");
    }
    assertThat(transport.requests()).hasSize(2);
  }
}
