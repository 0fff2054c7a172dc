package dev.apimart.benchmarks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server that serves one image ({@code GET /image.png}, {@code image/png}, with its
 * length) in 64 KiB writes, standing in for the CDN. For the heap measurement it can hold a
 * download halfway: {@link #holdNextAtHalf()} makes the next answer stop after half the bytes until
 * {@link #release()}.
 */
public final class ImageServer implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  static {
    // The JDK server delays small writes (Nagle) unless told otherwise: 40 ms per answer.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final byte[] image;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon());
  private volatile @Nullable Hold hold;

  private static final class Hold {
    final CountDownLatch reachedHalf = new CountDownLatch(1);
    final CountDownLatch released = new CountDownLatch(1);
  }

  /** Starts serving the image on a free loopback port. */
  public ImageServer(byte[] image) {
    this.image = image.clone();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/image.png", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  /** The image's URL. */
  public URI imageUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/image.png");
  }

  /** The image's size in bytes. */
  public int imageSize() {
    return image.length;
  }

  /** The next answer stops after half of the image until {@link #release()}. */
  public void holdNextAtHalf() {
    hold = new Hold();
  }

  /**
   * Waits until the held answer has written half of the image.
   *
   * @throws IllegalStateException when nothing is held or it takes longer than a minute
   */
  public void awaitHalf() throws InterruptedException {
    Hold h = hold;
    if (h == null || !h.reachedHalf.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("No download reached the middle of the image");
    }
  }

  /** Lets the held answer finish. */
  public void release() {
    Hold h = hold;
    hold = null;
    if (h != null) {
      h.released.countDown();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    Hold h = hold;
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, image.length);
      OutputStream out = exchange.getResponseBody();
      int half = image.length / 2;
      for (int at = 0; at < image.length; at += CHUNK) {
        int n = Math.min(CHUNK, image.length - at);
        if (h != null && at < half && at + n >= half) {
          out.write(image, at, half - at);
          out.flush();
          h.reachedHalf.countDown();
          h.released.await(1, TimeUnit.MINUTES);
          out.write(image, half, at + n - half);
        } else {
          out.write(image, at, n);
        }
      }
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "benchmark-image-server");
      t.setDaemon(true);
      return t;
    };
  }
}
