package dev.apimart.cli.batch;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a line's images under predictable names — {@code line-0042-1.png}, {@code line-0042-2.png}
 * — without ever replacing a file that is not the same image: each one is downloaded to a temporary
 * name first, and a file already at the final name is kept only when it holds exactly the
 * downloaded bytes (the same image saved by an earlier run that stopped before recording it);
 * anything else is left alone and the line reported. Every image is tried, so a failure of image 2
 * still saves image 3, and no partial file is left behind.
 */
final class ImageSaver {

  /** What saving a line's images came to. */
  record Saved(List<String> files, List<String> problems) {
    boolean complete() {
      return problems.isEmpty();
    }
  }

  private ImageSaver() {}

  /** The name stem of a line's images: {@code line-0042} (at least four digits). */
  static String stem(int line, int lastLine) {
    int width = Math.max(4, Integer.toString(Math.max(lastLine, 1)).length());
    return "line-" + String.format("%0" + width + "d", line);
  }

  static Saved save(
      ApiMartClient client, List<GeneratedImage> images, Path dir, String stem, String taskId) {
    List<String> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      problems.add("cannot create '" + dir + "': " + e.getMessage());
      return new Saved(files, problems);
    }
    for (int i = 0; i < images.size(); i++) {
      String base = stem + "-" + (i + 1);
      Path partial = dir.resolve("." + base + "." + taskId + ".part");
      try {
        client.download(images.get(i), partial);
        String extension = extension(partial);
        Path target = dir.resolve(base + "." + extension);
        try {
          Files.move(partial, target);
          files.add(target.getFileName().toString());
        } catch (FileAlreadyExistsException exists) {
          if (Files.isRegularFile(target) && Files.mismatch(partial, target) == -1) {
            files.add(target.getFileName().toString());
          } else {
            problems.add(
                "image "
                    + (i + 1)
                    + ": '"
                    + target
                    + "' already exists and is not this image; it was left alone (move it away"
                    + " and re-run to save the image)");
          }
        }
      } catch (ApiMartException e) {
        problems.add("image " + (i + 1) + ": " + e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        problems.add("image " + (i + 1) + ": " + e.getMessage());
      } finally {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException e) {
          problems.add("could not remove '" + partial + "': " + e.getMessage());
        }
      }
    }
    return new Saved(List.copyOf(files), List.copyOf(problems));
  }

  private static String extension(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(ImageFormat.SIGNATURE_LENGTH);
      return ImageFormat.detect(head).map(ImageFormat::extension).orElse("png");
    }
  }
}
