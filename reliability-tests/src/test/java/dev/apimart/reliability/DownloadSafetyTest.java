package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.CdnServer;
import dev.apimart.reliability.support.CountingTransport;
import dev.apimart.reliability.support.Tls;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Image downloads through every transport against a scripted image host, plain and TLS: the size
 * limit holds whether or not the server declares a length, only images are accepted, redirects are
 * followed at most five times and never from https to plain http (nor to another scheme), the API
 * key never goes to the image host, and a failed download never leaves a partial file — the target
 * is either the complete image or what it was before.
 */
class DownloadSafetyTest {

  private static final int LIMIT = 64 * 1024;
  private static final String KEY = "sk-download-safety-0123456789abcdef";
  private static final String SIGNED = "?X-Amz-Signature=dOwNlOaDsIgNaTuRe42";

  private static final Map<TransportKind, HttpTransport> TRANSPORTS =
      new EnumMap<>(TransportKind.class);

  private CdnServer http;
  private CdnServer https;
  private VirtualTime time;

  @BeforeAll
  static void startTransports() {
    for (TransportKind kind : TransportKind.values()) {
      TRANSPORTS.put(kind, kind.trusting(Tls.context()));
    }
  }

  @AfterAll
  static void closeTransports() {
    TRANSPORTS.values().forEach(HttpTransport::close);
    TRANSPORTS.clear();
  }

  @BeforeEach
  void startServers() {
    http = CdnServer.http();
    https = CdnServer.https();
    time = VirtualTime.recording();
  }

  @AfterEach
  void stopServers() {
    http.close();
    https.close();
    time.close();
  }

  // ------------------------------------------------------------------------------ size limit

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void refusesAnImageThatDeclaresMoreThanTheLimitWithoutRetrying(
      TransportKind transport, @TempDir Path dir) throws IOException {
    https.on("/big.png", CdnServer.body("image/png", png(LIMIT + 1)));

    Throwable thrown = download(transport, https.url("/big.png" + SIGNED), dir);

    assertThat(thrown)
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("larger than the limit of " + LIMIT);
    assertThat(https.requests("/big.png")).isEqualTo(1);
    assertNothingLeft(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void stopsReadingWhenABodyWithoutLengthGrowsPastTheLimit(
      TransportKind transport, @TempDir Path dir) throws IOException {
    https.on("/endless.png", CdnServer.chunked("image/png", png(8 * LIMIT)));

    Throwable thrown = download(transport, https.url("/endless.png"), dir);

    assertThat(thrown)
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("sent more than " + LIMIT + " bytes");
    assertThat(https.requests("/endless.png")).isEqualTo(1);
    assertNothingLeft(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void acceptsAnImageOfExactlyTheLimit(TransportKind transport, @TempDir Path dir)
      throws IOException {
    byte[] image = png(LIMIT);
    https.on("/exact.png", CdnServer.chunked("image/png", image));

    Throwable thrown = download(transport, https.url("/exact.png"), dir);

    assertThat(thrown).isNull();
    assertThat(Files.readAllBytes(dir.resolve("image.png"))).isEqualTo(image);
  }

  // ------------------------------------------------------------------------------ content type

  static Stream<Arguments> notImages() {
    byte[] html = "<html><body>Access denied</body></html>".getBytes(StandardCharsets.UTF_8);
    List<Arguments> cases = new ArrayList<>();
    for (TransportKind transport : TransportKind.values()) {
      cases.add(Arguments.of(transport, "text/html; charset=utf-8", html));
      cases.add(Arguments.of(transport, "application/json", "{\"error\":\"denied\"}".getBytes()));
      cases.add(Arguments.of(transport, "text/plain", png(200)));
      cases.add(Arguments.of(transport, "application/octet-stream", html));
      cases.add(Arguments.of(transport, null, html));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("notImages")
  void refusesContentThatIsNotAnImageAndKeepsTheOldFile(
      TransportKind transport, @Nullable String contentType, byte[] body, @TempDir Path dir)
      throws IOException {
    https.on("/x.png", CdnServer.body(contentType, body));
    Path target = dir.resolve("image.png");
    byte[] previous = png(100);
    Files.write(target, previous);

    Throwable thrown = download(transport, https.url("/x.png"), dir);

    assertThat(thrown).isInstanceOf(DownloadException.class).hasMessageContaining("image");
    assertThat(Files.readAllBytes(target)).as("the old file is untouched").isEqualTo(previous);
    assertOnlyTarget(dir);
  }

  static Stream<Arguments> images() {
    List<Arguments> cases = new ArrayList<>();
    byte[] jpeg = withHead(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 300);
    byte[] gif = withHead("GIF89a".getBytes(StandardCharsets.US_ASCII), 300);
    byte[] webp = withHead("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 300);
    for (TransportKind transport : TransportKind.values()) {
      cases.add(Arguments.of(transport, "image/png", png(500)));
      cases.add(Arguments.of(transport, "IMAGE/PNG; charset=binary", png(500)));
      cases.add(Arguments.of(transport, "image/jpeg", jpeg));
      cases.add(Arguments.of(transport, "application/octet-stream", png(500)));
      cases.add(Arguments.of(transport, "binary/octet-stream", gif));
      cases.add(Arguments.of(transport, null, webp));
      cases.add(Arguments.of(transport, null, jpeg));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("images")
  void acceptsImagesByTheirTypeOrByTheirFirstBytes(
      TransportKind transport, @Nullable String contentType, byte[] body, @TempDir Path dir)
      throws IOException {
    https.on("/x.png", CdnServer.body(contentType, body));

    Throwable thrown = download(transport, https.url("/x.png"), dir);

    assertThat(thrown).isNull();
    assertThat(Files.readAllBytes(dir.resolve("image.png"))).isEqualTo(body);
    assertOnlyTarget(dir);
  }

  // ------------------------------------------------------------------------------ redirects

  static Stream<Arguments> redirectStatuses() {
    List<Arguments> cases = new ArrayList<>();
    for (TransportKind transport : TransportKind.values()) {
      for (int status : new int[] {301, 302, 303, 307, 308}) {
        cases.add(Arguments.of(transport, status));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("redirectStatuses")
  void followsFiveRedirectsAndNoMore(TransportKind transport, int status, @TempDir Path dir)
      throws IOException {
    byte[] image = png(1000);
    for (int i = 0; i < 6; i++) {
      https.on("/hop" + i, CdnServer.redirect(status, "/hop" + (i + 1) + SIGNED));
    }
    https.on("/hop5", CdnServer.body("image/png", image));
    https.on("/hop6", CdnServer.body("image/png", image));

    assertThat(download(transport, https.url("/hop0" + SIGNED), dir)).isNull();
    assertThat(Files.readAllBytes(dir.resolve("image.png"))).isEqualTo(image);
    assertThat(https.received()).hasSize(6);

    https.on("/hop5", CdnServer.redirect(status, "/hop6"));
    Files.delete(dir.resolve("image.png"));
    Throwable thrown = download(transport, https.url("/hop0"), dir);

    assertThat(thrown)
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("Too many redirects");
    assertThat(https.requests("/hop6")).as("the sixth redirect is not followed").isZero();
    assertNothingLeft(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void stopsARedirectLoop(TransportKind transport, @TempDir Path dir) throws IOException {
    https.on("/a", CdnServer.redirect(302, "/b"));
    https.on("/b", CdnServer.redirect(302, "/a"));

    Throwable thrown = download(transport, https.url("/a"), dir);

    assertThat(thrown).isInstanceOf(DownloadException.class);
    assertThat(https.received()).hasSize(6);
    assertNothingLeft(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void neverFollowsARedirectFromHttpsToPlainHttp(TransportKind transport, @TempDir Path dir)
      throws IOException {
    http.on("/leaked.png", CdnServer.body("image/png", png(500)));
    https.on("/signed.png", CdnServer.redirect(302, http.url("/leaked.png" + SIGNED).toString()));

    Throwable thrown = download(transport, https.url("/signed.png" + SIGNED), dir);

    assertThat(thrown)
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("https to plain http");
    assertThat(thrown.getMessage()).doesNotContain("dOwNlOaDsIgNaTuRe42");
    assertThat(http.received()).as("nothing sent over plain http").isEmpty();
    assertNothingLeft(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void followsARedirectFromHttpToHttps(TransportKind transport, @TempDir Path dir)
      throws IOException {
    byte[] image = png(700);
    https.on("/secure.png", CdnServer.body("image/png", image));
    http.on("/plain.png", CdnServer.redirect(301, https.url("/secure.png").toString()));

    assertThat(download(transport, http.url("/plain.png"), dir)).isNull();
    assertThat(Files.readAllBytes(dir.resolve("image.png"))).isEqualTo(image);
  }

  static Stream<Arguments> badLocations() {
    List<Arguments> cases = new ArrayList<>();
    for (TransportKind transport : TransportKind.values()) {
      cases.add(Arguments.of(transport, "ftp://127.0.0.1/image.png"));
      cases.add(Arguments.of(transport, "file:///etc/passwd"));
      cases.add(Arguments.of(transport, "http://[::1"));
      cases.add(Arguments.of(transport, null));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: Location {1}")
  @MethodSource("badLocations")
  void refusesARedirectToAnotherSchemeOrWithoutAUsableLocation(
      TransportKind transport, @Nullable String location, @TempDir Path dir) throws IOException {
    https.on("/r", CdnServer.redirect(302, location));

    Throwable thrown = download(transport, https.url("/r"), dir);

    assertThat(thrown).isInstanceOf(DownloadException.class);
    assertThat(https.received()).hasSize(1);
    assertNothingLeft(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void neverSendsTheApiKeyToTheImageHostNorAlongRedirects(
      TransportKind transport, @TempDir Path dir) throws IOException {
    https.on("/first.png", CdnServer.redirect(302, "/second.png"));
    https.on("/second.png", CdnServer.body("image/png", png(300)));

    assertThat(download(transport, https.url("/first.png" + SIGNED), dir)).isNull();

    assertThat(https.received()).hasSize(2);
    for (CdnServer.Received request : https.received()) {
      assertThat(request.headers().keySet())
          .noneMatch(name -> name.equalsIgnoreCase("authorization"));
      assertThat(request.headers().toString()).doesNotContain(KEY);
    }
  }

  // ------------------------------------------------------------------------------ partial files

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aBodyCutShortLeavesNoPartialFileAndKeepsTheOldOne(TransportKind transport, @TempDir Path dir)
      throws IOException {
    https.on("/cut.png", CdnServer.truncated("image/png", png(20_000), 10_000));
    Path target = dir.resolve("image.png");
    byte[] previous = png(100);
    Files.write(target, previous);

    Throwable thrown = download(transport, https.url("/cut.png"), dir);

    assertThat(thrown).isInstanceOf(DownloadException.class);
    assertThat(thrown.getCause())
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION_LOST));
    assertThat(https.requests("/cut.png")).as("retried: downloads are idempotent").isEqualTo(3);
    assertThat(Files.readAllBytes(target)).as("the old file is untouched").isEqualTo(previous);
    assertOnlyTarget(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aCompleteDownloadReplacesTheOldFileWhole(TransportKind transport, @TempDir Path dir)
      throws IOException {
    byte[] image = png(30_000);
    https.on("/new.png", CdnServer.chunked("image/png", image));
    Path target = dir.resolve("image.png");
    Files.write(target, png(100));

    assertThat(download(transport, https.url("/new.png"), dir)).isNull();

    assertThat(Files.readAllBytes(target)).isEqualTo(image);
    assertOnlyTarget(dir);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aMissingFileLeavesNothing(TransportKind transport, @TempDir Path dir) throws IOException {
    Throwable thrown = download(transport, https.url("/gone.png" + SIGNED), dir);

    assertThat(thrown)
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("404")
        .hasMessageNotContaining("dOwNlOaDsIgNaTuRe42");
    assertThat(https.requests("/gone.png")).as("a 404 is final").isEqualTo(1);
    assertNothingLeft(dir);
  }

  // ------------------------------------------------------------------------------ helpers

  private @Nullable Throwable download(TransportKind kind, URI url, Path dir) {
    CountingTransport transport = new CountingTransport(TRANSPORTS.get(kind));
    try (ApiMartClient client =
        ApiMartClient.builder()
            .apiKey(KEY)
            .transport(transport)
            .scheduler(time)
            .maxDownloadBytes(LIMIT)
            .requestTimeout(Duration.ofSeconds(10))
            .retryPolicy(
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(1))
                    .build())
            .build()) {
      return catchThrowable(
          () -> client.download(new GeneratedImage(url, null, null), dir.resolve("image.png")));
    }
  }

  private static void assertNothingLeft(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).as("no file, no partial file").isEmpty();
    }
  }

  private static void assertOnlyTarget(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList())
          .as("no partial file beside it")
          .containsExactly(dir.resolve("image.png"));
    }
  }

  /** {@code size} bytes that start like a PNG. */
  static byte[] png(int size) {
    return withHead(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, size);
  }

  private static byte[] withHead(byte[] head, int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }
}
