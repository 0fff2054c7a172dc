package dev.apimart.core.internal.upload;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ImageFormat;
import dev.apimart.core.port.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
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
 * <p>Memory: the body is a streamed {@link RequestBody} — the multipart head, the file read from
 * disk a buffer at a time on every attempt to send it, the tail — with its exact length declared,
 * so the heap an upload needs does not grow with the file. A file is checked by its size on disk
 * and its first bytes; a stream is read to its end first (see {@link #fromStream}) and abandoned as
 * soon as it passes the limit. File contents are never logged or put in an exception message.
 */
public final class UploadBodies {

  /**
   * The largest file accepted: ApiMart's page says "Maximum file size: 20MB"; read as 20 MiB, the
   * lenient reading (a file the service refuses still gets its typed 413).
   */
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  private static final int SNIFF_BYTES = 12;
  private static final int CHUNK = 64 * 1024;

  /** A stream up to this size is kept in memory until its upload ends; a larger one is spooled. */
  static final int IN_MEMORY_BYTES = 256 * 1024;

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
   * @param body the whole multipart body, streamed; release it when the upload ends
   * @param contentType the request's {@code Content-Type}, with its boundary
   * @param type the image type read from the file's first bytes
   * @param fileBytes the file's size
   * @param fileName the file name sent
   */
  public record Prepared(
      UploadBody body, String contentType, ImageType type, long fileBytes, String fileName) {}

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
   * Checks a file (as {@link #check}) and builds its upload body, which streams the file from disk
   * on every attempt to send it: nothing but the first bytes is read now.
   *
   * @throws InvalidRequestException when the file fails a check (nothing was sent)
   */
  public static Prepared fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    String shown = file.toString();
    Path name = file.getFileName();
    String fileName = name == null ? "image" : name.toString();
    Violation problem = check(file, "file");
    if (problem != null) {
      throw new InvalidRequestException("upload", List.of(problem));
    }
    long size;
    ImageType type;
    byte[] first = new byte[SNIFF_BYTES];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      size = channel.size();
      int firstLength = readUpTo(channel, ByteBuffer.wrap(first));
      Violation changed = checkContent("file", shown, size, first, firstLength);
      if (changed != null) {
        throw new InvalidRequestException("upload", List.of(changed));
      }
      type = Objects.requireNonNull(sniff(first, firstLength));
    } catch (NoSuchFileException e) {
      throw new InvalidRequestException(
          "upload", List.of(new Violation("file", shown, "disappeared before it could be read")));
    } catch (IOException e) {
      throw new InvalidRequestException(
          "upload", List.of(new Violation("file", shown, "cannot be read: " + reason(e))));
    }
    Framing framing = framing(fileName, type);
    RequestBody body =
        RequestBody.ofSource(
            framing.head.length + size + framing.tail.length,
            framing.contentType(),
            () -> framing.around(Files.newInputStream(file)));
    return new Prepared(
        new UploadBody(body, () -> {}), framing.contentType(), type, size, fileName);
  }

  /**
   * Reads a stream (at most {@link #MAX_BYTES} + 1 bytes of it), checks it and builds its upload
   * body. The stream is read to its end now, on the calling thread, and not closed.
   *
   * <p>A stream can be read only once, yet an upload is retried like a read and every check must
   * pass before a byte is sent, so the content is kept until the upload ends: in memory up to
   * {@link #IN_MEMORY_BYTES}, beyond that in a temporary file readable by the current user only,
   * deleted when the upload ends (on POSIX systems it has no name from the start). The heap holds a
   * few buffers, whatever the size.
   *
   * @param fileName the name to send; only its last path segment is used
   * @throws InvalidRequestException when the content fails a check (nothing was sent)
   * @throws java.io.UncheckedIOException when the stream fails, or the temporary file cannot be
   *     written
   */
  public static Prepared fromStream(InputStream in, String fileName) {
    Objects.requireNonNull(in, "in");
    String name = baseName(Objects.requireNonNull(fileName, "fileName"));
    byte[] first;
    try {
      first = in.readNBytes(IN_MEMORY_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the image to upload failed: " + reason(e), e);
    }
    byte[] head = Arrays.copyOf(first, Math.min(SNIFF_BYTES, first.length));
    if (first.length <= IN_MEMORY_BYTES) {
      Violation problem = checkContent("file", name, first.length, head, head.length);
      if (problem != null) {
        throw new InvalidRequestException("upload", List.of(problem));
      }
      ImageType type = Objects.requireNonNull(sniff(head, head.length));
      Framing framing = framing(name, type);
      RequestBody body =
          RequestBody.ofSource(
              framing.head.length + (long) first.length + framing.tail.length,
              framing.contentType(),
              () -> framing.around(new ByteArrayInputStream(first)));
      return new Prepared(
          new UploadBody(body, () -> {}), framing.contentType(), type, first.length, name);
    }
    Spool spool = Spool.create();
    try {
      long total = spool.append(first, first.length);
      byte[] chunk = new byte[CHUNK];
      while (true) {
        int n;
        try {
          n = in.read(chunk);
        } catch (IOException e) {
          throw new UncheckedIOException("Reading the image to upload failed: " + reason(e), e);
        }
        if (n < 0) {
          break;
        }
        total = spool.append(chunk, n);
        if (total > MAX_BYTES) {
          throw new InvalidRequestException(
              "upload",
              List.of(
                  new Violation(
                      "file",
                      name,
                      "is more than "
                          + MAX_BYTES
                          + " bytes; ApiMart accepts images of at most 20 MB")));
        }
      }
      Violation problem = checkContent("file", name, total, head, head.length);
      if (problem != null) {
        throw new InvalidRequestException("upload", List.of(problem));
      }
      ImageType type = Objects.requireNonNull(sniff(head, head.length));
      Framing framing = framing(name, type);
      RequestBody body =
          RequestBody.ofSource(
              framing.head.length + total + framing.tail.length,
              framing.contentType(),
              () -> framing.around(spool.open()));
      spool.releaseWhenUnreachable(body);
      return new Prepared(new UploadBody(body, spool), framing.contentType(), type, total, name);
    } catch (RuntimeException e) {
      spool.close();
      throw e;
    }
  }

  private record Framing(String boundary, byte[] head, byte[] tail) {

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    /** The file's bytes between the multipart head and tail. */
    InputStream around(InputStream file) {
      return new SequenceInputStream(
          Collections.enumeration(
              List.of(new ByteArrayInputStream(head), file, new ByteArrayInputStream(tail))));
    }
  }

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

  /**
   * A stream's content in a temporary file: created readable by the current user only, opened with
   * {@code DELETE_ON_CLOSE} (on POSIX systems the name is removed at once), read back through
   * positional reads so that attempts may overlap. Closed when its upload ends, or once its body is
   * unreachable.
   */
  private static final class Spool implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final FileChannel channel;
    private long size;

    private Spool(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    static Spool create() {
      Path path = null;
      try {
        path = Files.createTempFile("apimart-upload-", ".part");
        FileChannel channel =
            FileChannel.open(
                path,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        return new Spool(path, channel);
      } catch (IOException e) {
        if (path != null) {
          deleteQuietly(path);
        }
        throw new UncheckedIOException(
            "Could not keep the image to upload in a temporary file: " + reason(e), e);
      }
    }

    long append(byte[] bytes, int length) {
      try {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer, size + buffer.position());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not keep the image to upload in a temporary file: " + reason(e), e);
      }
      size += length;
      return size;
    }

    InputStream open() {
      FileChannel shared = channel;
      return new InputStream() {
        private long position;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          Objects.checkFromIndexSize(off, len, b.length);
          if (len == 0) {
            return 0;
          }
          int n = shared.read(ByteBuffer.wrap(b, off, len), position);
          if (n > 0) {
            position += n;
          }
          return n;
        }
      };
    }

    void releaseWhenUnreachable(Object owner) {
      FileChannel c = channel;
      Path p = path;
      CLEANER.register(
          owner,
          () -> {
            closeQuietly(c);
            deleteQuietly(p);
          });
    }

    @Override
    public void close() {
      closeQuietly(channel);
      deleteQuietly(path);
    }

    private static void closeQuietly(FileChannel c) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Nothing else to release.
      }
    }

    private static void deleteQuietly(Path p) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // DELETE_ON_CLOSE removes it, or the temporary directory's cleaning does.
      }
    }
  }
}
