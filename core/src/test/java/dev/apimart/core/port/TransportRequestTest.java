package dev.apimart.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The transport port's request and body types (issue 14: types that can grow; issue 15). */
class TransportRequestTest {

  private static final URI URL = URI.create("https://api.apimart.ai/v1/uploads/images?x=secret");

  private static TransportRequest.Builder post() {
    return TransportRequest.builder().method("post").uri(URL).timeout(Duration.ofSeconds(5));
  }

  @Test
  void bytesAreCopiedInAndOut() throws IOException {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    RequestBody body = RequestBody.ofBytes(json, "application/json");
    json[0] = 'X';
    byte[] out = body.toByteArray();
    out[1] = 'Y';

    assertThat(new String(body.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(body.contentLength()).isEqualTo(7);
    assertThat(body.isStreamed()).isFalse();
  }

  @Test
  void aStreamedBodyOpensAFreshStreamForEveryAttempt() throws IOException {
    AtomicInteger opened = new AtomicInteger();
    RequestBody body =
        RequestBody.ofSource(
            3,
            "image/png",
            () -> {
              opened.incrementAndGet();
              return new ByteArrayInputStream(new byte[] {1, 2, 3});
            });

    assertThat(body.toByteArray()).containsExactly(1, 2, 3);
    try (InputStream in = body.open()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
    assertThat(opened).hasValue(2);
    assertThat(body.isStreamed()).isTrue();
  }

  @Test
  void aSourceShorterOrLongerThanDeclaredFailsTheRead() {
    RequestBody shorter =
        RequestBody.ofSource(4, "image/png", () -> new ByteArrayInputStream(new byte[] {1, 2, 3}));
    RequestBody longer =
        RequestBody.ofSource(2, "image/png", () -> new ByteArrayInputStream(new byte[] {1, 2, 3}));

    assertThat(catchThrowable(() -> shorter.open().readAllBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended after 3 of its declared 4 bytes");
    assertThat(catchThrowable(() -> longer.open().readAllBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("more than its declared 2 bytes");
    assertThat(catchThrowable(longer::toByteArray)).isInstanceOf(IOException.class);
  }

  @Test
  void closingTheOpenedStreamClosesTheSource() throws IOException {
    List<String> events = new ArrayList<>();
    RequestBody body =
        RequestBody.ofSource(
            1,
            "image/gif",
            () ->
                new ByteArrayInputStream(new byte[] {7}) {
                  @Override
                  public void close() {
                    events.add("closed");
                  }
                });

    body.open().close();

    assertThat(events).containsExactly("closed");
  }

  @Test
  void theBodyGivesTheContentTypeAndAHeaderThatDisagreesIsRefused() {
    RequestBody png = RequestBody.ofBytes(new byte[] {1}, "image/png");

    TransportRequest request = post().body(png).build();

    assertThat(request.header("Content-Type")).isEqualTo("image/png");
    assertThat(post().header("content-type", "IMAGE/PNG").body(png).build().body()).isEqualTo(png);
    assertThatThrownBy(() -> post().header("Content-Type", "application/json").body(png).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image/png");
  }

  @Test
  void invariantsAreChecked() {
    assertThatThrownBy(() -> post().uri(URI.create("/relative")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> post().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> post().method("GET POST").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> post().header("bad name", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TransportRequest.builder().uri(URL).timeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("method");
    assertThatThrownBy(() -> RequestBody.ofSource(-1, "image/png", InputStream::nullInputStream))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestBody.ofBytes(new byte[0], "text/plain\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headersAreCopiedAndNamesLowerCased() {
    List<String> values = new ArrayList<>(List.of("one"));
    TransportRequest.Builder builder = post().headers(Map.of("X-Trace", values));
    TransportRequest request = builder.build();
    values.add("two");
    builder.header("x-trace", "three");

    assertThat(request.headers()).containsEntry("x-trace", List.of("one"));
    assertThat(request.method()).isEqualTo("POST");
    assertThatThrownBy(() -> request.headers().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderMakesAnEqualRequestAndChangesOnlyWhatIsSet() {
    TransportRequest request =
        post()
            .header("authorization", "Bearer sk-1")
            .body(RequestBody.ofBytes(new byte[] {1, 2}, "application/json"))
            .build();

    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
    TransportRequest streaming = request.toBuilder().streaming(true).build();
    assertThat(streaming).isNotEqualTo(request);
    assertThat(streaming.header("authorization")).isEqualTo("Bearer sk-1");
  }

  @Test
  void toStringShowsNoHeaderValueQueryOrBody() {
    TransportRequest request =
        post()
            .header("authorization", "Bearer sk-secret")
            .body(RequestBody.ofBytes("private".getBytes(StandardCharsets.UTF_8), "text/plain"))
            .build();

    assertThat(request.toString())
        .contains("POST", "authorization", "7 bytes")
        .doesNotContain("sk-secret", "secret", "private");
    assertThat(request.body().toString()).doesNotContain("private");
  }

  @Test
  void settingsHaveABuilderWithDefaults() {
    assertThat(TransportSettings.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    TransportSettings five =
        TransportSettings.builder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(five.toBuilder().build()).isEqualTo(five);
    assertThatThrownBy(() -> TransportSettings.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
