package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.model.UploadedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code apimart upload FILE...}: stores local images on ApiMart and prints their public URLs, for
 * {@code --image-url} or a batch line's {@code image_urls}. Free: an upload creates nothing
 * billable. Every file is checked before the first is sent; a failed upload does not stop the
 * others (each is independent and free), and the URLs already made are printed either way.
 */
@Command(
    name = "upload",
    description = "upload local images and print their URLs (free, creates nothing billable)",
    footer = {
      "",
      "Each FILE must be a JPEG, PNG, WebP or GIF (judged by its first bytes) of at most 20 MB;",
      "every file is checked before the first is uploaded. An upload is free: it creates nothing",
      "billable. Each URL is public (anyone with it can fetch the image) and expires 72 hours",
      "after the upload; use it with 'apimart generate --image-url URL' or a batch line's",
      "image_urls. ('apimart generate --image-file PATH' uploads and uses a file in one step.)",
      "",
      "Examples:",
      "  apimart upload cat.png",
      "  apimart upload --json a.jpg b.webp"
    })
final class UploadCommand extends CliCommand {

  @Option(names = "--json", description = "print one machine-readable JSON result")
  boolean json;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "local images to upload")
  List<String> files = new ArrayList<>();

  private final List<Path> paths = new ArrayList<>();
  private ApimartCli.Connection connection;

  @Override
  boolean json() {
    return json;
  }

  @Override
  void check(List<String> problems) {
    ApimartCli cli = cli();
    for (String given : files) {
      Path file = cli.workingDir.resolve(given);
      paths.add(file);
      LocalImages.Result checked = LocalImages.check(file);
      if (checked.problem() != null) {
        problems.add("FILE '" + given + "': " + checked.problem());
      }
    }
    // Not the embedded fake: its URLs would die with this process.
    connection = cli.connection(this, problems, false);
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    List<Map<String, Object>> results = new ArrayList<>();
    ApiMartException first = null;
    int failed = 0;
    try (ApiMartClient client = cli.client(this, connection, null, null)) {
      for (int i = 0; i < paths.size(); i++) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", files.get(i));
        try {
          UploadedImage image = client.upload(paths.get(i));
          json.put("url", image.url().toString());
          json.put("expires_at", image.expiresAt().toString());
          json.put("bytes", image.bytes());
          json.put("content_type", image.contentType());
          if (!json()) {
            cli.out.println(image.url() + "  expires " + image.expiresAt() + "  " + files.get(i));
          }
        } catch (ApiMartException e) {
          failed++;
          if (first == null) {
            first = e;
          }
          json.put("error", CliWords.describe(e));
          if (!json()) {
            cli.err.println("apimart upload: " + files.get(i) + ": " + CliWords.describe(e));
          }
        }
        results.add(json);
      }
    }
    if (first != null) {
      ApimartCli.Failure f =
          new ApimartCli.Failure(
                  ApimartCli.type(first),
                  ApimartCli.exitCode(first),
                  failed
                      + " of "
                      + paths.size()
                      + (paths.size() == 1 ? " upload" : " uploads")
                      + " failed (nothing billable was created); first: "
                      + CliWords.describe(first))
              .with("uploads", results)
              .cause(first, global().verbose);
      return cli.fail(this, f);
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("task_id", null);
      out.put("uploads", results);
      cli.printJson(out);
    }
    return ExitCode.OK.code();
  }
}
