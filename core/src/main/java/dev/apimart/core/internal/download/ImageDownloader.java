package dev.apimart.core.internal.download;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.internal.retry.OperationKind;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.ImageFormat;
import dev.apimart.core.model.internal.Redaction;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads generated images. Image URLs point at a CDN, not at ApiMart, so the API key is never
 * sent with them. Transports do not follow redirects; this class follows at most {@value
 * #MAX_REDIRECTS}, refusing any from https to http. The content must be an image ({@code image/*},
 * or an untyped body that starts like a PNG, JPEG, GIF or WebP) and no larger than the limit. A
 * file target is written to a temporary file next to it and moved into place, so a failed download
 * never leaves a partial file. Failures are {@link DownloadException}s. Thread-safe.
 */
public final class ImageDownloader {

  private static final Logger LOG = LoggerFactory.getLogger(ImageDownloader.class);

  /** Redirects followed at most. */
  public static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<String> UNTYPED =
      Set.of("", "application/octet-stream", "binary/octet-stream");

  private final HttpTransport transport;
  private final RetryEngine retry;
  private final Clock clock;
  private final Duration timeout;
  private final long maxBytes;
  private final String userAgent;
  private final Function<Map<String, List<String>>, Optional<Duration>> retryAfter;

  /**
   * @param transport moves the bytes
   * @param retry repeats failed attempts (downloads are idempotent)
   * @param clock tells whether an image URL has expired, for error messages
   * @param timeout how long to wait for an answer's headers
   * @param maxBytes the largest image accepted
   * @param userAgent the {@code User-Agent} sent
   * @param retryAfter reads a {@code Retry-After} header
   */
  public ImageDownloader(
      HttpTransport transport,
      RetryEngine retry,
      Clock clock,
      Duration timeout,
      long maxBytes,
      String userAgent,
      Function<Map<String, List<String>>, Optional<Duration>> retryAfter) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * Downloads to a file, replacing it if it exists; parent directories are created.
   *
   * @return the number of bytes written
   */
  public long download(GeneratedImage image, Path target) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(target, "target");
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    String what = "GET " + image.redactedUrl();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new DownloadException(
          "Cannot create the directory " + directory + " for the image: " + e.getMessage(),
          ErrorDetails.NONE,
          e);
    }
    try {
      long bytes =
          retry.call(
              OperationKind.DOWNLOAD,
              what,
              () -> {
                try (TransportResponse response = open(image)) {
                  return writeFile(response, image, directory, absolute);
                }
              },
              null);
      LOG.debug("Downloaded {} ({} bytes) to {}", image.redactedUrl(), bytes, absolute);
      return bytes;
    } catch (DownloadException e) {
      throw e;
    } catch (ApiMartException e) {
      throw asDownloadFailure(image, e);
    }
  }

  /**
   * Streams to the given stream, which stays open. Only the request is retried: once bytes were
   * written to the stream, a failure ends the download.
   *
   * @return the number of bytes written
   */
  public long download(GeneratedImage image, OutputStream out) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(out, "out");
    TransportResponse response;
    try {
      response =
          retry.call(OperationKind.DOWNLOAD, "GET " + image.redactedUrl(), () -> open(image), null);
    } catch (DownloadException e) {
      throw e;
    } catch (ApiMartException e) {
      throw asDownloadFailure(image, e);
    }
    try (response) {
      long bytes = copy(checkedBody(response, image), out, image);
      LOG.debug("Downloaded {} ({} bytes) to a stream", image.redactedUrl(), bytes);
      return bytes;
    } catch (TransportException e) {
      throw asDownloadFailure(image, e);
    }
  }

  private long writeFile(
      TransportResponse response, GeneratedImage image, Path directory, Path target) {
    InputStream body = checkedBody(response, image);
    Path temp;
    try {
      // Not createTempFile: its owner-only permissions would stay on the user's image after the
      // move.
      temp =
          Files.createFile(
              directory.resolve(
                  "."
                      + target.getFileName()
                      + "-"
                      + Long.toUnsignedString(
                          java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
                      + ".part"));
    } catch (IOException e) {
      throw new DownloadException(
          "Cannot create a temporary file in " + directory + ": " + e.getMessage(),
          ErrorDetails.NONE,
          e);
    }
    try {
      long bytes;
      try (OutputStream out = Files.newOutputStream(temp)) {
        bytes = copy(body, out, image);
      } catch (IOException e) {
        throw writeFailure(temp, e);
      }
      moveIntoPlace(temp, target);
      return bytes;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.warn("Could not remove the temporary file {}: {}", temp, e.getMessage());
      }
    }
  }

  private static void moveIntoPlace(Path temp, Path target) {
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DownloadException(
          "Cannot move the downloaded image to " + target + ": " + e.getMessage(),
          ErrorDetails.NONE,
          e);
    }
  }

  private static DownloadException writeFailure(Path temp, IOException e) {
    return new DownloadException(
        "Cannot write the image to " + temp.getParent() + ": " + e.getMessage(),
        ErrorDetails.NONE,
        e);
  }

  /** Sends the request, following redirects; the answer is a 2xx with headers checked. */
  private TransportResponse open(GeneratedImage image) {
    URI current = image.url();
    for (int redirects = 0; ; redirects++) {
      checkScheme(current, image);
      TransportRequest request =
          TransportRequest.builder()
              .method("GET")
              .uri(current)
              .header("user-agent", userAgent)
              .header("accept", "image/*")
              .timeout(timeout)
              .streaming(true)
              .build();
      TransportResponse response = transport.execute(request);
      int status = response.status();
      LOG.debug("GET {} -> {}", Redaction.url(current), status);
      if (status >= 200 && status < 300) {
        try {
          checkHeaders(response, image);
        } catch (RuntimeException e) {
          response.close();
          throw e;
        }
        return response;
      }
      String location = response.header("location");
      byte[] errorBody = REDIRECTS.contains(status) ? new byte[0] : readSmall(response);
      response.close();
      if (REDIRECTS.contains(status)) {
        current = redirectTarget(current, location, redirects, image);
        continue;
      }
      throw statusFailure(status, response.headers(), errorBody, image);
    }
  }

  private URI redirectTarget(
      URI current, @Nullable String location, int redirects, GeneratedImage image) {
    if (location == null || location.isBlank()) {
      throw new DownloadException(
          "The image server redirected " + image.redactedUrl() + " without a Location",
          ErrorDetails.NONE,
          null);
    }
    if (redirects >= MAX_REDIRECTS) {
      throw new DownloadException(
          "Too many redirects (more than " + MAX_REDIRECTS + ") downloading " + image.redactedUrl(),
          ErrorDetails.NONE,
          null);
    }
    URI next;
    try {
      next = current.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new DownloadException(
          "The image server redirected " + image.redactedUrl() + " to an invalid URL",
          ErrorDetails.NONE,
          e);
    }
    if ("https".equalsIgnoreCase(current.getScheme())
        && "http".equalsIgnoreCase(next.getScheme())) {
      throw new DownloadException(
          "Refusing a redirect from https to plain http ("
              + Redaction.url(current)
              + " -> "
              + Redaction.url(next)
              + "): the image would travel unencrypted",
          ErrorDetails.NONE,
          null);
    }
    LOG.debug("Following redirect {} -> {}", Redaction.url(current), Redaction.url(next));
    return next;
  }

  private static void checkScheme(URI uri, GeneratedImage image) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new DownloadException(
          "Cannot download " + image.redactedUrl() + ": only http and https URLs are supported",
          ErrorDetails.NONE,
          null);
    }
  }

  private void checkHeaders(TransportResponse response, GeneratedImage image) {
    String length = response.header("content-length");
    if (length != null) {
      try {
        long declared = Long.parseLong(length.strip());
        if (declared > maxBytes) {
          throw tooLarge(image, "declares " + declared + " bytes");
        }
      } catch (NumberFormatException ignored) {
        // A malformed length is checked while reading instead.
      }
    }
    String type = mediaType(response);
    if (!type.startsWith("image/") && !UNTYPED.contains(type)) {
      throw new DownloadException(
          "Expected an image from "
              + image.redactedUrl()
              + " but the server sent content of type '"
              + type
              + "'",
          ErrorDetails.ofStatus(response.status()),
          null);
    }
  }

  private static String mediaType(TransportResponse response) {
    String type = response.header("content-type");
    if (type == null) {
      return "";
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** The body; an untyped one must start like an image. */
  private static InputStream checkedBody(TransportResponse response, GeneratedImage image) {
    InputStream body = response.body();
    if (mediaType(response).startsWith("image/")) {
      return body;
    }
    BufferedInputStream buffered = new BufferedInputStream(body, 8192);
    byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];
    int read;
    try {
      buffered.mark(head.length);
      read = buffered.readNBytes(head, 0, head.length);
      buffered.reset();
    } catch (IOException e) {
      throw lost(e);
    }
    if (ImageFormat.detect(head, read).isEmpty()) {
      throw new DownloadException(
          "Expected an image from "
              + image.redactedUrl()
              + " but the untyped content does not start like a PNG, JPEG, GIF or WebP image",
          ErrorDetails.ofStatus(response.status()),
          null);
    }
    return buffered;
  }

  private long copy(InputStream in, OutputStream out, GeneratedImage image) {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        throw lost(e);
      }
      if (n < 0) {
        return total;
      }
      total += n;
      if (total > maxBytes) {
        throw tooLarge(image, "sent more than " + maxBytes + " bytes");
      }
      try {
        out.write(buffer, 0, n);
      } catch (IOException e) {
        throw new DownloadException(
            "Cannot write the image: " + e.getMessage(), ErrorDetails.NONE, e);
      }
    }
  }

  private static TransportException lost(IOException e) {
    return new TransportException(
        TransportException.Kind.CONNECTION_LOST,
        "The connection broke while the image was downloaded: " + e.getMessage(),
        e);
  }

  private DownloadException tooLarge(GeneratedImage image, String what) {
    return new DownloadException(
        "The image at "
            + image.redactedUrl()
            + " is larger than the limit of "
            + maxBytes
            + " bytes (the server "
            + what
            + "); raise maxDownloadBytes on the client builder if this is expected",
        ErrorDetails.NONE,
        null);
  }

  private ApiMartException statusFailure(
      int status, Map<String, List<String>> headers, byte[] body, GeneratedImage image) {
    String raw = body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
    ErrorDetails details =
        ErrorDetails.builder().status(status).headers(headers).rawBody(raw).build();
    String message = "Downloading " + image.redactedUrl() + " failed with HTTP " + status;
    if (status == 429) {
      return new RateLimitedException(message, details, retryAfter.apply(headers).orElse(null));
    }
    if (status >= 500) {
      return new ServerException(message, details, retryAfter.apply(headers).orElse(null));
    }
    Instant expiresAt = image.expiresAt();
    if (expiresAt != null && image.isExpiredAt(clock.instant())) {
      message += "; the URL expired at " + expiresAt + ": fetch the task again for a fresh one";
    }
    return new DownloadException(message, details, null);
  }

  private static byte[] readSmall(TransportResponse response) {
    try {
      return response.body().readNBytes(ErrorDetails.MAX_RAW_BODY_CHARS);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static DownloadException asDownloadFailure(GeneratedImage image, ApiMartException e) {
    return new DownloadException(
        "Downloading " + image.redactedUrl() + " failed: " + e.getMessage(), e.details(), e);
  }
}
