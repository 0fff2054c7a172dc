package dev.apimart.transport.feign.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails at the end of a body that is shorter than its {@code Content-Length} said, instead of
 * passing a truncated body off as complete ({@code HttpURLConnection} does not notice when the
 * server closes a fixed-length answer early). Closing it also runs {@code onClose}, which releases
 * the connection.
 */
public final class LengthCheckingInputStream extends FilterInputStream {

  private final long announced;
  private final Runnable onClose;
  private long received;

  /**
   * @param in the body
   * @param announced the {@code Content-Length}, or -1 when unknown (then nothing is checked)
   * @param onClose runs once the stream is closed
   */
  public LengthCheckingInputStream(InputStream in, long announced, Runnable onClose) {
    super(in);
    this.announced = announced;
    this.onClose = onClose;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      checkComplete();
    } else {
      received++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      // The InputStream contract; Okio (OkHttp) would block for data instead, and
      // InputStream.readNBytes asks for zero bytes once it has all it wanted.
      return 0;
    }
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      checkComplete();
    } else {
      received += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    received += skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      onClose.run();
    }
  }

  /** Bytes read so far. */
  public long received() {
    return received;
  }

  private void checkComplete() throws EOFException {
    if (announced >= 0 && received < announced) {
      throw new EOFException("connection closed after " + received + " of " + announced + " bytes");
    }
  }
}
