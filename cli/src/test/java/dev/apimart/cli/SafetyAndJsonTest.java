package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.Route;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where money is at stake: every local check before submitting, every outcome with the task id, and
 * with {@code --json} every outcome as one JSON object on stdout.
 */
class SafetyAndJsonTest {

  @TempDir Path dir;

  private FakeApiMart fake;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";

  @BeforeEach
  void startFake() {
    fake = FakeApiMart.builder().virtualTime().finishAfterPolls(2).anyModel(true).start();
    env.put("HOME", dir.resolve("home").toString());
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private int run(String... args) {
    ApimartCli cli = CliHarness.cli(env, out, err, dir, stdin, b -> {});
    return cli.run(args);
  }

  private String[] withFake(String... args) {
    return CliHarness.withFake(fake, args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Standard output is exactly one JSON object. */
  private JsonNode json() {
    List<String> lines = stdout().lines().toList();
    assertThat(lines).as(stderr()).hasSize(1);
    return JsonMapper.builder().build().readTree(lines.get(0));
  }

  @Test
  void invalidInputWithJsonIsOneObjectListingEveryProblem() {
    assertThat(run(withFake("generate", "--json", "--n", "two", "--timeout", "soon", "x")))
        .isEqualTo(2);

    JsonNode json = json();
    assertThat(json.get("task_id").isNull()).isTrue();
    assertThat(json.get("error").get("type").asString()).isEqualTo("invalid_input");
    assertThat(json.get("error").get("exit_code").asInt()).isEqualTo(2);
    assertThat(json.get("error").get("problems")).hasSize(2);
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aParseErrorWithJsonIsJsonToo() {
    assertThat(run(withFake("balance", "--json", "--colour"))).isEqualTo(2);

    assertThat(json().get("error").get("problems").get(0).asString())
        .contains("unknown option '--colour'");
  }

  @Test
  void aWrongKeyWithJsonIsAnAuthenticationError() {
    assertThat(
            run(
                "balance",
                "--json",
                "--base-url",
                fake.baseUrl().toString(),
                "--api-key",
                "sk-wrong-key-123456"))
        .isEqualTo(3);

    JsonNode json = json();
    assertThat(json.get("error").get("type").asString()).isEqualTo("authentication");
    assertThat(json.get("error").get("exit_code").asInt()).isEqualTo(3);
    assertThat(stdout()).doesNotContain("sk-wrong-key-123456", "apiKey(");
  }

  @Test
  void aStatusRequestRefusedAfterTheSubmissionNamesTheTaskAndHowToResumeOnce() {
    fake.inject(Fault.status(401).on(Route.GET_TASK).always());

    assertThat(run(withFake("generate", "--out", "pics", "x"))).isEqualTo(3);

    String id = fake.lastTask().id();
    assertThat(stderr())
        .contains("rejected the API key")
        .contains("resume with: apimart wait " + id + " --out pics")
        .doesNotContain("waitFor(")
        .doesNotContain("was created and may still finish");
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @Test
  void waitingForATaskTheServiceDoesNotKnowOffersNoResume() {
    assertThat(run(withFake("wait", "task_nope", "--no-download"))).isNotZero();

    assertThat(stderr())
        .contains("task_nope")
        .doesNotContain("exists and may still finish")
        .doesNotContain("resume with");
  }

  @Test
  void aFailedTaskWithJsonCarriesItsId() {
    fake.onNextTask(Outcome.fails("content_policy", "prompt rejected by the safety filter"));

    assertThat(run(withFake("generate", "--json", "--no-download", "x"))).isEqualTo(4);

    JsonNode json = json();
    assertThat(json.get("task_id").asString()).isEqualTo(fake.lastTask().id());
    assertThat(json.get("error").get("type").asString()).isEqualTo("task_failed");
    assertThat(json.get("error").get("message").asString()).contains("safety filter");
  }

  @Test
  void anUnknownSubmissionOutcomeWithJsonSaysSoAndNeverSubmitsAgain() {
    fake.inject(Fault.dropConnectionAfterProcessing().on(Route.SUBMIT_GENERATION));

    assertThat(run(withFake("generate", "--json", "--no-download", "x"))).isEqualTo(6);

    JsonNode json = json();
    assertThat(json.get("error").get("type").asString()).isEqualTo("outcome_unknown");
    assertThat(json.get("error").get("message").asString())
        .contains("may be billed")
        .doesNotContain("RetryPolicy", "PT");
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT2562047788015215H", "999999999h", "25h", "0s", "-5s"})
  void anImpossibleTimeoutIsRefusedBeforeSubmitting(String timeout) {
    assertThat(run(withFake("generate", "--timeout", timeout, "x"))).isEqualTo(2);

    assertThat(stderr()).contains("--timeout: '" + timeout + "'").doesNotContain("Exception");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void anOutFolderThatCannotBeWrittenIsRefusedByTryingBeforeSubmitting() {
    // Root may write anywhere it has permissions for, but nobody can create folders in /proc.
    assumeTrue(Files.isDirectory(Path.of("/proc/self")));

    assertThat(run(withFake("generate", "--out", "/proc/apimart-images", "x"))).isEqualTo(2);

    assertThat(stderr()).contains("--out: cannot write in '/proc/apimart-images'");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aMissingKeyIsAProblemListedWithTheOthers() {
    assertThat(run("wait", "task_1", "--timeout", "soon")).isEqualTo(2);

    assertThat(stderr()).contains("2 problems", "no API key", "--timeout: 'soon'");
  }

  @Test
  void aFailureOnTheSecondOfThreeImagesSavesAndReportsTheOthers() throws Exception {
    // Image 1 downloads slowly; while it does, image 2's file goes missing.
    fake.inject(Fault.slowBody(Duration.ofMillis(800)).on(Route.IMAGE_FILE).times(1));
    CompletableFuture<Void> armed =
        CompletableFuture.runAsync(
            () -> {
              fake.journal().awaitRequests(Route.IMAGE_FILE, 1, Duration.ofSeconds(20));
              fake.inject(Fault.missingImageFile().on(Route.IMAGE_FILE).times(1));
            });

    int code =
        run(
            withFake(
                "generate", "--json", "--model", "qwen-image-2.0", "--n", "3", "--out", "o", "x"));
    armed.get(20, TimeUnit.SECONDS);

    String id = fake.lastTask().id();
    assertThat(code).as(stderr()).isEqualTo(7);
    JsonNode json = json();
    assertThat(json.get("task_id").asString()).isEqualTo(id);
    assertThat(json.get("error").get("type").asString()).isEqualTo("not_saved");
    assertThat(json.get("resume").asString()).isEqualTo("apimart wait " + id + " --out o");
    JsonNode images = json.get("images");
    assertThat(images).hasSize(3);
    assertThat(images.get(0).get("file").asString()).endsWith(id + "-1.png");
    assertThat(images.get(1).get("file").isNull()).isTrue();
    assertThat(images.get(1).get("error").asString()).contains("404");
    assertThat(images.get(2).get("file").asString()).endsWith(id + "-3.png");
    try (Stream<Path> files = Files.list(dir.resolve("o"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(id + "-1.png", id + "-3.png");
    }
    assertThat(stderr()).contains("saved " + dir.resolve("o").resolve(id + "-1.png"));
  }

  @Test
  void anExistingFileIsNeverReplacedSilently() throws Exception {
    assertThat(run(withFake("generate", "--no-download", "x"))).isZero();
    String id = fake.lastTask().id();
    Path folder = Files.createDirectories(dir.resolve("o"));
    Path mine = folder.resolve(id + "-1.png");
    Files.writeString(mine, "my own file");
    Files.createDirectory(folder.resolve(id + "-1.2.png"));

    assertThat(run(withFake("wait", id, "--out", "o"))).as(stderr()).isZero();

    assertThat(mine).hasContent("my own file");
    assertThat(folder.resolve(id + "-1.3.png")).isRegularFile();
    assertThat(stderr())
        .contains("already exists and was kept; saved the new image as " + id + "-1.3.png");

    err.reset();
    assertThat(run(withFake("wait", id, "--out", "o"))).isZero();
    assertThat(stderr()).contains("was already saved (same image); kept");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).hasSize(3);
    }

    assertThat(run(withFake("wait", id, "--out", "o", "--overwrite"))).isZero();
    assertThat(Files.readAllBytes(mine)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  @Test
  void aRefusedConnectionIsToldInCliWords() {
    assertThat(run("balance", "--base-url", "http://127.0.0.1:9", "--api-key", "sk-x-123456789"))
        .isEqualTo(1);

    assertThat(stderr())
        .contains("error: connection refused by 127.0.0.1:9; nothing was sent")
        .doesNotContain("ConnectException", "ClosedChannel");
  }

  @Test
  void plainHttpToARemoteHostNamesTheFlag() {
    assertThat(
            run("balance", "--base-url", "http://api.example.com", "--api-key", "sk-x-123456789"))
        .isEqualTo(2);

    assertThat(stderr()).contains("--allow-insecure-http").doesNotContain("allowInsecureHttp(");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "feign"})
  void httpsToAPlainHttpServerIsNotSentAndNotAnUnknownOutcome(String transport) {
    String https = "https://127.0.0.1:" + fake.port();

    int code =
        run(
            "generate",
            "--json",
            "--transport",
            transport,
            "--base-url",
            https,
            "--api-key",
            fake.apiKey(),
            "x");

    assertThat(code).as(stderr()).isEqualTo(2);
    assertThat(stderr())
        .contains("does not speak TLS", "try --base-url http://127.0.0.1:" + fake.port())
        .doesNotContain("billed", "outcome");
    assertThat(json().get("error").get("type").asString()).isEqualTo("invalid_input");
  }

  @Test
  void dryRunPrintsCurlWithTheKeyMaskedAndSendsNothing() {
    int code =
        run(
            "generate",
            "--dry-run",
            "--model",
            "gpt-image-2",
            "--size",
            "16:9",
            "--base-url",
            fake.baseUrl().toString(),
            "--api-key",
            "sk-abcdefgh12345678",
            "A lighthouse");

    assertThat(code).as(stderr()).isZero();
    assertThat(stdout())
        .startsWith("curl -sS -X POST " + fake.baseUrl() + "/v1/images/generations")
        .contains("'Authorization: Bearer sk-…5678'")
        .contains("\"model\":\"gpt-image-2\"", "\"size\":\"16:9\"", "\"prompt\":\"A lighthouse\"")
        .doesNotContain("abcdefgh");
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(dir.resolve("apimart-images")).doesNotExist();
  }

  @Test
  void thePromptComesFromAFileOrStandardInput() throws Exception {
    Files.writeString(dir.resolve("p.txt"), "-a prompt from a file\n");
    assertThat(run(withFake("generate", "--no-download", "--prompt-file", "p.txt"))).isZero();
    stdin = "a prompt from stdin\n";
    assertThat(run(withFake("generate", "--no-download", "--prompt-file", "-"))).isZero();

    assertThat(fake.journal().submissions())
        .extracting(r -> r.jsonBody().get("prompt"))
        .containsExactly("-a prompt from a file", "a prompt from stdin");
  }

  @Test
  void configFileDefaultsLoseToEnvironmentAndFlags() throws Exception {
    Path config = Files.createDirectories(dir.resolve("xdg").resolve("apimart"));
    Files.writeString(
        config.resolve("config.properties"),
        "model=qwen-image-2.0\nsize=16:9\napi-key=sk-from-file-123456\nbase-url="
            + fake.baseUrl()
            + "\n");
    env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());

    assertThat(run("generate", "--no-download", "x")).as(stderr()).isEqualTo(3);
    env.put("APIMART_API_KEY", fake.apiKey());
    assertThat(run("generate", "--no-download", "x")).as(stderr()).isZero();
    assertThat(run("generate", "--no-download", "--size", "1:1", "x")).as(stderr()).isZero();

    assertThat(fake.journal().submissions())
        .extracting(r -> r.jsonBody().get("model") + " " + r.jsonBody().get("size"))
        .as("the file's key was refused (401), then the environment's was used")
        .containsExactly("qwen-image-2.0 16:9", "qwen-image-2.0 16:9", "qwen-image-2.0 1:1");
  }

  @Test
  void anUnknownConfigKeyIsAProblemWithASuggestion() throws Exception {
    Path config = Files.createDirectories(dir.resolve("home/.config/apimart"));
    Files.writeString(config.resolve("config.properties"), "modle=gpt-image-2\n");

    assertThat(run("generate", "x")).isEqualTo(2);
    assertThat(stderr()).contains("unknown key 'modle' (did you mean model?)");
  }

  @Test
  void theUserBalanceIsTheAccountsRoute() {
    assertThat(run(withFake("balance", "--user", "--json"))).as(stderr()).isZero();

    assertThat(json().get("scope").asString()).isEqualTo("user");
    assertThat(fake.journal().requests(Route.GET_USER_BALANCE)).hasSize(1);
    assertThat(fake.journal().requests(Route.GET_BALANCE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "feign"})
  void bothTransportsGoThroughTheProxy(String transport) {
    // The fake answers absolute-form requests, so it can stand in for an HTTP proxy.
    int code =
        run(
            "balance",
            "--transport",
            transport,
            "--proxy",
            "http://127.0.0.1:" + fake.port(),
            "--base-url",
            "http://apimart.invalid",
            "--allow-insecure-http",
            "--api-key",
            fake.apiKey());

    assertThat(code).as(stderr()).isZero();
    assertThat(fake.journal().requests(Route.GET_BALANCE)).hasSize(1);
  }

  @Test
  void noProxyExemptsAHost() {
    env.put("HTTPS_PROXY", "http://127.0.0.1:9");
    env.put("NO_PROXY", "localhost,.internal");
    List<String> problems = new java.util.ArrayList<>();
    Proxies proxies = Proxies.resolve(null, env, CliConfig.empty(), problems).orElseThrow();

    assertThat(problems).isEmpty();
    assertThat(proxies.proxyFor(java.net.URI.create("https://api.apimart.ai/v1")).address())
        .hasToString("127.0.0.1/<unresolved>:9");
    assertThat(proxies.proxyFor(java.net.URI.create("https://a.internal/v1")))
        .isEqualTo(java.net.Proxy.NO_PROXY);
    assertThat(proxies.proxyFor(java.net.URI.create("http://localhost:1/v1")))
        .isEqualTo(java.net.Proxy.NO_PROXY);
  }

  @Test
  void imagesHaveOneShapeInGenerateWaitAndStatus() {
    assertThat(run(withFake("generate", "--json", "--no-download", "x"))).isZero();
    String id = fake.lastTask().id();
    JsonNode generated = json().get("images").get(0);
    out.reset();
    assertThat(run(withFake("wait", id, "--json", "--no-download"))).isZero();
    JsonNode waited = json().get("images").get(0);
    out.reset();
    assertThat(run(withFake("status", id, "--json"))).isZero();
    JsonNode status = json().get("images").get(0);

    List<String> fields = List.of("index", "url", "expires_at", "file", "width", "height");
    for (JsonNode image : List.of(generated, waited, status)) {
      assertThat(image.propertyNames()).containsExactlyElementsOf(fields);
    }
    assertThat(generated.get("width").asInt()).isEqualTo(1024);
    assertThat(waited.get("width").isNull())
        .as("unknown to wait without the request or file")
        .isTrue();
  }

  @Test
  void waitWithoutDownloadPrintsTheUrlAndNeverNullForAnUnknownSize() {
    assertThat(run(withFake("generate", "--no-download", "x"))).isZero();
    String id = fake.lastTask().id();
    out.reset();

    assertThat(run(withFake("wait", id, "--no-download"))).isZero();
    String first = stdout().lines().findFirst().orElseThrow();
    assertThat(first).startsWith("http").endsWith("/1.png").doesNotContain("null");
  }

  @Test
  void theFakesScriptingIsCheckedLikeAnyOtherInput() {
    assertThat(
            run(
                "fake",
                "--fault",
                "submit=418x",
                "--fault",
                "nowhere=500",
                "--speed",
                "-1",
                "--rate-limit",
                "0"))
        .isEqualTo(2);

    assertThat(stderr())
        .contains("4 problems")
        .contains("--rate-limit: must be a positive number, got '0'")
        .contains("--fault 'submit=418x': WHAT is an HTTP status, drop or missing")
        .contains("ROUTE is one of submit, task, balance, image")
        .contains("--speed: must be a positive number");
  }

  @Test
  void theFakesRateLimitRefusesSubmissionsBeyondIt() throws Exception {
    ApimartCli cli = CliHarness.cli(env, out, err, dir, "", b -> {});
    picocli.CommandLine.ParseResult parsed =
        cli.commandLine().parseArgs("fake", "--rate-limit", "1", "--key", "sk-rate");
    FakeCommand command = (FakeCommand) parsed.subcommand().commandSpec().userObject();
    List<String> problems = new java.util.ArrayList<>();
    command.check(problems);
    assertThat(problems).isEmpty();

    try (FakeApiMart limited = command.start();
        dev.apimart.core.client.ApiMartClient client =
            dev.apimart.core.client.ApiMartClient.builder()
                .baseUrl(limited.baseUrl())
                .apiKey("sk-rate")
                .retryPolicy(dev.apimart.core.client.RetryPolicy.none())
                .build()) {
      dev.apimart.core.model.GenerationRequest request =
          dev.apimart.core.model.GenerationRequest.builder()
              .model(dev.apimart.core.model.ImageModel.Z_IMAGE_TURBO)
              .prompt("a cat")
              .build();
      client.submit(request);

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.submit(request))
          .isInstanceOf(dev.apimart.core.error.RateLimitedException.class);
      assertThat(limited.journal().submissions()).hasSize(2);
      assertThat(limited.tasks()).hasSize(1);
    }
  }

  @Test
  void statusOfAnUnknownTaskWithJsonNamesIt() {
    assertThat(run(withFake("status", "task_unknown_1", "--json"))).isEqualTo(1);

    JsonNode json = json();
    assertThat(json.get("task_id").asString()).isEqualTo("task_unknown_1");
    assertThat(json.get("error").get("type").asString()).isEqualTo("not_found");
  }
}
