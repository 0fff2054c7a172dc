package dev.apimart.cli;

import dev.apimart.cli.batch.BatchOptions;
import dev.apimart.cli.batch.BatchRunner;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.testkit.FakeApiMart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code apimart batch FILE}: every line of a JSONL or text file generated, with a ledger in the
 * output folder so that running the same command again resumes instead of paying twice. The work is
 * {@link BatchRunner}'s; this class turns flags into {@link BatchOptions}.
 */
@Command(
    name = "batch",
    description = {
      "Generate every line of FILE: JSONL with generate's fields (prompt, model, size,"
          + " resolution, n, negative_prompt, image_urls, params) or one prompt per line.",
      "A ledger in --out records each line's task, so running the same command again resumes:"
          + " finished lines are skipped and submitted ones waited for, never submitted twice.",
      "Without an API key or base URL, the embedded fake server answers (placeholder images)."
    })
final class BatchCommand extends CliCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "the lines to generate")
  @Nullable String file;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where images and the ledger go (default ./" + SaveOptions.DEFAULT_OUT + ")")
  @Nullable String out;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "a fixed number of lines in flight (default: an adaptive pace that slows down when the"
              + " service answers 429 or 503)")
  @Nullable String concurrency;

  @Option(
      names = "--resubmit-unknown",
      description =
          "submit again the lines whose earlier submission has an unknown outcome (may pay twice)")
  boolean resubmitUnknown;

  @Option(names = "--retry-failed", description = "submit again the lines whose task failed")
  boolean retryFailed;

  @Option(names = "--skip-invalid", description = "run the valid lines when some are invalid")
  boolean skipInvalid;

  @Option(names = "--format", paramLabel = "jsonl|text", description = "default: by the file")
  @Nullable String format;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "how long to wait for each line's task, e.g. 90s, 5m (at most 24h)")
  @Nullable String timeoutText;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL",
      description = "model for lines that name none")
  @Nullable String model;

  @Option(names = "--size", paramLabel = "SIZE", description = "size for lines that give none")
  @Nullable String size;

  @Option(
      names = "--resolution",
      paramLabel = "TIER",
      description = "resolution for lines that give none")
  @Nullable String resolution;

  @Option(
      names = "--n",
      paramLabel = "COUNT",
      description = "images per line, unless the line says")
  @Nullable String n;

  @Option(names = "--negative-prompt", paramLabel = "TEXT", description = "for lines without one")
  @Nullable String negativePrompt;

  @Option(names = "--image-url", paramLabel = "URL", description = "reference image, repeatable")
  List<String> imageUrls = new ArrayList<>();

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "any other request field for every line, repeatable")
  List<String> params = new ArrayList<>();

  @Option(names = "--json", description = "print one machine-readable JSON report")
  boolean json;

  private @Nullable BatchOptions options;
  private ApimartCli.@Nullable Connection connection;

  /** How long a task of the embedded fake takes. */
  private static final Duration EMBEDDED_TASK_TIME = Duration.ofSeconds(2);

  @Override
  boolean json() {
    return json;
  }

  @Override
  void check(List<String> problems) {
    ApimartCli cli = cli();
    CliConfig config = cli.config();
    BatchOptions.Builder b = BatchOptions.builder();
    if (file == null) {
      problems.add("batch needs FILE (JSONL, or one prompt per line)");
    } else {
      b.input(cli.workingDir.resolve(file).normalize());
    }
    String outText = out != null ? out : config.get("out").orElse(null);
    b.outDir(
        cli.workingDir.resolve(outText == null ? SaveOptions.DEFAULT_OUT : outText).normalize());
    if (concurrency != null) {
      try {
        b.concurrency(Integer.parseInt(concurrency.strip()));
      } catch (NumberFormatException e) {
        problems.add("--concurrency: '" + concurrency + "' is not a whole number");
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (format != null) {
      switch (format.strip().toLowerCase(Locale.ROOT)) {
        case "jsonl" -> b.format(BatchOptions.InputFormat.JSONL);
        case "text", "txt" -> b.format(BatchOptions.InputFormat.TEXT);
        default -> problems.add("--format: '" + format + "' is not one of jsonl, text");
      }
    }
    String timeoutValue = timeoutText != null ? timeoutText : config.get("timeout").orElse(null);
    if (timeoutValue != null) {
      String flag = timeoutText != null ? "--timeout" : "timeout (config file)";
      Duration timeout = Durations.timeout(flag, timeoutValue, problems).orElse(null);
      b.timeout(timeout);
    }
    b.model(model != null ? model : config.get("model").orElse(null));
    b.size(size != null ? size : config.get("size").orElse(null));
    b.resolution(resolution != null ? resolution : config.get("resolution").orElse(null));
    if (n != null) {
      try {
        b.n(Integer.parseInt(n.strip()));
      } catch (NumberFormatException e) {
        problems.add("--n: '" + n + "' is not a whole number");
      }
    }
    b.negativePrompt(negativePrompt);
    imageUrls.forEach(b::addImageUrl);
    for (String param : params) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        problems.add("--param: '" + param + "' is not NAME=VALUE");
      } else {
        b.param(param.substring(0, eq).strip(), param.substring(eq + 1));
      }
    }
    b.resubmitUnknown(resubmitUnknown).retryFailed(retryFailed).skipInvalid(skipInvalid);
    b.json(json).terminal(cli.terminal && !json).commandLine(resumeCommand());
    connection = cli.connection(this, problems, true);
    if (problems.isEmpty()) {
      options = b.build();
    }
  }

  /** The command as typed, without the key, for the messages that say how to resume. */
  private String resumeCommand() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    StringBuilder line = new StringBuilder("apimart");
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--api-key")) {
        i++;
        continue;
      }
      if (arg.startsWith("--api-key=")) {
        continue;
      }
      line.append(' ').append(CliWords.quote(arg));
    }
    return line.toString();
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    ApimartCli.Connection conn = connection;
    try (FakeApiMart embedded =
        conn.embedded() ? cli.startEmbeddedFake(EMBEDDED_TASK_TIME, "using") : null) {
      ApiMartClient.Builder clients = cli.clientBuilder(this, conn, embedded);
      BatchRunner runner = BatchRunner.builder().clients(clients).out(cli.out).err(cli.err).build();
      cli.runningBatch(runner);
      try {
        return runner.run(options);
      } finally {
        cli.runningBatch(null);
      }
    }
  }
}
