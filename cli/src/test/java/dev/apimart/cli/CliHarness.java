package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.testkit.FakeApiMart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The command line as the tests run it in-process: output captured, no terminal, the working folder
 * a temporary one, and polling fast enough for the fake's virtual time.
 */
final class CliHarness {

  /** Polls every few milliseconds: the fake finishes a task after a number of polls. */
  static final Consumer<ApiMartClient.Builder> FAST_POLLING =
      builder ->
          builder.pollingOptions(
              PollingOptions.builder()
                  .initialDelay(Duration.ofMillis(5))
                  .minInterval(Duration.ofMillis(5))
                  .maxInterval(Duration.ofMillis(20))
                  .build());

  private CliHarness() {}

  /** A runner writing to {@code out}/{@code err}, reading {@code stdin}, with fast polling. */
  static ApimartCli cli(
      Map<String, String> env,
      ByteArrayOutputStream out,
      ByteArrayOutputStream err,
      Path dir,
      String stdin,
      Consumer<ApiMartClient.Builder> customizer) {
    return new ApimartCli(
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        dir,
        Clock.systemUTC(),
        FAST_POLLING.andThen(customizer),
        ModelCatalog.defaults(),
        ProgressPrinter.Ticker.daemon(),
        () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code args} followed by the fake's base URL and key. */
  static String[] withFake(FakeApiMart fake, String... args) {
    return Stream.concat(
            Stream.of(args),
            Stream.of("--base-url", fake.baseUrl().toString(), "--api-key", fake.apiKey()))
        .toArray(String[]::new);
  }
}
