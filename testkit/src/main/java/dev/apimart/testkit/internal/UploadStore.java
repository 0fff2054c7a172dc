package dev.apimart.testkit.internal;

import dev.apimart.testkit.FakeUpload;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fake's upload endpoint, as ApiMart's page documents it ({@code POST /v1/uploads/images}): a
 * real {@code multipart/form-data} parse, the field {@code file}, JPEG/PNG/WebP/GIF judged by the
 * first bytes, at most 20 MB (20 MiB), the URL valid 72 hours; 400 for a missing field or another
 * format, 413 for a larger file. Stored bytes are served at the URL until they expire. Keeps at
 * most {@link #MAX_STORED_BYTES} in memory, forgetting the oldest uploads first. Thread-safe.
 */
public final class UploadStore {

  /** The largest file accepted: 20 MiB, as the SDK reads "20MB". */
  public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

  /** The largest request body read: the file plus room for the multipart framing. */
  public static final int MAX_BODY_BYTES = (int) MAX_FILE_BYTES + 64 * 1024;

  /** The documented lifetime of an uploaded image's URL. */
  public static final Duration LIFETIME = Duration.ofHours(72);

  private static final long MAX_STORED_BYTES = 256L * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** An answer for the handler: status, content type, body. */
  public record Reply(int status, String contentType, byte[] body) {}

  private record Stored(FakeUpload upload, byte[] content) {}

  private final FakeClock clock;
  private final String baseUrl;
  private final Map<String, Stored> byId = new LinkedHashMap<>();
  private long storedBytes;

  /**
   * @param clock the fake's clock
   * @param baseUrl the fake's base URL, without trailing slash
   */
  public UploadStore(FakeClock clock, String baseUrl) {
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  /** Answers an upload request. */
  public Reply accept(@Nullable String contentType, byte[] body, boolean tooLarge) {
    if (tooLarge) {
      return error(413, "File too large: the maximum file size is 20MB");
    }
    String boundary = boundary(contentType);
    if (boundary == null) {
      return error(
          400, "Content-Type must be multipart/form-data with a boundary; missing file field");
    }
    Part file = findFile(body, boundary);
    if (file == null) {
      return error(400, "Missing file field: send the image as the multipart field 'file'");
    }
    int length = file.end - file.start;
    if (length > MAX_FILE_BYTES) {
      return error(413, "File too large: the maximum file size is 20MB");
    }
    String type = sniff(body, file.start, length);
    if (type == null) {
      return error(400, "Unsupported format: only JPEG, PNG, WebP and GIF images can be uploaded");
    }
    byte[] content = new byte[length];
    System.arraycopy(body, file.start, content, 0, length);
    Instant now = clock.now();
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    String name = file.fileName == null || file.fileName.isBlank() ? "image" : file.fileName;
    URI url =
        URI.create(
            baseUrl
                + "/uploads/f/"
                + id
                + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    FakeUpload upload =
        new FakeUpload(id, url, name, type, length, sha256(content), now, now.plus(LIFETIME));
    synchronized (this) {
      byId.put(id, new Stored(upload, content));
      storedBytes += length;
      Iterator<Stored> oldest = byId.values().iterator();
      while (storedBytes > MAX_STORED_BYTES && oldest.hasNext()) {
        storedBytes -= oldest.next().content.length;
        oldest.remove();
      }
    }
    return new Reply(200, "application/json; charset=utf-8", JsonSupport.uploadAnswer(upload));
  }

  /** Serves a stored upload: 200 with its bytes, 403 once expired, 404 when unknown. */
  public Reply serve(String id) {
    Stored stored;
    synchronized (this) {
      stored = byId.get(id);
    }
    if (stored == null) {
      return new Reply(
          404,
          "application/xml",
          Responses.cdnError("NoSuchKey", "The specified key does not exist.", "/uploads/f/" + id));
    }
    if (!clock.now().isBefore(stored.upload.expiresAt())) {
      return new Reply(
          403,
          "application/xml",
          Responses.cdnError("AccessDenied", "Request has expired.", "/uploads/f/" + id));
    }
    return new Reply(200, stored.upload.contentType(), stored.content);
  }

  /**
   * The body with this fake's upload URLs written as the service's public upload host, so that the
   * submission rules (reference images must be publicly reachable) accept them, as the service
   * accepts its own upload URLs. Only used for checking; the journal keeps the body as sent.
   */
  public byte[] withPublicUploadUrls(byte[] body) {
    String own = baseUrl + "/uploads/f/";
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.contains(own)) {
      return body;
    }
    return text.replace(own, "https://upload.apimart.ai/f/").getBytes(StandardCharsets.UTF_8);
  }

  /** Every kept upload, oldest first. */
  public synchronized List<FakeUpload> all() {
    List<FakeUpload> out = new ArrayList<>(byId.size());
    byId.values().forEach(s -> out.add(s.upload));
    return List.copyOf(out);
  }

  /** One upload by id. */
  public synchronized Optional<FakeUpload> find(String id) {
    Stored stored = byId.get(id);
    return stored == null ? Optional.empty() : Optional.of(stored.upload);
  }

  /** Forgets every upload. */
  public synchronized void reset() {
    byId.clear();
    storedBytes = 0;
  }

  /** A line for the journal instead of the body: never the file's bytes. */
  public static String describe(@Nullable String contentType, byte[] body) {
    String boundary = boundary(contentType);
    Part file = boundary == null ? null : findFile(body, boundary);
    if (file == null) {
      return "<multipart without a file field, " + body.length + " bytes>";
    }
    return "<multipart: file "
        + (file.fileName == null ? "(no name)" : "\"" + file.fileName + "\"")
        + ", "
        + (file.end - file.start)
        + " bytes>";
  }

  private static Reply error(int status, String message) {
    return new Reply(
        status,
        "application/json; charset=utf-8",
        JsonSupport.errorEnvelope(status, message, Responses.errorType(status)));
  }

  /** The image type of the first bytes, or {@code null}. */
  static @Nullable String sniff(byte[] b, int at, int length) {
    if (length >= 3
        && (b[at] & 0xff) == 0xff
        && (b[at + 1] & 0xff) == 0xd8
        && (b[at + 2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    if (length >= 8 && startsWith(b, at, png)) {
      return "image/png";
    }
    if (length >= 6
        && (startsWith(b, at, "GIF87a".getBytes(StandardCharsets.US_ASCII))
            || startsWith(b, at, "GIF89a".getBytes(StandardCharsets.US_ASCII)))) {
      return "image/gif";
    }
    if (length >= 12
        && startsWith(b, at, "RIFF".getBytes(StandardCharsets.US_ASCII))
        && startsWith(b, at + 8, "WEBP".getBytes(StandardCharsets.US_ASCII))) {
      return "image/webp";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (at + prefix.length > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private record Part(int start, int end, @Nullable String fileName) {}

  /** The boundary parameter of a multipart/form-data content type. */
  static @Nullable String boundary(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
      return null;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
        String value = p.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || value.length() > 70 ? null : value;
      }
    }
    return null;
  }

  /**
   * The part named {@code file} (RFC 7578): parts are separated by {@code CRLF--boundary}; each has
   * header lines, an empty line, then content up to the next delimiter.
   */
  static @Nullable Part findFile(byte[] body, String boundary) {
    byte[] dash = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(body, dash, 0);
    if (at < 0) {
      return null;
    }
    at += dash.length;
    while (true) {
      if (at + 2 <= body.length && body[at] == '-' && body[at + 1] == '-') {
        return null; // the closing delimiter
      }
      if (at + 2 > body.length || body[at] != '\r' || body[at + 1] != '\n') {
        return null;
      }
      int headersStart = at + 2;
      int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headersStart);
      if (headersEnd < 0) {
        return null;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int contentEnd = indexOf(body, delimiter, contentStart);
      if (contentEnd < 0) {
        return null;
      }
      String disposition = null;
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
          disposition = line.substring(colon + 1);
        }
      }
      if (disposition != null && "file".equals(parameter(disposition, "name"))) {
        return new Part(contentStart, contentEnd, parameter(disposition, "filename"));
      }
      at = contentEnd + delimiter.length;
    }
  }

  private static @Nullable String parameter(String header, String name) {
    java.util.regex.Matcher quoted =
        java.util.regex.Pattern.compile(
                "(?i)(?:^|;)\\s*" + name + "\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(header);
    if (quoted.find()) {
      return quoted.group(1).replaceAll("\\\\(.)", "$1");
    }
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("(?i)(?:^|;)\\s*" + name + "\\s*=\\s*([^;\\s]+)")
            .matcher(header);
    return token.find() ? token.group(1) : null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
