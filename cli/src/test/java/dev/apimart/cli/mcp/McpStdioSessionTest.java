package dev.apimart.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Outcome;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MCP session over stdio, as an agent drives it: initialize, list the tools, generate (images
 * saved as PNG files), a tool error, the other tools, end of input. The streams are pipes, so the
 * server sees exactly what a process on stdin/stdout would.
 */
@Timeout(120)
class McpStdioSessionTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path out;

  private FakeApiMart fake;
  private ApiMartClient client;
  private OutputStream toServer;
  private BufferedReader fromServer;
  private Thread serving;
  private final List<String> lines = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private int nextId = 1;

  @BeforeEach
  void start() throws IOException {
    fake = FakeApiMart.start();
    client = fake.clientBuilder().build();
    Pipe in = Pipe.open();
    Pipe outPipe = Pipe.open();
    toServer = Channels.newOutputStream(in.sink());
    fromServer =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(outPipe.source()), StandardCharsets.UTF_8));
    ApiMartMcpServer server =
        ApiMartMcpServer.builder()
            .client(client)
            .outputDirectory(out.resolve("images"))
            .version("1.2.3-test")
            .build();
    OutputStream serverOut = Channels.newOutputStream(outPipe.sink());
    serving =
        new Thread(
            () -> {
              try {
                server.serve(Channels.newInputStream(in.source()), serverOut);
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "mcp-server-under-test");
    serving.start();
  }

  @AfterEach
  void stop() throws Exception {
    toServer.close();
    serving.join();
    client.close();
    fake.close();
  }

  private void send(String json) throws IOException {
    toServer.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }

  private JsonNode request(String method, String params) throws IOException {
    int id = nextId++;
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\",\"params\":"
            + params
            + "}");
    while (true) {
      String line = fromServer.readLine();
      assertThat(line).as("the server answered before closing").isNotNull();
      lines.add(line);
      JsonNode message = JSON.readTree(line);
      if (message.has("id") && message.get("id").asInt() == id) {
        return message;
      }
    }
  }

  private JsonNode initialize() throws IOException {
    JsonNode init =
        request(
            "initialize",
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"test-agent\",\"version\":\"1.0\"}}");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return init;
  }

  private JsonNode call(String tool, String arguments) throws IOException {
    return request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}")
        .get("result");
  }

  private static String text(JsonNode result) {
    return result.get("content").get(0).get("text").asString();
  }

  @Test
  void anAgentListsTheToolsAndGetsSavedPngFiles() throws IOException {
    JsonNode init = initialize();
    assertThat(init.get("result").get("serverInfo").get("name").asString()).isEqualTo("apimart");
    assertThat(init.get("result").get("serverInfo").get("version").asString())
        .isEqualTo("1.2.3-test");
    assertThat(init.get("result").get("capabilities").has("tools")).isTrue();

    JsonNode tools = request("tools/list", "{}").get("result").get("tools");
    List<String> names = new ArrayList<>();
    tools.forEach(t -> names.add(t.get("name").asString()));
    assertThat(names)
        .containsExactlyInAnyOrder("generate_image", "get_task", "list_models", "get_balance");

    JsonNode result =
        call(
            "generate_image",
            "{\"prompt\":\"A lighthouse at dawn\",\"model\":\"qwen-image-2.0\",\"size\":\"16:9\","
                + "\"n\":2}");

    assertThat(result.get("isError").asBoolean()).isFalse();
    FakeTask task = fake.lastTask();
    String text = text(result);
    assertThat(text).contains("Task " + task.id() + " completed").contains("expires");
    Path first = out.resolve("images").resolve(task.id() + "-1.png");
    Path second = out.resolve("images").resolve(task.id() + "-2.png");
    assertThat(text).contains(first.toAbsolutePath().toString());
    for (Path png : List.of(first, second)) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(1280);
      assertThat(image.getHeight()).isEqualTo(720);
    }
    assertThat(fake.journal().submissions()).hasSize(1);
    assertThat(fake.journal().submissions().get(0).jsonBody())
        .containsEntry("size", "16:9")
        .containsEntry("n", 2);
    assertThat(lines)
        .allSatisfy(
            line -> assertThat(JSON.readTree(line).get("jsonrpc").asString()).isEqualTo("2.0"));
  }

  @Test
  void invalidArgumentsAreAToolErrorNamingEveryProblemAndNothingIsSent() throws IOException {
    initialize();

    JsonNode result =
        call(
            "generate_image",
            "{\"prompt\":\"a cat\",\"model\":\"qwen-image-2.0\",\"size\":\"5:4\",\"n\":\"two\","
                + "\"out\":\"/etc\"}");

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(text(result))
        .contains("nothing was sent")
        .contains("n: must be a whole number")
        .contains("out: not an argument")
        .contains("size");
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(Files.exists(out.resolve("images"))).isFalse();

    // The server is still serving after a tool error.
    assertThat(call("get_balance", "{}").get("isError").asBoolean()).isFalse();
  }

  @Test
  void aFailedTaskIsAToolErrorNamingTheTask() throws IOException {
    initialize();
    fake.onNextTask(Outcome.fails("content_policy_violation", "The prompt was refused"));

    JsonNode result = call("generate_image", "{\"prompt\":\"a cat\"}");

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains(fake.lastTask().id()).contains("The prompt was refused");
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @Test
  void getTaskListModelsAndBalance() throws IOException {
    initialize();
    call("generate_image", "{\"prompt\":\"a boat\"}");
    String taskId = fake.lastTask().id();

    JsonNode task = call("get_task", "{\"task_id\":\"" + taskId + "\"}");
    assertThat(text(task)).contains(taskId).contains("completed").contains("100%");

    JsonNode unknown = call("get_task", "{\"task_id\":\"task_unknown\"}");
    assertThat(unknown.get("isError").asBoolean()).isTrue();

    String models = text(call("list_models", "{}"));
    assertThat(models)
        .contains("qwen-image-2.0")
        .contains("gpt-image-2")
        .contains("size: 1:1 4:3 3:4 16:9 9:16 3:2 2:3; resolution: 1K 2K; n: 1-6");

    assertThat(text(call("get_balance", "{}"))).startsWith("Balance: ");
  }

  @Test
  void theSessionEndsWhenTheAgentClosesStdin() throws Exception {
    initialize();
    toServer.close();
    serving.join();
    assertThat(failure.get()).isNull();
  }

  @Test
  void theCommandServesTheEmbeddedFakeWithoutKeyOrUrlAndWritesOnlyProtocolToStdout() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int exit =
        McpCommand.run(
            null,
            null,
            null,
            out,
            new ByteArrayInputStream(new byte[0]),
            stdout,
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            Map.of());

    assertThat(exit).isZero();
    assertThat(stdout.toByteArray()).isEmpty();
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("embedded fake")
        .contains(out.toAbsolutePath().toString());
  }
}
