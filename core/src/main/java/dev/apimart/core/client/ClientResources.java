package dev.apimart.core.client;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.internal.retry.RetryBudget;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.internal.retry.RetrySettings;
import dev.apimart.core.internal.time.Timer;
import dev.apimart.core.internal.wire.WireCodec;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.internal.Redaction;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.support.DaemonThreads;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
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

  /** The redaction policy, knowing this client's key. */
  final Redaction redaction;

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
  private final RetryBudget budget;
  private final RetrySettings budgetSettings;
  private @Nullable ExecutorService downloads;
  private boolean closed;

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
      Supplier<ModelCatalog> catalogSource,
      RetryPolicy retryPolicy) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.ownedExecutor = ownedExecutor;
    this.clock = clock;
    this.timer = timer(clock, scheduler, ownedExecutor == null ? null : closing);
    this.codec = WireCodec.create(clock, java.util.List.of(apiKey));
    this.redaction = Redaction.withSecrets(java.util.List.of(apiKey));
    this.userAgent = userAgent;
    this.language = language;
    this.random = random;
    this.maxDownloadBytes = maxDownloadBytes;
    this.defaultListener = defaultListener;
    this.dispatch = new ObserverDispatch(observer);
    this.catalogSource = catalogSource;
    this.budgetSettings = retryPolicy.toSettings();
    this.budget = new RetryBudget(budgetSettings.budgetRatio(), budgetSettings.budgetMinRetries());
  }

  /**
   * The retry engine for a client or view with this policy. Views whose policy has the client's
   * budget settings share the client's budget, so that views made per call cannot multiply the
   * retries an outage provokes.
   */
  RetryEngine retryEngine(RetryPolicy policy) {
    RetrySettings settings = policy.toSettings();
    RetryBudget shared =
        settings.budgetRatio() == budgetSettings.budgetRatio()
                && settings.budgetMinRetries() == budgetSettings.budgetMinRetries()
            ? budget
            : new RetryBudget(settings.budgetRatio(), settings.budgetMinRetries());
    return new RetryEngine(settings, shared, timer, random);
  }

  /**
   * Where async downloads run: a stream is read with blocking I/O, so not on the scheduler. Up to
   * four daemon threads {@code apimart-download-N}, made on first use, idle ones ending after a
   * minute; shut down (interrupting running downloads) when the client closes.
   */
  synchronized ExecutorService downloads() {
    if (closed) {
      throw new IllegalStateException("This ApiMartClient is closed; build a new one");
    }
    if (downloads == null) {
      downloads = DaemonThreads.boundedPool("apimart-download", 4);
    }
    return downloads;
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
    ExecutorService pool;
    synchronized (this) {
      closed = true;
      pool = downloads;
    }
    if (pool != null) {
      pool.shutdownNow();
    }
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
