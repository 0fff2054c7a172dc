package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Saves a finished task's images and reports them. Every image is tried even when one fails; a
 * download goes to a hidden {@code .download} file that is renamed when complete and removed when
 * not, so no partial image is ever left behind. An existing file is never replaced silently: with
 * {@code --overwrite} it is replaced, an identical one is kept as it is, and otherwise the new
 * image gets the next free number ({@code ID-1.2.png}) — the task is paid for, so refusing to save
 * after it finished would lose what was bought.
 */
final class Results {

  private Results() {}

  /** One image's line in the report: the same shape for generate, wait and status. */
  static Map<String, Object> imageJson(int index, GeneratedImage image) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", index);
    json.put("url", image.url().toString());
    json.put("expires_at", image.expiresAt() == null ? null : image.expiresAt().toString());
    json.put("file", null);
    PixelSize size = image.expectedSize();
    // Unknown for a model without a pixel table, unless the saved file tells.
    json.put("width", size == null ? null : size.width());
    json.put("height", size == null ? null : size.height());
    return json;
  }

  /**
   * Puts the task's {@code cost} (US dollars) and {@code credits_cost} into a JSON result: null
   * when the service did not report them (unknown, which is not free).
   */
  static void costJson(Map<String, Object> json, Task task) {
    json.put("cost", task.cost());
    json.put("credits_cost", task.creditsCost());
  }

  /**
   * The task's cost in words ({@code 0.02 USD (0.2 credits)}), or empty when the service did not
   * report it.
   */
  static Optional<String> costWords(Task task) {
    BigDecimal cost = task.cost();
    BigDecimal credits = task.creditsCost();
    if (cost == null && credits == null) {
      return Optional.empty();
    }
    if (cost == null) {
      return Optional.of(credits.toPlainString() + " credits");
    }
    return Optional.of(
        cost.toPlainString()
            + " USD"
            + (credits == null ? "" : " (" + credits.toPlainString() + " credits)"));
  }

  /** Saves (unless {@code --no-download}) and reports a finished task; the exit code. */
  static int report(
      ApimartCli cli,
      CliCommand command,
      ApiMartClient client,
      GenerationResult result,
      SaveOptions save,
      Instant started) {
    List<Map<String, Object>> images = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int saved = 0;
    int index = 0;
    for (GeneratedImage image : result.images()) {
      index++;
      Map<String, Object> json = imageJson(index, image);
      if (!save.noDownload) {
        try {
          Saved file = save(client, image, save.dir, result.taskId(), index, save.overwrite);
          saved++;
          json.put("file", file.path().toString());
          file.note().ifPresent(n -> cli.err.println("note: " + n));
          ImageFiles.pngSize(ImageFiles.head(file.path()))
              .ifPresent(
                  s -> {
                    json.put("width", s.width());
                    json.put("height", s.height());
                  });
        } catch (IOException | UncheckedIOException | ApiMartException e) {
          String reason =
              e instanceof IOException io
                  ? CliWords.io(io)
                  : e instanceof UncheckedIOException u
                      ? CliWords.io(u.getCause())
                      : CliWords.describe((ApiMartException) e);
          json.put("error", reason);
          failures.add("image " + index + ": " + reason);
        }
      }
      images.add(json);
    }
    if (saved == 0) {
      save.cleanUpIfEmpty();
    }
    Duration took = Duration.between(started, cli.clock.instant());
    if (!failures.isEmpty()) {
      // The same folder: what was saved stays (identical files are kept), the rest is fetched
      // again.
      String resume = cli.resumeCommand(result.taskId(), save.outText(cli.config()));
      ApimartCli.Failure f =
          new ApimartCli.Failure(
                  "not_saved",
                  ExitCode.NOT_SAVED,
                  "task "
                      + result.taskId()
                      + " finished, but its images could not be saved ("
                      + failures.size()
                      + " of "
                      + images.size()
                      + " failed): "
                      + String.join("; ", failures))
              .task(result.taskId(), result.task().rawStatus())
              .with("elapsed_ms", took.toMillis())
              .with("cost", result.task().cost())
              .with("credits_cost", result.task().creditsCost())
              .with("images", images)
              .resume(resume);
      for (Map<String, Object> image : images) {
        if (image.get("file") != null) {
          f.hint("saved " + image.get("file"));
        }
      }
      f.hint("The images are paid for; save them (before they expire) with: " + resume);
      return cli.fail(command, f);
    }
    if (command.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("task_id", result.taskId().value());
      json.put("status", result.task().rawStatus());
      json.put("elapsed_ms", took.toMillis());
      costJson(json, result.task());
      json.put("images", images);
      cli.printJson(json);
    } else {
      for (Map<String, Object> image : images) {
        Object where = image.get("file") != null ? image.get("file") : image.get("url");
        Object width = image.get("width");
        cli.out.println(where + (width == null ? "" : "  " + width + "x" + image.get("height")));
      }
      cli.out.println(
          "task "
              + result.taskId()
              + ": "
              + result.images().size()
              + (result.images().size() == 1 ? " image" : " images")
              + " in "
              + Durations.human(took)
              + costWords(result.task()).map(c -> ", cost " + c).orElse(""));
    }
    return ExitCode.OK.code();
  }

  /** A saved image and, when it did not go to its own name, why. */
  record Saved(Path path, Optional<String> note) {}

  static Saved save(
      ApiMartClient client,
      GeneratedImage image,
      @Nullable Path dir,
      TaskId taskId,
      int index,
      boolean overwrite)
      throws IOException {
    if (dir == null) {
      throw new IllegalStateException("no output folder was checked");
    }
    Files.createDirectories(dir);
    String base = taskId.value() + "-" + index;
    Path partial = Files.createTempFile(dir, "." + base + "-", ".download");
    try {
      client.download(image, partial);
      String extension = ImageFiles.extension(ImageFiles.head(partial));
      Path target = dir.resolve(base + "." + extension);
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.move(partial, target);
          return new Saved(target, Optional.empty());
        } catch (FileAlreadyExistsException raced) {
          // appeared meanwhile: decide below like any existing file
        }
      }
      if (!overwrite) {
        // Saved before (a second 'apimart wait'), under its own name or a number: nothing to do.
        for (int n = 1; ; n++) {
          Path earlier = n == 1 ? target : dir.resolve(base + "." + n + "." + extension);
          if (!Files.exists(earlier, LinkOption.NOFOLLOW_LINKS)) {
            break;
          }
          if (Files.isRegularFile(earlier, LinkOption.NOFOLLOW_LINKS)
              && Files.mismatch(partial, earlier) == -1) {
            return new Saved(
                earlier, Optional.of(earlier + " was already saved (same image); kept"));
          }
        }
      }
      if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        if (overwrite) {
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
          return new Saved(target, Optional.of("replaced " + target + " (--overwrite)"));
        }
      }
      for (int n = 2; ; n++) {
        Path numbered = dir.resolve(base + "." + n + "." + extension);
        if (!Files.exists(numbered, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.move(partial, numbered);
            return new Saved(
                numbered,
                Optional.of(
                    target
                        + " already exists and was kept; saved the new image as "
                        + numbered.getFileName()
                        + " (--overwrite replaces)"));
          } catch (FileAlreadyExistsException raced) {
            // try the next number
          }
        }
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
