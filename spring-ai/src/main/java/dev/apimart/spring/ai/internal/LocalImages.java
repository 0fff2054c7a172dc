package dev.apimart.spring.ai.internal;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ImageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks an image's bytes must pass before ApiMart's upload endpoint is called, so that a
 * request with one bad image uploads none, and the renaming of an upload failure so that it says
 * which image failed. The endpoint's rules (ADR 0016): JPEG, PNG, WebP or GIF judged by the first
 * bytes, 1 byte to 20 MB. Core checks the same again when the bytes are uploaded.
 */
public final class LocalImages {

  /** The upload endpoint's limit, read leniently as 20 MiB (as core reads it). */
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  /**
   * Where an image waiting to be uploaded stands while the request is validated; the service's own
   * upload host, so the reference-URL rules treat it as the uploaded image will be treated.
   */
  public static final String STAND_IN = "https://upload.apimart.ai/f/image/pending-upload-";

  private LocalImages() {}

  /** {@code image/png}, {@code image/jpeg}, {@code image/webp}, {@code image/gif} or null. */
  public static @Nullable String sniff(byte[] head) {
    return ImageFormat.detect(head).map(ImageFormat::mimeType).orElse(null);
  }

  /**
   * The problem with uploading these bytes declared as {@code declaredType}, or null.
   *
   * <p>The declared type must agree with the bytes: a PNG declared {@code image/jpeg} is refused
   * rather than sent, because a mismatch usually means the wrong file. {@code
   * application/octet-stream} and {@code image/*} declare nothing and let the bytes decide.
   *
   * @param label how the problem names the image, e.g. {@code media 2}
   */
  public static @Nullable Violation check(
      byte[] data, @Nullable String declaredType, String field, String label) {
    String rejected = label + " (" + declaredType + ", " + data.length + " bytes)";
    if (data.length == 0) {
      return problem(field, rejected, "is empty: give the image's bytes");
    }
    if (data.length > MAX_BYTES) {
      return problem(
          field,
          rejected,
          "is larger than the 20 MB (" + MAX_BYTES + " bytes) ApiMart's upload endpoint takes");
    }
    String detected = sniff(data);
    if (detected == null) {
      return problem(
          field,
          rejected,
          "is not a JPEG, PNG, WebP or GIF image (judged by its first bytes), the formats ApiMart's"
              + " upload endpoint takes");
    }
    String declared = normalized(declaredType);
    if (declared != null && !declared.equals(detected)) {
      return problem(
          field,
          rejected,
          "is declared "
              + declaredType
              + " but its bytes are "
              + detected
              + ": declare "
              + detected
              + " (or application/octet-stream to let the bytes decide), or give the intended image");
    }
    return null;
  }

  /** The declared type as the sniffer names it, or null when it declares nothing specific. */
  private static @Nullable String normalized(@Nullable String declaredType) {
    if (declaredType == null) {
      return null;
    }
    String type = declaredType.strip().toLowerCase(Locale.ROOT);
    int parameters = type.indexOf(';');
    if (parameters >= 0) {
      type = type.substring(0, parameters).strip();
    }
    switch (type) {
      case "", "application/octet-stream", "image/*", "*/*":
        return null;
      case "image/jpg", "image/pjpeg":
        return "image/jpeg";
      case "image/x-png":
        return "image/png";
      default:
        return type;
    }
  }

  /**
   * The failure of one image's upload as the same SDK exception type (where it has a public
   * constructor) with a message naming the image and saying nothing was submitted; the original is
   * attached as suppressed. Other exceptions come back unchanged.
   *
   * @param which e.g. {@code media 2 (image/png, 1234 bytes)}
   */
  public static ApiMartException naming(ApiMartException e, String field, String which) {
    String message =
        "Uploading "
            + which
            + " failed, so nothing was submitted (no task, no charge): "
            + e.getMessage();
    ApiMartException named;
    if (e instanceof InvalidRequestException invalid) {
      List<Violation> renamed = new ArrayList<>();
      for (Violation v : invalid.violations()) {
        renamed.add(new Violation(field, which, which + " could not be uploaded: " + v.message()));
      }
      named = new InvalidRequestException(renamed);
    } else if (e instanceof RequestRejectedException) {
      named = new RequestRejectedException(message, e.details());
    } else if (e instanceof PayloadTooLargeException) {
      named = new PayloadTooLargeException(message, e.details());
    } else if (e instanceof RateLimitedException limited) {
      named = new RateLimitedException(message, e.details(), limited.retryAfter().orElse(null));
    } else if (e instanceof ServerException server) {
      named = new ServerException(message, e.details(), server.retryAfter().orElse(null));
    } else if (e instanceof TransportException transport) {
      named = new TransportException(transport.kind(), message, e);
    } else if (e instanceof AuthenticationException) {
      named = new AuthenticationException(message, e.details());
    } else if (e instanceof PermissionDeniedException) {
      named = new PermissionDeniedException(message, e.details());
    } else {
      return e;
    }
    if (named.getCause() != e) {
      named.addSuppressed(e);
    }
    return named;
  }

  /** A violation whose message starts with the image's name: the field alone may not say which. */
  private static Violation problem(String field, String rejected, String message) {
    return new Violation(field, rejected, rejected + " " + message);
  }
}
