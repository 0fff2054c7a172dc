package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the fake's tests: java.net.http, independent of the SDK's client. */
final class Http {

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FakeApiMart fake;

  Http(FakeApiMart fake) {
    this.fake = fake;
  }

  /** An answer, read whole. */
  record Answer(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return JSON.readTree(body);
    }

    @Nullable String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The envelope's error message. */
    String errorMessage() {
      return json().path("error").path("message").asString();
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(fake.url(path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + fake.apiKey());
  }

  Answer get(String path) {
    return send(request(path).GET().build());
  }

  Answer getWithAuthorization(String path, @Nullable String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(fake.url(path)).timeout(Duration.ofSeconds(20)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  Answer getUrl(URI url) {
    return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build());
  }

  Answer post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  Answer submit(String json) {
    return post("/v1/images/generations", json);
  }

  /** Submits and returns the new task's id, failing the test unless the fake accepted it. */
  String submitOk(String json) {
    Answer answer = submit(json);
    assertThat(answer.status()).as("submission answer %s", answer.text()).isEqualTo(200);
    return answer.json().path("data").path(0).path("task_id").asString();
  }

  JsonNode poll(String taskId) {
    Answer answer = get("/v1/tasks/" + taskId);
    assertThat(answer.status()).as("poll answer %s", answer.text()).isEqualTo(200);
    return answer.json().path("data");
  }

  static Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
