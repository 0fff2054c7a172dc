package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.RequestPreview;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.testkit.FakeApiMart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apimart generate PROMPT}: submit, wait, save. */
@Command(
    name = "generate",
    description = "submit a generation, wait for it and save the images",
    footer = {
      "",
      "--model takes any name: a model in the catalog ('apimart models') is checked against what",
      "it documents; another name is sent as given, with only the checks every request shares.",
      "--param NAME=VALUE sets a typed option (quality, background, moderation, output_format,",
      "output_compression, seed, watermark, nsfw_check, official_fallback, google_search,",
      "mask_url) or any other body field. VALUE is JSON when it parses, else text:",
      "  --param style=vivid   --param 'options={\"hdr\":true}'   --param quality=high",
      "(a typed option the chosen model does not document is refused: see 'apimart models MODEL')",
      "",
      "--image-file PATH uploads a local image (free: an upload creates nothing billable; its",
      "URL lives 72 hours) and adds it to the reference images after any --image-url; the model's",
      "limit counts both. Every file is checked here (exists, readable, JPEG/PNG/WebP/GIF by its",
      "first bytes, at most 20 MB) before anything is uploaded or submitted.",
      "",
      "--webhook URL: ApiMart posts the finished task to URL/callback (it appends '/callback'),",
      "retrying on failure and possibly twice. The address must be public https on a standard",
      "port (loopback and private addresses are refused by the service); callbacks carry no",
      "signature, so put a secret in the URL and read the task again before acting on it.",
      "",
      "The prompt is the words after the options, --prompt TEXT, or --prompt-file PATH (- reads",
      "standard input). A prompt starting with '-' goes after '--' or in --prompt:",
      "  apimart generate -- \"-5 degrees and snowing\"",
      "",
      "Without an API key or base URL, the embedded fake server answers (placeholder images).",
      "Defaults for model, size, resolution, out and timeout may come from the config file",
      "(~/.config/apimart/config.properties, or $XDG_CONFIG_HOME/apimart/): flags win over the",
      "environment, which wins over the file.",
      "",
      "Examples:",
      "  apimart generate --model qwen-image-2.0 --size 16:9 --resolution 2K --n 2 \"A cat\"",
      "  apimart generate --model gpt-image-2 --size 21:9 --resolution 4K \"A skyline at dusk\"",
      "  apimart generate --dry-run --model gpt-image-2 \"A skyline\"   # the request as curl"
    })
final class GenerateCommand extends CliCommand implements SavingCommand {

  /** How long a task of the embedded fake takes at {@code --fake-speed 1}. */
  static final Duration EMBEDDED_TASK_TIME = Duration.ofSeconds(3);

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL",
      description = "model id, default z-image-turbo (see 'apimart models')")
  @Nullable String model;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      description = "ratio such as 16:9, auto, or pixels WxH, as the model takes")
  @Nullable String size;

  @Option(
      names = "--resolution",
      paramLabel = "TIER",
      description = "resolution tier such as 1K, 2K, 4K (any case)")
  @Nullable String resolution;

  @Option(
      names = "--n",
      paramLabel = "COUNT",
      description = "number of images, as the model allows")
  @Nullable String n;

  @Option(names = "--negative-prompt", paramLabel = "TEXT", description = "what should not appear")
  @Nullable String negativePrompt;

  @Option(
      names = "--image-url",
      paramLabel = "URL",
      description = "reference image URL (data URI where taken), repeatable")
  List<String> imageUrls = new ArrayList<>();

  @Option(
      names = "--image-file",
      paramLabel = "PATH",
      description =
          "local reference image (JPEG, PNG, WebP or GIF, at most 20 MB), repeatable; checked"
              + " here, then uploaded (free) just before the submission")
  List<String> imageFiles = new ArrayList<>();

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description =
          "ApiMart posts the finished task to URL + '/callback'; it must be a public https"
              + " address (standard port) — put a secret in it, callbacks are not signed")
  @Nullable String webhook;

  @Option(names = "--prompt-extend", description = "smart prompt rewriting (z-image-turbo)")
  boolean promptExtend;

  @Option(
      names = "--param",
      paramLabel = "NAME=VALUE",
      description = "any other request field, repeatable")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--prompt",
      paramLabel = "TEXT",
      description = "the prompt, when it starts with '-' or instead of PROMPT")
  @Nullable String promptOption;

  @Option(
      names = "--prompt-file",
      paramLabel = "PATH",
      description = "read the prompt from a file (UTF-8); - reads standard input")
  @Nullable String promptFile;

  @Option(
      names = "--dry-run",
      description = "print the request as a curl command (key masked) and send nothing")
  boolean dryRun;

  @Option(
      names = "--fake-speed",
      paramLabel = "FACTOR",
      description = "embedded fake only: how much faster its tasks run (default 1)")
  @Nullable String fakeSpeed;

  @Option(names = "--json", description = "print one machine-readable JSON result")
  boolean json;

  @Mixin SaveOptions save = new SaveOptions();

  @Parameters(paramLabel = "PROMPT", arity = "0..*", description = "what to draw")
  List<String> words = new ArrayList<>();

  private @Nullable GenerateArgs request;
  private final List<LocalImages.Checked> checkedFiles = new ArrayList<>();
  private ApimartCli.@Nullable Connection connection;
  private double speed = 1;

  @Override
  boolean json() {
    return json;
  }

  @Override
  public SaveOptions save() {
    return save;
  }

  @Override
  void check(List<String> problems) {
    ApimartCli cli = cli();
    CliConfig config = cli.config();
    String prompt = prompt(problems);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < imageFiles.size(); i++) {
      String given = imageFiles.get(i);
      Path file = cli.workingDir.resolve(given);
      files.add(file);
      LocalImages.Result checked = LocalImages.check(file);
      if (checked.problem() != null) {
        problems.add(
            (imageFiles.size() > 1 ? GenerateArgs.ordinal(i + 1) + " " : "")
                + "--image-file '"
                + given
                + "': "
                + checked.problem());
      } else {
        checkedFiles.add(checked.checked());
      }
    }
    java.net.URI webhookUri = null;
    if (webhook != null) {
      try {
        webhookUri = new java.net.URI(webhook.strip());
      } catch (java.net.URISyntaxException e) {
        problems.add("--webhook: '" + webhook + "' is not a URL (" + e.getReason() + ")");
      }
    }
    request =
        GenerateArgs.read(
            new GenerateArgs.Inputs(
                model != null ? model : config.get("model").orElse(null),
                prompt,
                size != null ? size : config.get("size").orElse(null),
                resolution != null ? resolution : config.get("resolution").orElse(null),
                n,
                negativePrompt,
                imageUrls,
                files,
                webhookUri,
                promptExtend,
                params,
                option ->
                    spec.commandLine().getParseResult() != null
                        && spec.commandLine().getParseResult().hasMatchedOption("--" + option)),
            cli.catalog);
    boolean promptMissing = problems.stream().anyMatch(p -> p.startsWith("generate needs PROMPT"));
    // The missing prompt is told once, in the command's words, not again by the validator.
    request.problems().stream()
        .filter(p -> !(promptMissing && p.startsWith("PROMPT:")))
        .forEach(problems::add);
    save.check(cli, problems, dryRun);
    connection = cli.connection(this, problems, true);
    if (fakeSpeed != null) {
      try {
        speed = Double.parseDouble(fakeSpeed.strip());
        if (!(speed > 0) || Double.isInfinite(speed)) {
          problems.add("--fake-speed: must be a positive number, got '" + fakeSpeed + "'");
        }
      } catch (NumberFormatException e) {
        problems.add("--fake-speed: '" + fakeSpeed + "' is not a number");
      }
      if (!connection.embedded()) {
        problems.add("--fake-speed applies only to the embedded fake (no --api-key or --base-url)");
      }
    }
    if (connection.proxies().isPresent()
        && connection.proxies().get().hasSocks()
        && !connection.transport().orElse("jdk").equals("feign")) {
      problems.add(
          "--proxy: a SOCKS proxy works with --transport feign only (the jdk transport speaks to"
              + " HTTP proxies)");
    }
  }

  /** The prompt from exactly one of PROMPT, --prompt and --prompt-file. */
  private String prompt(List<String> problems) {
    int sources =
        (words.isEmpty() ? 0 : 1) + (promptOption == null ? 0 : 1) + (promptFile == null ? 0 : 1);
    if (sources > 1) {
      problems.add("give the prompt once: as PROMPT, with --prompt or with --prompt-file");
      return "";
    }
    if (promptOption != null) {
      return promptOption;
    }
    if (promptFile != null) {
      try {
        if (promptFile.equals("-")) {
          InputStream in = cli().stdin();
          return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        Path file = cli().workingDir.resolve(promptFile);
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        problems.add("--prompt-file: cannot read '" + promptFile + "' (" + CliWords.io(e) + ")");
        return "";
      } catch (java.io.UncheckedIOException e) {
        problems.add("--prompt-file: '" + promptFile + "' is not UTF-8 text");
        return "";
      }
    }
    if (words.isEmpty()) {
      problems.add("generate needs PROMPT (or --prompt TEXT, or --prompt-file PATH)");
      return "";
    }
    return String.join(" ", words);
  }

  /** The request as read by {@link #check}; null before. */
  @Nullable GenerateArgs arguments() {
    return request;
  }

  /** One violation in this command line's words. */
  String describe(Violation v) {
    return request == null ? v.toString() : request.describe(v);
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    GenerateArgs args = request;
    ApimartCli.Connection conn = connection;
    if (dryRun) {
      return dryRun(cli, args.request(), conn);
    }
    String outText = save.outText(cli.config());
    Instant started = cli.clock.instant();
    try (FakeApiMart embedded = conn.embedded() ? startEmbedded(cli) : null;
        ApiMartClient client = cli.client(this, conn, embedded, outText)) {
      noteUnlistedModel(cli, args.request());
      ProgressPrinter progress = cli.progress(started, json);
      GenerationResult result;
      try {
        result =
            client.generate(args.request(), cli.waitOptions(json, save.timeout, outText, progress));
      } finally {
        progress.finish();
      }
      return Results.report(cli, this, client, result, save, started);
    } finally {
      if (cli.waitingFor() == null) {
        save.cleanUpIfEmpty();
      }
    }
  }

  private FakeApiMart startEmbedded(ApimartCli cli) {
    return cli.startEmbeddedFake(
        Duration.ofNanos((long) (EMBEDDED_TASK_TIME.toNanos() / speed)), "using");
  }

  private int dryRun(ApimartCli cli, GenerationRequest request, ApimartCli.Connection conn) {
    // The client's own preview: validated and encoded exactly as a submission would be, with each
    // local image (uploaded first, its URL known only then) as a named placeholder.
    RequestPreview preview;
    try (ApiMartClient client = previewClient(cli, conn)) {
      preview = client.preview(request);
    }
    String body = preview.bodyText();
    String base =
        conn.embedded()
            ? "http://127.0.0.1:PORT"
            : conn.baseUrl().orElse(ApiMartClient.DEFAULT_BASE_URL).replaceAll("/+$", "");
    String url = conn.embedded() ? base + "/v1/images/generations" : preview.uri().toString();
    String key = conn.embedded() ? "(embedded fake key)" : mask(conn.apiKey().orElse(""));
    StringBuilder curl = new StringBuilder();
    List<java.util.Map<String, Object>> uploads = new ArrayList<>();
    for (int i = 0; i < checkedFiles.size(); i++) {
      LocalImages.Checked file = checkedFiles.get(i);
      curl.append("# upload ")
          .append(i + 1)
          .append(": ")
          .append(file.describe(imageFiles.get(i)))
          .append("; its URL is $UPLOAD_URL_")
          .append(i + 1)
          .append("\n");
      curl.append("curl -sS -X POST ")
          .append(CliWords.quote(base + "/v1/uploads/images"))
          .append(" \\\n  -H ")
          .append(CliWords.quote("Authorization: Bearer " + key))
          .append(" \\\n  -F ")
          .append(CliWords.quote("file=@" + file.path()))
          .append("\n");
      java.util.Map<String, Object> upload = new java.util.LinkedHashMap<>();
      upload.put("file", file.path().toString());
      upload.put("bytes", file.bytes());
      upload.put("format", file.format().extension());
      upload.put("placeholder", "$UPLOAD_URL_" + (i + 1));
      upload.put("url", base + "/v1/uploads/images");
      uploads.add(upload);
    }
    curl.append("curl -sS -X POST ")
        .append(CliWords.quote(url))
        .append(" \\\n  -H ")
        .append(CliWords.quote("Authorization: Bearer " + key))
        .append(" \\\n  -H 'Content-Type: application/json'");
    conn.proxies()
        .ifPresent(
            p ->
                curl.append(" \\\n  --proxy ")
                    .append(
                        CliWords.quote(
                            p.proxyFor(java.net.URI.create(base)).address() == null
                                ? ""
                                : "http://" + p.proxyFor(java.net.URI.create(base)).address())));
    curl.append(" \\\n  -d ").append(CliWords.quote(body));
    if (json) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      out.put("task_id", null);
      out.put("dry_run", true);
      out.put("method", "POST");
      out.put("url", url);
      out.put("body", body);
      out.put("uploads", uploads);
      out.put("curl", curl.toString());
      cli.printJson(out);
    } else {
      cli.out.println(curl);
      cli.err.println(
          "dry run: nothing was sent"
              + (uploads.isEmpty() ? "" : " and nothing uploaded")
              + " (the key is masked; the real one is sent as Bearer)");
    }
    return ExitCode.OK.code();
  }

  /**
   * A client that only previews: nothing is sent through it. On the embedded fake (no key, no
   * address yet) it stands in with a key that is never used, since the body depends on neither.
   */
  private ApiMartClient previewClient(ApimartCli cli, ApimartCli.Connection conn) {
    ApiMartClient.Builder builder = cli.clientBuilder(this, conn, null);
    if (conn.embedded()) {
      builder.apiKey("sk-dry-run-never-sent");
    }
    return builder.build();
  }

  /** The key as {@code sk-…wxyz}: enough to tell keys apart, useless to anyone who sees it. */
  static String mask(String key) {
    if (key.length() <= 8) {
      return "…";
    }
    return key.substring(0, 3) + "…" + key.substring(key.length() - 4);
  }

  /** One line in the command's words for a model the catalog has no entry for. */
  private static void noteUnlistedModel(ApimartCli cli, GenerationRequest request) {
    request
        .model()
        .filter(model -> !cli.catalog.contains(model))
        .ifPresent(
            model ->
                cli.err.println(
                    "note: model '"
                        + model.id()
                        + "' is not in the catalog ('apimart models' lists it), so only the"
                        + " checks every request shares were made; it is sent as given"));
  }
}
