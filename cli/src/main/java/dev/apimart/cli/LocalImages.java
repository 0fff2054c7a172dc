package dev.apimart.cli;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Local images to upload ({@code --image-file}, {@code apimart upload}, a batch line's {@code
 * image_files}), checked on this machine before anything is sent with the limits ApiMart's upload
 * endpoint documents: a readable regular file of 1 byte to 20 MB whose first bytes are a JPEG, PNG,
 * WebP or GIF signature (the name does not count). The client checks the same again; checking here
 * lets the command list these problems together with every other one, before any upload.
 */
public final class LocalImages {

  /** ApiMart's documented upload limit, read leniently as 20 MiB. */
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  private LocalImages() {}

  /** What a checked file is. */
  public record Checked(Path path, long bytes, ImageFormat format) {

    /** {@code cat.png (12345 bytes, PNG)}. */
    public String describe(String shown) {
      return shown + " (" + bytes + " bytes, " + format + ")";
    }
  }

  /**
   * Checks one file without reading more than its first bytes.
   *
   * @return the file's size and format, or the problem in plain words (no flag name)
   */
  public static Result check(Path file) {
    if (!Files.exists(file)) {
      return Result.problem("does not exist");
    }
    if (!Files.isRegularFile(file)) {
      return Result.problem("is not a regular file");
    }
    if (!Files.isReadable(file)) {
      return Result.problem("cannot be read (permission denied)");
    }
    long size;
    byte[] head = new byte[12];
    int read = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      size = channel.size();
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(head);
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer);
        if (n < 0) {
          break;
        }
        read += n;
      }
    } catch (NoSuchFileException e) {
      return Result.problem("does not exist");
    } catch (AccessDeniedException e) {
      return Result.problem("cannot be read (permission denied)");
    } catch (IOException e) {
      return Result.problem("cannot be read (" + CliWords.io(e) + ")");
    }
    if (size == 0) {
      return Result.problem("is empty");
    }
    if (size > MAX_BYTES) {
      return Result.problem(
          "is " + size + " bytes; ApiMart takes images of at most 20 MB (" + MAX_BYTES + " bytes)");
    }
    Optional<ImageFormat> format = ImageFormat.detect(head, read);
    if (format.isEmpty()) {
      return Result.problem(
          "is not a JPEG, PNG, WebP or GIF image (judged by its first bytes, not its name)");
    }
    return new Result(new Checked(file, size, format.get()), null);
  }

  /** A checked file, or why it cannot be uploaded. */
  public record Result(@Nullable Checked checked, @Nullable String problem) {
    static Result problem(String problem) {
      return new Result(null, problem);
    }
  }

  /**
   * Where a local image stands while a request is validated (the client does the same), so that the
   * model's reference rules count local files with the given URLs.
   */
  public static final String STAND_IN = "https://upload.apimart.ai/f/image/local-reference-";

  /**
   * The request with a stand-in URL after the given ones for each local reference image: what the
   * model's reference rules are checked against before anything is uploaded.
   */
  public static GenerationRequest withStandIns(GenerationRequest request) {
    if (request.referenceImages().isEmpty()) {
      return request;
    }
    GenerationRequest.Builder b = request.toBuilder();
    for (int i = 0; i < request.referenceImages().size(); i++) {
      b.addImageUrl(STAND_IN + i);
    }
    return b.build();
  }

  /**
   * The identity of a file's content: its size and SHA-256 in hex, as {@code size:sha256}. A batch
   * line's request hash includes it, so a changed file makes a changed line.
   */
  public static String identity(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        size += n;
      }
    }
    return size + ":" + HexFormat.of().formatHex(sha.digest());
  }
}
