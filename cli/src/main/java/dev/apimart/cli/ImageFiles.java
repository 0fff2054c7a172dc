package dev.apimart.cli;

import dev.apimart.core.model.ImageFormat;
import dev.apimart.core.model.PixelSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads what a saved image really is: its format from the first bytes and a PNG's pixel size. */
final class ImageFiles {

  /** Enough for the format's signature and a PNG's IHDR width and height. */
  static final int HEAD_LENGTH = 24;

  private ImageFiles() {}

  /** The file extension matching the image's signature (png when it is not recognized). */
  static String extension(byte[] head) {
    return ImageFormat.detect(head).map(ImageFormat::extension).orElse("png");
  }

  /** The first bytes of a file (up to {@link #HEAD_LENGTH}). */
  static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HEAD_LENGTH);
    }
  }

  /** Width and height from a PNG's IHDR chunk; empty for other formats. */
  static Optional<PixelSize> pngSize(byte[] head) {
    if (head.length < 24 || ImageFormat.detect(head).orElse(null) != ImageFormat.PNG) {
      return Optional.empty();
    }
    int width = readInt(head, 16);
    int height = readInt(head, 20);
    return width > 0 && height > 0 ? Optional.of(new PixelSize(width, height)) : Optional.empty();
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }
}
