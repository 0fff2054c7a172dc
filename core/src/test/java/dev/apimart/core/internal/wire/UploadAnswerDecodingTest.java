package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.UploadedImage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upload endpoint's answer, as docs.apimart.ai/en/api-reference/uploads/images shows it. */
class UploadAnswerDecodingTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private final WireCodec codec = WireCodec.create(Clock.fixed(NOW, ZoneOffset.UTC));

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodesThePagesExample() {
    UploadedImage image =
        codec.decodeUpload(
            200,
            Map.of(),
            utf8(
                "{\"url\":\"https://upload.apimart.ai/f/image/9990000123456-a1b2c3d4-photo.jpg\","
                    + "\"filename\":\"photo.jpg\",\"content_type\":\"image/jpeg\","
                    + "\"bytes\":235680,\"created_at\":1743436800}"));

    assertThat(image.url())
        .isEqualTo(
            URI.create("https://upload.apimart.ai/f/image/9990000123456-a1b2c3d4-photo.jpg"));
    assertThat(image.fileName()).isEqualTo("photo.jpg");
    assertThat(image.contentType()).isEqualTo("image/jpeg");
    assertThat(image.bytes()).isEqualTo(235680);
    assertThat(image.createdAt()).isEqualTo(Instant.ofEpochSecond(1743436800));
    assertThat(image.expiresAt()).isEqualTo(Instant.ofEpochSecond(1743436800 + 72 * 3600));
    assertThat(image.toString()).doesNotContain("upload.apimart.ai");
  }

  @Test
  void acceptsADataEnvelopeAndAnOwnExpiry() {
    UploadedImage image =
        codec.decodeUpload(
            200,
            Map.of(),
            utf8(
                "{\"code\":200,\"data\":{\"url\":\"https://u.example/x.png\","
                    + "\"content_type\":\"image/png\",\"bytes\":5,\"expires_at\":1800000000}}"));

    assertThat(image.createdAt()).isEqualTo(NOW);
    assertThat(image.expiresAt()).isEqualTo(Instant.ofEpochSecond(1800000000));
  }

  @Test
  void aUrlThatIsNotHttpIsUnreadable() {
    Throwable thrown =
        catchThrowable(
            () -> codec.decodeUpload(200, Map.of(), utf8("{\"url\":\"file:///etc/passwd\"}")));

    assertThat(thrown).isInstanceOf(UnexpectedResponseException.class);
  }

  @Test
  void a413IsPayloadTooLarge() {
    Throwable thrown =
        catchThrowable(
            () ->
                codec.decodeUpload(
                    413,
                    Map.of(),
                    utf8("{\"error\":{\"code\":413,\"message\":\"File too large\"}}")));

    assertThat(thrown).isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("20 MB");
  }
}
