package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fake's {@code POST /v1/uploads/images}, driven with hand-written multipart bodies (as curl's
 * {@code --form 'file=@photo.jpg'} sends them), against what docs.apimart.ai/en/api-reference/
 * uploads/images documents: the field {@code file}, four formats, 20 MB, the answer's fields, 400 /
 * 413, and a URL valid 72 hours.
 */
class UploadEndpointTest {

  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};

  private static byte[] multipart(String boundary, String field, String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static Http.Answer upload(FakeApiMart fake, String contentType, byte[] body) {
    return Http.send(
        new Http(fake)
            .request("/v1/uploads/images")
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  @Test
  void storesTheFileFieldAndServesItForSeventyTwoHours() {
    try (FakeApiMart fake = FakeApiMart.start()) {
      Http.Answer answer =
          upload(
              fake,
              "multipart/form-data; boundary=\"xYz\"",
              multipart("xYz", "file", "cat; 1.jpg", JPEG));

      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      assertThat(answer.json().path("filename").asString()).isEqualTo("cat; 1.jpg");
      assertThat(answer.json().path("content_type").asString()).isEqualTo("image/jpeg");
      assertThat(answer.json().path("bytes").asLong()).isEqualTo(JPEG.length);
      assertThat(answer.json().path("created_at").asLong()).isEqualTo(fake.now().getEpochSecond());
      URI url = URI.create(answer.json().path("url").asString());
      Http.Answer file = new Http(fake).getUrl(url);
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.header("Content-Type")).isEqualTo("image/jpeg");
      assertThat(file.body()).isEqualTo(JPEG);
      assertThat(fake.uploads()).singleElement().satisfies(u -> assertThat(u.url()).isEqualTo(url));

      fake.advance(Duration.ofHours(72));
      assertThat(new Http(fake).getUrl(url).status()).as("expired").isEqualTo(403);
    }
  }

  @Test
  void refusesWhatThePageSaysItRefuses() {
    try (FakeApiMart fake = FakeApiMart.start()) {
      Http.Answer noFile =
          upload(fake, "multipart/form-data; boundary=b", multipart("b", "image", "a.jpg", JPEG));
      Http.Answer text =
          upload(
              fake,
              "multipart/form-data; boundary=b",
              multipart("b", "file", "a.jpg", "plain text".getBytes(StandardCharsets.UTF_8)));
      Http.Answer notMultipart = upload(fake, "application/json", "{}".getBytes());
      byte[] big = new byte[20 * 1024 * 1024 + 1];
      System.arraycopy(JPEG, 0, big, 0, JPEG.length);
      Http.Answer tooLarge =
          upload(fake, "multipart/form-data; boundary=b", multipart("b", "file", "a.jpg", big));

      assertThat(noFile.status()).isEqualTo(400);
      assertThat(noFile.errorMessage()).contains("Missing file field");
      assertThat(text.status()).isEqualTo(400);
      assertThat(text.errorMessage()).contains("Unsupported format");
      assertThat(notMultipart.status()).isEqualTo(400);
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(fake.uploads()).isEmpty();
      assertThat(fake.journal().uploads()).hasSize(4);
    }
  }

  @Test
  void needsAnApiKey() {
    try (FakeApiMart fake = FakeApiMart.start()) {
      Http.Answer answer =
          Http.send(
              HttpRequest.newBuilder(fake.url("/v1/uploads/images"))
                  .header("Content-Type", "multipart/form-data; boundary=b")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("b", "file", "a", JPEG)))
                  .build());

      assertThat(answer.status()).isEqualTo(401);
      assertThat(fake.uploads()).isEmpty();
    }
  }

  @Test
  void honoursIdempotencyKeysUnlessToldNotTo() {
    try (FakeApiMart fake = FakeApiMart.start()) {
      Http http = new Http(fake);
      String body = "{\"model\":\"z-image-turbo\",\"prompt\":\"a kite\"}";
      HttpRequest.Builder withKey =
          http.request("/v1/images/generations")
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", "k-1");

      Http.Answer first =
          Http.send(withKey.POST(HttpRequest.BodyPublishers.ofString(body)).build());
      Http.Answer again =
          Http.send(withKey.POST(HttpRequest.BodyPublishers.ofString(body)).build());
      Http.Answer other =
          Http.send(
              withKey
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"z-image-turbo\",\"prompt\":\"a boat\"}"))
                  .build());

      String id = first.json().path("data").path(0).path("task_id").asString();
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().path("data").path(0).path("task_id").asString()).isEqualTo(id);
      assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(other.status()).isEqualTo(409);
      assertThat(other.json().path("error").path("code").asString())
          .isEqualTo("idempotency_key_reused");
      assertThat(fake.tasks()).hasSize(1);
      assertThat(fake.journal().idempotentReplays()).hasSize(1);

      fake.honourIdempotencyKeys(false);
      Http.Answer ignored =
          Http.send(withKey.POST(HttpRequest.BodyPublishers.ofString(body)).build());
      assertThat(ignored.json().path("data").path(0).path("task_id").asString()).isNotEqualTo(id);
      assertThat(fake.tasks()).hasSize(2);
    }
  }
}
