package dev.apimart.cli.mcp;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.testkit.FakeApiMart;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code apimart mcp}: serves the Model Context Protocol over stdio until the client closes stdin.
 * For the command line to wire as a subcommand:
 *
 * <pre>{@code
 * int exit = McpCommand.run(apiKeyFlag, baseUrlFlag, transportFlag, outFlag,
 *     System.in, System.out, System.err, System.getenv());
 * }</pre>
 *
 * Configuration as for the other commands: {@code --api-key} / {@code APIMART_API_KEY}, {@code
 * --base-url} / {@code APIMART_BASE_URL}, {@code --transport}; with neither a key nor a base URL it
 * serves the embedded fake (placeholder images), saying so on stderr. Images are saved under {@code
 * --out} (default {@code ./apimart-images}). Nothing but protocol messages goes to stdout.
 */
public final class McpCommand {

  /** The save folder when {@code --out} is not given, as for {@code apimart generate}. */
  public static final Path DEFAULT_OUT = Path.of("apimart-images");

  private static final Duration EMBEDDED_TASK_TIME = Duration.ofSeconds(2);

  private McpCommand() {}

  /**
   * Runs the server; returns the exit code (0 when the client closed the session, 1 when the server
   * could not start, 3 when the configuration is unusable).
   *
   * @param apiKey {@code --api-key}, or {@code null}
   * @param baseUrl {@code --base-url}, or {@code null}
   * @param transport {@code --transport}, or {@code null}
   * @param out {@code --out}, or {@code null} for {@link #DEFAULT_OUT}
   * @param env the environment ({@code APIMART_API_KEY}, {@code APIMART_BASE_URL})
   */
  public static int run(
      @Nullable String apiKey,
      @Nullable String baseUrl,
      @Nullable String transport,
      @Nullable Path out,
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      Map<String, String> env) {
    String key = apiKey != null ? apiKey : blankToNull(env.get(ApiMartClient.ENV_API_KEY));
    String url = baseUrl != null ? baseUrl : blankToNull(env.get(ApiMartClient.ENV_BASE_URL));
    Path folder = out != null ? out : DEFAULT_OUT;
    FakeApiMart fake = null;
    try {
      ApiMartClient.Builder builder = ApiMartClient.builder();
      String notice = null;
      if (key == null && url == null) {
        fake =
            FakeApiMart.builder()
                .realTime(1.0)
                .unlimitedBalance()
                .taskDuration(EMBEDDED_TASK_TIME)
                .anyModel(true)
                .start();
        builder.baseUrl(fake.baseUrl()).apiKey(fake.apiKey());
        notice = "It runs on an embedded fake ApiMart server: images are placeholders.";
        stderr.println(
            "No API key or base URL given: serving MCP on the embedded fake ApiMart server at "
                + fake.baseUrl()
                + " (placeholder images; set "
                + ApiMartClient.ENV_API_KEY
                + " to use the real service).");
      } else {
        if (key != null) {
          builder.apiKey(key);
        }
        if (url != null) {
          builder.baseUrl(url);
        }
      }
      if (transport != null) {
        builder.transportName(transport);
      }
      return serve(builder, notice, "unknown", folder, stdin, stdout, stderr);
    } catch (ConfigurationException e) {
      stderr.println("error: " + e.getMessage());
      return 3;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }

  /**
   * Serves MCP on {@code stdin}/{@code stdout} with a client from {@code builder}, already
   * configured (key, base URL, transport, proxy); returns 0 when the client closed the session.
   *
   * @param notice a sentence the tools add to their answers (e.g. that images are placeholders), or
   *     {@code null}
   * @param version the version the server reports to its clients
   * @throws ConfigurationException when the builder cannot make a client
   * @throws InterruptedException when the serving thread is interrupted
   */
  public static int serve(
      ApiMartClient.Builder builder,
      @Nullable String notice,
      String version,
      Path folder,
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr)
      throws InterruptedException {
    try (ApiMartClient client = builder.build()) {
      stderr.println(
          "apimart mcp: serving on stdio; images are saved under " + folder.toAbsolutePath());
      ApiMartMcpServer.builder()
          .client(client)
          .outputDirectory(folder)
          .notice(notice)
          .version(version)
          .build()
          .serve(stdin, stdout);
    }
    return 0;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
