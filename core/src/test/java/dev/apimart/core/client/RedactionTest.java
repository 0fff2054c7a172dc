package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API key and signed URL queries never reach logs, exceptions or toString(). The SDK logs at
 * debug level into a file (surefire sets slf4j-simple up so), which this test reads back.
 */
class RedactionTest {

  private static final String SIGNATURE = "SIGNATURE-abcdef123";

  @Test
  void apiKeyAndSignedQueriesNeverAppearInLogsExceptionsOrToString() throws IOException {
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "missing"));
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    String url = "https://cdn.example.com/a.png?sig=" + SIGNATURE;
    transport
        .on(
            "POST",
            "/v1/images/generations",
            FakeTransport.fail(TransportException.Kind.CONNECT_FAILED),
            FakeTransport.json(200, Json.submitted("task_1")))
        .on(
            "GET",
            "/v1/tasks/task_1",
            FakeTransport.json(503, Json.error(503, "busy")),
            FakeTransport.json(200, Json.task("task_1", "processing", 30, 5)),
            FakeTransport.json(200, Json.completed("task_1", url)),
            FakeTransport.json(401, Json.error(401, "Invalid key Bearer " + TestClients.API_KEY)))
        .on("GET", "/a.png", FakeTransport.reply(500, Map.of(), "no"));
    List<Throwable> thrown = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      texts.add(client.toString());
      GenerationResult result =
          client.generate(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat"));
      texts.add(result.toString());
      thrown.add(catchThrowable(() -> client.getTask(TaskId.of("task_1"))));
      thrown.add(
          catchThrowable(
              () -> client.download(result.images().get(0), new ByteArrayOutputStream())));
    }
    texts.add(transport.requests().get(0).toString());
    for (Throwable t : thrown) {
      assertThat(t).isNotNull();
      for (Throwable c = t; c != null; c = c.getCause()) {
        texts.add(c.toString());
      }
    }
    String logged = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    assertThat(logged).as("the SDK logs its decisions at debug").contains("RetryEngine");
    assertThat(logged).contains("https://cdn.example.com/a.png?…");
    texts.add(logged);
    for (String text : texts) {
      assertThat(text).doesNotContain(TestClients.API_KEY).doesNotContain(SIGNATURE);
    }
  }
}
