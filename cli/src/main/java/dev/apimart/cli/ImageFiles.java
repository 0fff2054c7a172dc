package dev.apimart.cli;

import dev.apimart.core.model.PixelSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads what a saved image really is: its format from the first bytes and a PNG's pixel size. */
final class ImageFiles {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageFiles() {}

  /** The file extension matching the image's signature: png, jpg, webp or gif (png otherwise). */
  static String extension(byte[] head) {
    if (startsWith(head, PNG)) {
      return "png";
    }
    if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
      return "jpg";
    }
    if (head.length >= 12
        && new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
      return "webp";
    }
    if (head.length >= 4
        && new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("GIF8")) {
      return "gif";
    }
    return "png";
  }

  /** The first bytes of a file (up to {@code n}). */
  static byte[] head(Path file, int n) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    }
  }

  /** Width and height from a PNG's IHDR chunk; empty for other formats. */
  static Optional<PixelSize> pngSize(byte[] head) {
    if (head.length < 24 || !startsWith(head, PNG)) {
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

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
