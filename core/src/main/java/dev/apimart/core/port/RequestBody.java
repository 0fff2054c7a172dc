package dev.apimart.core.port;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@link TransportRequest}, with its {@code Content-Type} and a length known before a
 * byte is sent. Either bytes held in memory ({@link #ofBytes}), copied in so that nobody can change
 * them afterwards, or a streamed source ({@link #ofSource}): a length declared up front and a way
 * to open a fresh stream of exactly that many bytes each time the request is sent, so that a large
 * upload never needs to be in memory whole and a retry can send it again.
 *
 * <p>A transport sends {@link #contentLength()} as {@code Content-Length} (never chunked encoding)
 * and reads the bytes through {@link #open()}, which fails with an {@link IOException} when a
 * streamed source gives fewer or more bytes than it declared, so a wrong length can never reach the
 * wire as a complete request. Immutable and thread-safe as long as the source is.
 */
public final class RequestBody {

  /** Where a streamed body's bytes come from. */
  @FunctionalInterface
  public interface Source {

    /**
     * Opens a fresh stream over the whole body, from its first byte. Called once per attempt to
     * send the request (so more than once when it is retried), possibly on another thread; the
     * caller closes the stream.
     *
     * @throws IOException when the bytes cannot be read (the request is then not sent)
     */
    InputStream open() throws IOException;
  }

  /** Longer bodies cannot be held in one array ({@link #toByteArray()}). */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final String contentType;
  private final long contentLength;
  private final byte @Nullable [] bytes;
  private final @Nullable Source source;

  private RequestBody(
      String contentType, long contentLength, byte @Nullable [] bytes, @Nullable Source source) {
    this.contentType = checkContentType(contentType);
    this.contentLength = contentLength;
    this.bytes = bytes;
    this.source = source;
  }

  /**
   * A body held in memory; the array is copied.
   *
   * @param bytes the body, possibly empty
   * @param contentType its media type, e.g. {@code application/json}
   */
  public static RequestBody ofBytes(byte[] bytes, String contentType) {
    Objects.requireNonNull(bytes, "bytes");
    return new RequestBody(contentType, bytes.length, bytes.clone(), null);
  }

  /**
   * A streamed body: {@code contentLength} bytes, read from a fresh stream of {@code source} each
   * time the request is sent.
   *
   * @param contentLength the exact number of bytes every stream of the source gives
   * @param contentType its media type, e.g. {@code multipart/form-data; boundary=…}
   * @param source opens the stream
   */
  public static RequestBody ofSource(long contentLength, String contentType, Source source) {
    if (contentLength < 0) {
      throw new IllegalArgumentException("contentLength must not be negative: " + contentLength);
    }
    return new RequestBody(
        contentType, contentLength, null, Objects.requireNonNull(source, "source"));
  }

  /** The media type, sent as {@code Content-Type}. */
  public String contentType() {
    return contentType;
  }

  /** The exact number of bytes, sent as {@code Content-Length}. */
  public long contentLength() {
    return contentLength;
  }

  /** Whether the bytes come from a {@link Source} rather than from memory. */
  public boolean isStreamed() {
    return source != null;
  }

  /**
   * A fresh stream over the whole body, to be closed by the caller. For a streamed body, it opens
   * the source and fails with an {@link IOException} as soon as the source gives more bytes than
   * {@link #contentLength()}, or ends before it.
   *
   * @throws IOException when the source cannot be opened
   */
  public InputStream open() throws IOException {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    InputStream in = Objects.requireNonNull(source).open();
    if (in == null) {
      throw new IOException("the body's source opened no stream");
    }
    return new ExactLength(in, contentLength);
  }

  /**
   * The whole body in one new array of exactly {@link #contentLength()} bytes (a streamed body's
   * source is read once for it). For transports whose HTTP client takes the body only as an array.
   *
   * @throws IOException when the source fails or gives a different number of bytes
   * @throws IllegalStateException when the body is too large for one array
   */
  public byte[] toByteArray() throws IOException {
    if (bytes != null) {
      return bytes.clone();
    }
    if (contentLength > MAX_ARRAY) {
      throw new IllegalStateException(
          "a body of " + contentLength + " bytes does not fit in one array");
    }
    byte[] all = new byte[(int) contentLength];
    try (InputStream in = open()) {
      int read = in.readNBytes(all, 0, all.length);
      if (read != all.length || in.read() != -1) {
        // ExactLength throws first; this guards a source that misreports readNBytes.
        throw new IOException("the body's source gave " + read + " of " + contentLength + " bytes");
      }
    }
    return all;
  }

  /**
   * In-memory bodies are equal when their bytes and content types are; a streamed body only to a
   * body with the same source, length and content type.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RequestBody other)) {
      return false;
    }
    return contentLength == other.contentLength
        && contentType.equals(other.contentType)
        && Arrays.equals(bytes, other.bytes)
        && Objects.equals(source, other.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(contentType, contentLength, Arrays.hashCode(bytes), source);
  }

  /** Length, kind and content type; never the bytes. */
  @Override
  public String toString() {
    return "RequestBody["
        + contentLength
        + " bytes"
        + (source == null ? "" : ", streamed")
        + ", "
        + contentType
        + "]";
  }

  private static String checkContentType(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    if (contentType.isBlank() || contentType.indexOf('/') < 1) {
      throw new IllegalArgumentException("contentType must be a media type: " + contentType);
    }
    for (int i = 0; i < contentType.length(); i++) {
      char c = contentType.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0x7e) {
        throw new IllegalArgumentException(
            "contentType holds a character HTTP forbids in a header (at index " + i + ")");
      }
    }
    return contentType.strip();
  }

  /** Whether two content types name the same thing (media type names are case-insensitive). */
  static boolean sameContentType(String a, String b) {
    return a.strip().equalsIgnoreCase(b.strip());
  }

  /** A source's stream held to its declared length. */
  private static final class ExactLength extends FilterInputStream {
    private final long expected;
    private long seen;

    ExactLength(InputStream in, long expected) {
      super(in);
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        checkEnd();
      } else {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      // Ask for one byte past the end, so a source that is too long shows it here.
      int n = in.read(b, off, (int) Math.min(len, Math.max(1, expected - seen)));
      if (n < 0) {
        checkEnd();
      } else {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("a request body is read, not skipped");
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void count(int n) throws IOException {
      seen += n;
      if (seen > expected) {
        throw new IOException(
            "the body's source gave more than its declared " + expected + " bytes");
      }
    }

    private void checkEnd() throws IOException {
      if (seen != expected) {
        throw new IOException(
            "the body's source ended after " + seen + " of its declared " + expected + " bytes");
      }
    }
  }
}
