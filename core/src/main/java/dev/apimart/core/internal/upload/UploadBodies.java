package dev.apimart.core.internal.upload;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything an upload checks and builds before it sends a byte: the format read from the file's
 * first bytes (JPEG, PNG, WebP, GIF — never the file name), the size (at most {@link #MAX_BYTES}),
 * that the file can be read; then the {@code multipart/form-data} body with the one field {@code
 * file}.
 *
 * <p>Memory: the transport port takes the body as one array, so an upload holds one copy of the
 * file plus a few hundred bytes of multipart framing — never more. A file is checked by its size on
 * disk before a byte of it is read, and read straight into its place in the body; a stream is read
 * in chunks and abandoned as soon as it passes the limit, so an endless stream costs at most the
 * limit. File contents are never logged or put in an exception message.
 */
public final class UploadBodies {

  /**
   * The largest file accepted: ApiMart's page says "Maximum file size: 20MB"; read as 20 MiB, the
   * lenient reading (a file the service refuses still gets its typed 413).
   */
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  private static final int SNIFF_BYTES = 12;
  private static final int CHUNK = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private UploadBodies() {}

  /** An image type ApiMart's upload endpoint accepts, with its MIME type. */
  public enum ImageType {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp"),
    GIF("image/gif");

    private final String mimeType;

    ImageType(String mimeType) {
      this.mimeType = mimeType;
    }

    /** E.g. {@code image/png}. */
    public String mimeType() {
      return mimeType;
    }
  }

  /**
   * A ready upload body.
   *
   * @param body the whole multipart body
   * @param contentType the request's {@code Content-Type}, with its boundary
   * @param type the image type read from the file's first bytes
   * @param fileBytes the file's size
   * @param fileName the file name sent
   */
  public record Prepared(
      byte[] body, String contentType, ImageType type, long fileBytes, String fileName) {}

  /** The image type the first bytes show, or {@code null} when they are none of the four. */
  public static @Nullable ImageType sniff(byte[] head, int length) {
    return ImageFormat.detect(head, length).map(f -> ImageType.valueOf(f.name())).orElse(null);
  }

  /**
   * Checks a local file without reading more than its first bytes: it exists, is a readable regular
   * file, holds 1 byte to {@link #MAX_BYTES}, and starts like a JPEG, PNG, WebP or GIF.
   *
   * @param field the name the violation carries, e.g. {@code file} or {@code referenceImages[0]}
   * @return the problem, or {@code null} when the file is fine
   */
  public static @Nullable Violation check(Path file, String field) {
    Objects.requireNonNull(file, "file");
    String shown = file.toString();
    if (!Files.isRegularFile(file)) {
      return new Violation(
          field,
          shown,
          Files.exists(file) ? "is not a regular file" : "does not exist (" + shown + ")");
    }
    if (!Files.isReadable(file)) {
      return new Violation(field, shown, "cannot be read: permission denied");
    }
    long size;
    byte[] head = new byte[SNIFF_BYTES];
    int read;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      size = channel.size();
      read = readUpTo(channel, ByteBuffer.wrap(head));
    } catch (IOException e) {
      return new Violation(field, shown, "cannot be read: " + reason(e));
    }
    return checkContent(field, shown, size, head, read);
  }

  private static @Nullable Violation checkContent(
      String field, String shown, long size, byte[] head, int read) {
    if (size == 0) {
      return new Violation(field, shown, "is empty");
    }
    if (size > MAX_BYTES) {
      return new Violation(
          field,
          shown,
          "is "
              + size
              + " bytes; ApiMart accepts images of at most 20 MB ("
              + MAX_BYTES
              + " bytes)");
    }
    if (sniff(head, read) == null) {
      return new Violation(
          field,
          shown,
          "is not a JPEG, PNG, WebP or GIF image (judged by its first bytes, not its name)");
    }
    return null;
  }

  /**
   * Checks a file (as {@link #check}) and builds its upload body, reading it once, straight into
   * place.
   *
   * @throws InvalidRequestException when the file fails a check (nothing was sent)
   */
  public static Prepared fromFile(Path file) {
    Violation problem = check(file, "file");
    if (problem != null) {
      throw new InvalidRequestException(List.of(problem));
    }
    String shown = file.toString();
    Path name = file.getFileName();
    String fileName = name == null ? "image" : name.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      Violation sizeProblem = size > MAX_BYTES || size == 0 ? sizeViolation(shown, size) : null;
      if (sizeProblem != null) {
        throw new InvalidRequestException(List.of(sizeProblem));
      }
      byte[] first = new byte[SNIFF_BYTES];
      int firstLength = readUpTo(channel, ByteBuffer.wrap(first));
      ImageType type = sniff(first, firstLength);
      if (type == null) {
        throw new InvalidRequestException(
            List.of(new Violation("file", shown, "changed while it was being read")));
      }
      channel.position(0);
      Framing framing = framing(fileName, type);
      byte[] body = new byte[framing.head.length + (int) size + framing.tail.length];
      System.arraycopy(framing.head, 0, body, 0, framing.head.length);
      ByteBuffer target = ByteBuffer.wrap(body, framing.head.length, (int) size);
      int got = readUpTo(channel, target);
      if (got != size || channel.read(ByteBuffer.allocate(1)) != -1) {
        throw new InvalidRequestException(
            List.of(new Violation("file", shown, "changed size while it was being read")));
      }
      System.arraycopy(
          framing.tail, 0, body, framing.head.length + (int) size, framing.tail.length);
      return prepared(body, framing, type, size, fileName);
    } catch (NoSuchFileException e) {
      throw new InvalidRequestException(
          List.of(new Violation("file", shown, "disappeared before it could be read")));
    } catch (IOException e) {
      throw new InvalidRequestException(
          List.of(new Violation("file", shown, "cannot be read: " + reason(e))));
    }
  }

  /**
   * Reads a stream (at most {@link #MAX_BYTES} + 1 bytes of it), checks it and builds its upload
   * body. The stream is not closed.
   *
   * @param fileName the name to send; only its last path segment is used
   * @throws InvalidRequestException when the content fails a check (nothing was sent)
   * @throws java.io.UncheckedIOException when the stream fails
   */
  public static Prepared fromStream(InputStream in, String fileName) {
    Objects.requireNonNull(in, "in");
    String name = baseName(Objects.requireNonNull(fileName, "fileName"));
    List<byte[]> chunks = new ArrayList<>();
    long total = 0;
    try {
      while (true) {
        byte[] chunk = in.readNBytes(CHUNK);
        if (chunk.length == 0) {
          break;
        }
        total += chunk.length;
        if (total > MAX_BYTES) {
          throw new InvalidRequestException(
              List.of(
                  new Violation(
                      "file",
                      name,
                      "is more than "
                          + MAX_BYTES
                          + " bytes; ApiMart accepts images of at most 20 MB")));
        }
        chunks.add(chunk);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Reading the image to upload failed: " + reason(e), e);
    }
    byte[] head = new byte[SNIFF_BYTES];
    int headLength = 0;
    for (byte[] chunk : chunks) {
      int n = Math.min(chunk.length, SNIFF_BYTES - headLength);
      System.arraycopy(chunk, 0, head, headLength, n);
      headLength += n;
      if (headLength == SNIFF_BYTES) {
        break;
      }
    }
    Violation problem = checkContent("file", name, total, head, headLength);
    if (problem != null) {
      throw new InvalidRequestException(List.of(problem));
    }
    ImageType type = Objects.requireNonNull(sniff(head, headLength));
    Framing framing = framing(name, type);
    byte[] body = new byte[framing.head.length + (int) total + framing.tail.length];
    System.arraycopy(framing.head, 0, body, 0, framing.head.length);
    int at = framing.head.length;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, body, at, chunk.length);
      at += chunk.length;
    }
    System.arraycopy(framing.tail, 0, body, at, framing.tail.length);
    return prepared(body, framing, type, total, name);
  }

  private static Prepared prepared(
      byte[] body, Framing framing, ImageType type, long size, String fileName) {
    return new Prepared(
        body, "multipart/form-data; boundary=" + framing.boundary(), type, size, fileName);
  }

  private record Framing(String boundary, byte[] head, byte[] tail) {}

  private static Framing framing(String fileName, ImageType type) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String boundary = "apimart-" + HexFormat.of().formatHex(random);
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + quoted(fileName)
                + "\"\r\nContent-Type: "
                + type.mimeType()
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    return new Framing(boundary, head, tail);
  }

  /** The last path segment of a name, as a browser sends it. */
  static String baseName(String fileName) {
    String name = fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    return name.isBlank() ? "image" : name;
  }

  /** A file name made safe inside a quoted header parameter. */
  static String quoted(String fileName) {
    StringBuilder sb = new StringBuilder(fileName.length());
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
        sb.append('_');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static Violation sizeViolation(String shown, long size) {
    return size == 0
        ? new Violation("file", shown, "is empty")
        : new Violation(
            "file",
            shown,
            "is "
                + size
                + " bytes; ApiMart accepts images of at most 20 MB ("
                + MAX_BYTES
                + " bytes)");
  }

  private static int readUpTo(FileChannel channel, ByteBuffer target) throws IOException {
    int total = 0;
    while (target.hasRemaining()) {
      int n = channel.read(target);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null ? "" : " (" + message.toLowerCase(Locale.ROOT).strip() + ")");
  }
}
