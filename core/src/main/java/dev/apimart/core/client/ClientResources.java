package dev.apimart.core.client;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.internal.time.Timer;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.wire.WireCodec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client and every view made from it share: the key, address, transport, scheduler, codec,
 * observer and catalog. Only the client that built them closes them, and only what it created.
 */
final class ClientResources {

  private static final Logger LOG = LoggerFactory.getLogger(ApiMartClient.class);

  final URI baseUrl;
  final String apiKey;
  final HttpTransport transport;
  final Clock clock;
  final Timer timer;
  final WireCodec codec;
  final String userAgent;
  final @Nullable Language language;
  final DoubleSupplier random;
  final long maxDownloadBytes;
  final ProgressListener defaultListener;
  final ObserverDispatch dispatch;
  private final boolean ownsTransport;
  private final @Nullable ScheduledThreadPoolExecutor ownedExecutor;
  private final Supplier<ModelCatalog> catalogSource;
  private volatile @Nullable RequestValidator validator;
  private final CountDownLatch closing = new CountDownLatch(1);

  ClientResources(
      URI baseUrl,
      String apiKey,
      HttpTransport transport,
      boolean ownsTransport,
      Scheduler scheduler,
      @Nullable ScheduledThreadPoolExecutor ownedExecutor,
      Clock clock,
      String userAgent,
      @Nullable Language language,
      DoubleSupplier random,
      long maxDownloadBytes,
      ProgressListener defaultListener,
      ClientObserver observer,
      Supplier<ModelCatalog> catalogSource) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.ownedExecutor = ownedExecutor;
    this.clock = clock;
    this.timer = timer(clock, scheduler, ownedExecutor == null ? null : closing);
    this.codec = WireCodec.create(clock, java.util.List.of(apiKey));
    this.userAgent = userAgent;
    this.language = language;
    this.random = random;
    this.maxDownloadBytes = maxDownloadBytes;
    this.defaultListener = defaultListener;
    this.dispatch = new ObserverDispatch(observer);
    this.catalogSource = catalogSource;
  }

  /**
   * @param closing when the scheduler is the client's own, counted down on close, so that a sync
   *     call pausing between status requests or retries wakes at once and ends
   */
  private static Timer timer(Clock clock, Scheduler scheduler, @Nullable CountDownLatch closing) {
    return new Timer() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public Runnable schedule(Duration delay, Runnable task) {
        Scheduler.Cancellable handle = scheduler.schedule(delay, task);
        return handle::cancel;
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        if (closing == null) {
          scheduler.sleep(duration);
        } else if (!duration.isNegative() && !duration.isZero()) {
          closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
      }
    };
  }

  /**
   * The validator, made on first use: the catalog is built only when the first request is checked,
   * so that {@code build()} stays cheap.
   */
  RequestValidator validator() {
    RequestValidator v = validator;
    if (v == null) {
      synchronized (this) {
        v = validator;
        if (v == null) {
          v = RequestValidator.forCatalog(catalogSource.get());
          validator = v;
        }
      }
    }
    return v;
  }

  /** Closes the transport and the scheduler's executor, when the client created them. */
  void close() {
    closing.countDown();
    if (ownsTransport) {
      try {
        transport.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing the transport failed", e);
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }
}
