package dev.apimart.transport.feign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A socket-level server that misbehaves on purpose: it reads a request head and then runs a script
 * — close at once, send half an answer, reset the connection, or wait until the client gives up.
 * One connection at a time.
 */
final class RawServer implements AutoCloseable {

  /** What to do with a connection whose request head has been read. */
  @FunctionalInterface
  interface Script {
    void run(Socket socket, RawServer server) throws IOException;
  }

  private final ServerSocket serverSocket;
  private final Thread acceptor;
  private final CountDownLatch requestRead = new CountDownLatch(1);
  private final CountDownLatch clientClosed = new CountDownLatch(1);

  private RawServer(Script script) throws IOException {
    serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!serverSocket.isClosed()) {
                try (Socket socket = serverSocket.accept()) {
                  readHead(socket.getInputStream());
                  requestRead.countDown();
                  script.run(socket, this);
                } catch (IOException e) {
                  // The test is over or the client went away: both end this connection.
                }
              }
            },
            "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static RawServer start(Script script) {
    try {
      return new RawServer(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
  }

  void awaitRequest() throws InterruptedException {
    if (!requestRead.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("no request reached the server");
    }
  }

  /** Whether the client closed the connection within 5 seconds. */
  boolean awaitClientClose() throws InterruptedException {
    return clientClosed.await(5, TimeUnit.SECONDS);
  }

  /** Closes the connection without a byte of answer. */
  static Script closeWithoutAnswer() {
    return (socket, server) -> socket.close();
  }

  /** Announces 100 bytes, sends 10, then closes. */
  static Script halfAnAnswer() {
    return (socket, server) -> {
      socket
          .getOutputStream()
          .write(
              ("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n"
                      + "0123456789")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      socket.close();
    };
  }

  /** Resets the connection (RST) instead of answering. */
  static Script reset() {
    return (socket, server) -> {
      socket.setSoLinger(true, 0);
      socket.close();
    };
  }

  /** Never answers; notes when the client closes the connection. */
  static Script waitForClientToGiveUp() {
    return (socket, server) -> {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      try {
        while (in.read() != -1) {
          // Discard whatever else the client sends.
        }
      } catch (IOException e) {
        // A reset is the client giving up too.
      }
      server.clientClosed.countDown();
    };
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        return;
      }
    }
  }

  /** A port nothing listens on: bound once, then released. */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }
}
