package dev.apimart.transport.jdkhttp.internal;

import dev.apimart.core.port.RequestBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The streams one exchange opens on a streamed {@link RequestBody}: {@code java.net.http} asks for
 * a fresh stream each time it sends the body (again when it retries on a new connection), and
 * reports a failed read as an {@code IOException} of its own, indistinguishable from a network
 * failure. This keeps the first failure of the body itself, so the transport can say "not sent",
 * closes a failing stream at once, and closes every stream when the exchange ends, however it ends
 * (a refused connection, a timeout, a cancel), rather than relying on the JDK to close a stream it
 * did not read to the end.
 */
public final class BodyStreams {

  private final RequestBody body;
  private final List<InputStream> opened = new ArrayList<>();
  private @Nullable IOException failure;
  private boolean closed;

  /** Tracks the streams of one exchange of {@code body}. */
  public BodyStreams(RequestBody body) {
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * Opens a fresh stream over the body, for {@code BodyPublishers.ofInputStream}. A source that
   * cannot be opened gives a stream that fails on its first read, so the exchange fails.
   */
  public InputStream open() {
    InputStream in;
    try {
      in = body.open();
    } catch (IOException | RuntimeException e) {
      IOException cause = e instanceof IOException io ? io : new IOException(e);
      record(cause);
      return new FailedStream(cause);
    }
    Guarded guarded = new Guarded(in);
    boolean late;
    synchronized (this) {
      late = closed;
      if (!late) {
        opened.add(guarded);
      }
    }
    if (late) {
      closeQuietly(guarded);
    }
    return guarded;
  }

  /** The first failure to read the body, or {@code null} when it read cleanly so far. */
  public synchronized @Nullable IOException failure() {
    return failure;
  }

  /** Closes every stream opened so far, and any opened later; idempotent. */
  public void closeAll() {
    List<InputStream> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(opened);
      opened.clear();
    }
    toClose.forEach(BodyStreams::closeQuietly);
  }

  private synchronized void record(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The exchange is over; nothing reads this stream any more.
    }
  }

  /** Records a failed read and closes the source at once. */
  private final class Guarded extends FilterInputStream {
    Guarded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException | RuntimeException e) {
        throw failed(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw failed(e);
      }
    }

    private IOException failed(Exception e) {
      IOException io = e instanceof IOException x ? x : new IOException(e);
      record(io);
      closeQuietly(in);
      return io;
    }
  }

  private static final class FailedStream extends InputStream {
    private final IOException cause;

    FailedStream(IOException cause) {
      this.cause = cause;
    }

    @Override
    public int read() throws IOException {
      throw new IOException("the request body could not be opened", cause);
    }
  }
}
