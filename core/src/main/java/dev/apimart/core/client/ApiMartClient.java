package dev.apimart.core.client;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ClientObserver.Kind;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.internal.discovery.TransportDiscovery;
import dev.apimart.core.internal.download.ImageDownloader;
import dev.apimart.core.internal.http.ApiCalls;
import dev.apimart.core.internal.http.SdkVersion;
import dev.apimart.core.internal.polling.TaskWaiter;
import dev.apimart.core.internal.polling.WaitSpec;
import dev.apimart.core.internal.retry.RetryBudget;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.internal.retry.RetrySettings;
import dev.apimart.core.internal.time.Timer;
import dev.apimart.core.internal.upload.UploadBodies;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.UsageQuery;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.wire.WireCodec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApiMart image generation client: submit a request, wait for the task, download the images.
 *
 * <pre>{@code
 * try (ApiMartClient client = ApiMartClient.builder().build()) {   // key from APIMART_API_KEY
 *   GenerationResult result = client.generate(
 *       GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn"));
 *   client.download(result.images().get(0), Path.of("lighthouse.png"));
 * }
 * }</pre>
 *
 * <p>Every request is validated before anything is sent ({@code InvalidRequestException} lists
 * every problem). Calls are retried by the {@link RetryPolicy} — a submission only when that cannot
 * create a second task. Waiting polls on a plan from the task's estimate and progress ({@link
 * PollingOptions}) with one overall deadline, and async waits hold no thread between status
 * requests. Failures are unchecked {@code dev.apimart.core.error} exceptions.
 *
 * <p>Immutable and thread-safe: share one client. Closing it closes the transport and scheduler it
 * created (not ones it was given) and fails waits still running.
 */
public final class ApiMartClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiMartClient.class);

  /** The service's address when none is configured. */
  public static final String DEFAULT_BASE_URL = "https://api.apimart.ai";

  /** Environment variable read when no API key is given. */
  public static final String ENV_API_KEY = "APIMART_API_KEY";

  /** Environment variable read when no base URL is given. */
  public static final String ENV_BASE_URL = "APIMART_BASE_URL";

  /** Largest image {@code download} accepts unless configured: 50 MiB. */
  public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 50L * 1024 * 1024;

  private final URI baseUrl;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final @Nullable ScheduledThreadPoolExecutor ownedExecutor;
  private final Clock clock;
  private final PollingOptions pollingOptions;
  private final RetryPolicy retryPolicy;
  private final ProgressListener defaultListener;
  private final ClientObserver observer;
  private final ApiCalls api;
  private final Supplier<ModelCatalog> catalogSource;
  private volatile @Nullable RequestValidator validator;
  private final TaskWaiter waiter;
  private final ImageDownloader downloader;
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApiMartClient(
      Builder b,
      String apiKey,
      URI baseUrl,
      HttpTransport transport,
      boolean ownsTransport,
      Scheduler scheduler,
      @Nullable ScheduledThreadPoolExecutor ownedExecutor) {
    this.baseUrl = baseUrl;
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.ownedExecutor = ownedExecutor;
    this.clock = b.clock;
    this.pollingOptions = b.pollingOptions;
    this.retryPolicy = b.retryPolicy;
    this.defaultListener = b.progressListener;
    this.observer = b.observer;
    this.catalogSource = b.catalogSource();
    Timer timer = timer(b.clock, scheduler);
    RetrySettings settings = b.retryPolicy.toSettings();
    RetryEngine retry =
        new RetryEngine(
            settings,
            new RetryBudget(settings.budgetRatio(), settings.budgetMinRetries()),
            timer,
            b.random);
    WireCodec codec = WireCodec.create(b.clock, List.of(apiKey));
    String userAgent = SdkVersion.userAgent();
    this.api =
        new ApiCalls(
            baseUrl,
            apiKey,
            b.language,
            b.requestTimeout,
            userAgent,
            transport,
            codec,
            retry,
            b.clock);
    this.waiter = new TaskWaiter(timer);
    this.downloader =
        new ImageDownloader(
            transport,
            retry,
            b.clock,
            b.requestTimeout,
            b.maxDownloadBytes,
            userAgent,
            codec::retryAfter);
  }

  private static Timer timer(Clock clock, Scheduler scheduler) {
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
        scheduler.sleep(duration);
      }
    };
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------- operations

  /**
   * Validates and submits a request.
   *
   * @return the new task's id; wait for it with {@link #waitFor(TaskId)}
   * @throws dev.apimart.core.error.InvalidRequestException when the request is invalid (nothing was
   *     sent)
   * @throws dev.apimart.core.error.SubmissionOutcomeUnknownException when it may or may not have
   *     created a task
   */
  public TaskId submit(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    return observed(
        Kind.SUBMIT,
        request,
        null,
        null,
        SUBMITTED,
        h -> {
          GenerationRequest valid = withUploads(validated(request), h);
          return api.submit(valid, idempotencyKey(valid), keyHonoured(valid));
        });
  }

  /** Like {@link #submit} without blocking; invalid requests fail the future. */
  public CompletableFuture<TaskId> submitAsync(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return track(
        () -> {
          ensureOpen();
          return observedAsync(
              Kind.SUBMIT,
              request,
              null,
              null,
              SUBMITTED,
              h -> {
                GenerationRequest checked = validated(request);
                if (checked.referenceImages().isEmpty()) {
                  return api.submitAsync(checked, idempotencyKey(checked), keyHonoured(checked));
                }
                return chain(
                    withUploadsAsync(checked, h),
                    valid -> api.submitAsync(valid, idempotencyKey(valid), keyHonoured(valid)));
              });
        });
  }

  /** One snapshot of a task (retried on transient failures). */
  public Task getTask(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    ensureOpen();
    return observed(Kind.POLL, null, taskId, null, SNAPSHOT, h -> api.getTask(taskId, null));
  }

  /** Like {@link #getTask} without blocking. */
  public CompletableFuture<Task> getTaskAsync(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    return track(
        () -> {
          ensureOpen();
          return observedAsync(
              Kind.POLL, null, taskId, null, SNAPSHOT, h -> api.getTaskAsync(taskId, null));
        });
  }

  /**
   * Submits a request and waits for its images, on the calling thread.
   *
   * @throws dev.apimart.core.error.TaskFailedException when the task failed (with the server's
   *     error)
   * @throws dev.apimart.core.error.TaskCancelledException when the service cancelled it
   * @throws dev.apimart.core.error.WaitTimeoutException when it did not finish in time; resume with
   *     {@link #waitFor(TaskId)}
   */
  public GenerationResult generate(GenerationRequest request) {
    return generate(request, WaitOptions.defaults());
  }

  /** Like {@link #generate(GenerationRequest)} with options for the wait. */
  public GenerationResult generate(GenerationRequest request, WaitOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    return observed(
        Kind.GENERATE,
        request,
        null,
        null,
        FINISHED,
        generation -> {
          GenerationRequest valid = withUploads(validated(request), generation);
          TaskId id =
              observed(
                  Kind.SUBMIT,
                  valid,
                  null,
                  generation,
                  SUBMITTED,
                  h -> api.submit(valid, idempotencyKey(valid), keyHonoured(valid)));
          Instant submittedAt = clock.instant();
          LOG.debug("Submitted task {}", id);
          return awaitResult(id, withExpectedSize(options, valid), submittedAt, valid, generation);
        });
  }

  /** Submits a request and waits for its images without holding a thread. */
  public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
    return generateAsync(request, WaitOptions.defaults());
  }

  /**
   * Like {@link #generateAsync(GenerationRequest)} with options for the wait. Cancelling the future
   * stops polling (the task itself keeps running on the service).
   */
  public CompletableFuture<GenerationResult> generateAsync(
      GenerationRequest request, WaitOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    return track(
        () -> {
          ensureOpen();
          return observedAsync(
              Kind.GENERATE,
              request,
              null,
              null,
              FINISHED,
              generation -> {
                GenerationRequest checked = validated(request);
                WaitOptions effective = withExpectedSize(options, checked);
                CompletableFuture<GenerationRequest> uploaded =
                    checked.referenceImages().isEmpty()
                        ? CompletableFuture.completedFuture(checked)
                        : withUploadsAsync(checked, generation);
                return chain(
                    chain(
                        uploaded,
                        valid ->
                            observedAsync(
                                    Kind.SUBMIT,
                                    valid,
                                    null,
                                    generation,
                                    SUBMITTED,
                                    h ->
                                        api.submitAsync(
                                            valid, idempotencyKey(valid), keyHonoured(valid)))
                                .thenApply(id -> Map.entry(id, valid))),
                    submitted -> {
                      LOG.debug("Submitted task {}", submitted.getKey());
                      return awaitResultAsync(
                          submitted.getKey(),
                          effective,
                          clock.instant(),
                          submitted.getValue(),
                          generation);
                    });
              });
        });
  }

  /**
   * Waits for a task that was submitted earlier, possibly by another process, on the calling
   * thread. The first status request goes out at once.
   */
  public GenerationResult waitFor(TaskId taskId) {
    return waitFor(taskId, WaitOptions.defaults());
  }

  /** Like {@link #waitFor(TaskId)} with options. */
  public GenerationResult waitFor(TaskId taskId, WaitOptions options) {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    return observed(
        Kind.WAIT,
        null,
        taskId,
        null,
        FINISHED,
        wait -> awaitResult(taskId, options, null, null, wait));
  }

  /** Waits for a task submitted earlier without holding a thread. */
  public CompletableFuture<GenerationResult> waitForAsync(TaskId taskId, WaitOptions options) {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(options, "options");
    return track(
        () -> {
          ensureOpen();
          return observedAsync(
              Kind.WAIT,
              null,
              taskId,
              null,
              FINISHED,
              wait -> awaitResultAsync(taskId, options, null, null, wait));
        });
  }

  /** Like {@link #waitForAsync(TaskId, WaitOptions)} with the client's settings. */
  public CompletableFuture<GenerationResult> waitForAsync(TaskId taskId) {
    return waitForAsync(taskId, WaitOptions.defaults());
  }

  /**
   * What was spent over a period ({@code GET /v1/usage}); free, creates nothing. The period (at
   * most 31 days) was checked when the query was built.
   *
   * @throws dev.apimart.core.error.UsageUnavailableException when the service cannot compute usage
   *     now ({@code 503 usage_unavailable}) — which does not mean nothing was spent
   */
  public Usage usage(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    ensureOpen();
    checkPeriod(query);
    return observed(Kind.USAGE, null, null, null, READ, h -> api.usage(query));
  }

  /** Like {@link #usage(UsageQuery)} without blocking. */
  public CompletableFuture<Usage> usageAsync(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    return track(
        () -> {
          ensureOpen();
          checkPeriod(query);
          return observedAsync(Kind.USAGE, null, null, null, READ, h -> api.usageAsync(query));
        });
  }

  /** Refuses a period that runs backwards or is longer than the endpoint reports. */
  private static void checkPeriod(UsageQuery query) {
    if (query.to().isBefore(query.from())) {
      throw new InvalidRequestException(
          List.of(new Violation("end", query.to(), "is before start " + query.from())));
    }
    if (query.days() > UsageQuery.MAX_DAYS) {
      throw new InvalidRequestException(
          List.of(
              new Violation(
                  "end",
                  query.to(),
                  "makes a period of "
                      + query.days()
                      + " days; ApiMart reports at most "
                      + UsageQuery.MAX_DAYS
                      + " days at a time — split the period")));
    }
  }

  /** The key's remaining and used balance; free, creates nothing. */
  public Balance balance() {
    ensureOpen();
    return observed(Kind.BALANCE, null, null, null, READ, h -> api.balance());
  }

  /** Like {@link #balance()} without blocking. */
  public CompletableFuture<Balance> balanceAsync() {
    return track(
        () -> {
          ensureOpen();
          return observedAsync(Kind.BALANCE, null, null, null, READ, h -> api.balanceAsync());
        });
  }

  /**
   * Streams an image to a file (replacing it), through a temporary file in the same directory that
   * is moved into place: the target is either complete or untouched. The API key is not sent to the
   * image host.
   *
   * @return the number of bytes written
   * @throws dev.apimart.core.error.DownloadException when it fails, is not an image or is too large
   */
  public long download(GeneratedImage image, Path target) {
    ensureOpen();
    return downloader.download(image, target);
  }

  /**
   * Streams an image to a stream, which is left open. The request is retried, but once bytes were
   * written a failure ends the download.
   *
   * @return the number of bytes written
   */
  public long download(GeneratedImage image, OutputStream out) {
    ensureOpen();
    return downloader.download(image, out);
  }

  /** The service's address. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The name of the transport in use. */
  public String transportName() {
    return transport.name();
  }

  /** The retry policy in force. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The default polling options. */
  public PollingOptions pollingOptions() {
    return pollingOptions;
  }

  /**
   * Fails waits still running, then closes the transport and scheduler this client created. Safe to
   * call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    TransportException closing =
        new TransportException(
            TransportException.Kind.CANCELLED, "The ApiMartClient was closed", null);
    for (CompletableFuture<?> future : List.copyOf(running)) {
      future.completeExceptionally(closing);
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

  /** Base URL and transport; never the API key. */
  @Override
  public String toString() {
    return "ApiMartClient[baseUrl=" + baseUrl + ", transport=" + transport.name() + "]";
  }

  // ------------------------------------------------------------------------------- internals

  private GenerationResult awaitResult(
      TaskId id,
      WaitOptions options,
      @Nullable Instant submittedAt,
      @Nullable GenerationRequest request,
      ClientObserver.Handle parent) {
    WaitSpec spec = spec(id, options, submittedAt);
    Task task =
        waiter.await(
            spec,
            deadline ->
                observed(Kind.POLL, request, id, parent, SNAPSHOT, h -> api.getTask(id, deadline)));
    return result(task, options);
  }

  private CompletableFuture<GenerationResult> awaitResultAsync(
      TaskId id,
      WaitOptions options,
      @Nullable Instant submittedAt,
      @Nullable GenerationRequest request,
      ClientObserver.Handle parent) {
    WaitSpec spec = spec(id, options, submittedAt);
    CompletableFuture<Task> waiting =
        waiter.awaitAsync(
            spec,
            deadline ->
                observedAsync(
                    Kind.POLL, request, id, parent, SNAPSHOT, h -> api.getTaskAsync(id, deadline)));
    CompletableFuture<GenerationResult> result = waiting.thenApply(t -> result(t, options));
    propagateCancel(result, waiting);
    return result;
  }

  private WaitSpec spec(TaskId id, WaitOptions options, @Nullable Instant submittedAt) {
    PollingOptions polling = options.polling().orElse(pollingOptions);
    ProgressListener listener = options.listener().orElse(defaultListener);
    return new WaitSpec(
        id,
        polling.toSettings(),
        submittedAt,
        (task, elapsed) -> listener.onProgress(ProgressEvent.of(task, elapsed)));
  }

  private static GenerationResult result(Task task, WaitOptions options) {
    PixelSize expected = options.expectedSize().orElse(null);
    Task sized = expected == null ? task : task.withExpectedSize(expected);
    return GenerationResult.of(sized);
  }

  private WaitOptions withExpectedSize(WaitOptions options, GenerationRequest request) {
    if (options.expectedSize().isPresent()) {
      return options;
    }
    WaitOptions.Builder b =
        WaitOptions.builder()
            .expectedSize(request.expectedPixelSize(validator().catalog()).orElse(null));
    options.polling().ifPresent(b::polling);
    options.listener().ifPresent(b::listener);
    return b.build();
  }

  private GenerationRequest validated(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    List<Path> local = request.referenceImages();
    if (local.isEmpty()) {
      return validator().prepare(request);
    }
    // Local images count as references: validate with a stand-in URL for each, and check every
    // file, so that one report names every problem before anything is uploaded.
    GenerationRequest.Builder standIn = request.toBuilder();
    for (int i = 0; i < local.size(); i++) {
      standIn.addImageUrl(LOCAL_STAND_IN + i);
    }
    List<Violation> violations = new ArrayList<>(validator().validate(standIn.build()));
    for (int i = 0; i < local.size(); i++) {
      Violation problem = UploadBodies.check(local.get(i), "referenceImages[" + i + "]");
      if (problem != null) {
        violations.add(problem);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return validator().prepare(standIn.build()).toBuilder().imageUrls(request.imageUrls()).build();
  }

  /** Where a local reference image stands while the request is validated. */
  private static final String LOCAL_STAND_IN = "https://upload.apimart.ai/f/image/local-reference-";

  /**
   * Uploads a validated request's local reference images, one after the other, and returns the
   * request with their URLs appended to {@code image_urls}.
   */
  private GenerationRequest withUploads(GenerationRequest valid, ClientObserver.Handle parent) {
    if (valid.referenceImages().isEmpty()) {
      return valid;
    }
    GenerationRequest.Builder b = valid.toBuilder().referenceImages(List.of());
    for (Path file : valid.referenceImages()) {
      UploadedImage uploaded = uploadObserved(file, parent);
      b.addImageUrl(uploaded.url().toString());
    }
    return b.build();
  }

  private CompletableFuture<GenerationRequest> withUploadsAsync(
      GenerationRequest valid, ClientObserver.Handle parent) {
    CompletableFuture<GenerationRequest.Builder> chain =
        CompletableFuture.completedFuture(valid.toBuilder().referenceImages(List.of()));
    for (Path file : valid.referenceImages()) {
      chain =
          chain(
              chain,
              b -> {
                UploadBodies.Prepared body = UploadBodies.fromFile(file);
                return observedAsync(
                        Kind.UPLOAD,
                        null,
                        null,
                        parent,
                        READ,
                        h -> api.uploadAsync(body.body(), body.contentType()))
                    .thenApply(u -> b.addImageUrl(u.url().toString()));
              });
    }
    return chain.thenApply(GenerationRequest.Builder::build);
  }

  private UploadedImage uploadObserved(Path file, ClientObserver.@Nullable Handle parent) {
    return observed(
        Kind.UPLOAD,
        null,
        null,
        parent,
        READ,
        h -> {
          UploadBodies.Prepared body = UploadBodies.fromFile(file);
          return api.upload(body.body(), body.contentType());
        });
  }

  // ------------------------------------------------------------------------------- uploads

  /**
   * Uploads a local image ({@code POST /v1/uploads/images}) and returns its public URL, valid for
   * 72 hours, for {@code image_urls}. Before anything is sent the file is checked: a JPEG, PNG,
   * WebP or GIF judged by its first bytes (not its name), 1 byte to 20 MB, readable. An upload
   * creates nothing billable, so it is retried like a read. The file's contents are never logged.
   *
   * @throws InvalidRequestException when the file fails a check (nothing was sent), or the service
   *     refused it (400)
   * @throws dev.apimart.core.error.PayloadTooLargeException when the service refused it as too
   *     large (413)
   * @throws dev.apimart.core.error.RateLimitedException when uploads are rate limited (429) after
   *     the retries
   */
  public UploadedImage upload(Path file) {
    Objects.requireNonNull(file, "file");
    ensureOpen();
    return uploadObserved(file, null);
  }

  /**
   * Like {@link #upload(Path)} for the content of a stream, read (on the calling thread) and
   * checked before anything is sent; the stream is not closed.
   *
   * @param fileName the name to send (its last path segment), e.g. {@code photo.jpg}
   */
  public UploadedImage upload(InputStream in, String fileName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(fileName, "fileName");
    ensureOpen();
    return observed(
        Kind.UPLOAD,
        null,
        null,
        null,
        READ,
        h -> {
          UploadBodies.Prepared body = UploadBodies.fromStream(in, fileName);
          return api.upload(body.body(), body.contentType());
        });
  }

  /** Like {@link #upload(Path)} without blocking; the file is read and checked first. */
  public CompletableFuture<UploadedImage> uploadAsync(Path file) {
    Objects.requireNonNull(file, "file");
    return track(
        () -> {
          ensureOpen();
          UploadBodies.Prepared body = UploadBodies.fromFile(file);
          return observedAsync(
              Kind.UPLOAD,
              null,
              null,
              null,
              READ,
              h -> api.uploadAsync(body.body(), body.contentType()));
        });
  }

  /**
   * Like {@link #upload(InputStream, String)} without blocking on the network; the stream is read
   * and checked on the calling thread first.
   */
  public CompletableFuture<UploadedImage> uploadAsync(InputStream in, String fileName) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(fileName, "fileName");
    return track(
        () -> {
          ensureOpen();
          UploadBodies.Prepared body = UploadBodies.fromStream(in, fileName);
          return observedAsync(
              Kind.UPLOAD,
              null,
              null,
              null,
              READ,
              h -> api.uploadAsync(body.body(), body.contentType()));
        });
  }

  /**
   * The validator, made on first use: the catalog is built only when the first request is checked,
   * so that {@code build()} stays cheap.
   */
  private RequestValidator validator() {
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

  /**
   * The model catalog this client validates against: the default one, with the corrections and
   * additions given to the builder.
   */
  public ModelCatalog modelCatalog() {
    return validator().catalog();
  }

  /**
   * The key of one logical submission: the request's own, else a fresh random one; none when the
   * retry policy switched keys off.
   */
  private @Nullable String idempotencyKey(GenerationRequest request) {
    if (!retryPolicy.sendIdempotencyKeys()) {
      return null;
    }
    return request.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString());
  }

  /** Whether the catalog says ApiMart honours the key for the request's model. */
  private boolean keyHonoured(GenerationRequest request) {
    String model = request.modelName();
    return model != null
        && validator()
            .catalog()
            .find(model)
            .map(ModelCapabilities::honoursIdempotencyKey)
            .orElse(false);
  }

  /**
   * Runs {@code first}, then {@code then} on its value; cancelling (or failing) the returned future
   * cancels whichever stage is running.
   */
  private static <A, B> CompletableFuture<B> chain(
      CompletableFuture<A> first, Function<A, CompletableFuture<B>> then) {
    CompletableFuture<B> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> current = new AtomicReference<>(first);
    result.whenComplete(
        (value, error) -> {
          if (error != null) {
            current.get().cancel(true);
          }
        });
    first.whenComplete(
        (a, error) -> {
          if (error != null) {
            result.completeExceptionally(RetryEngine.normalize(error));
            return;
          }
          CompletableFuture<B> second;
          try {
            second = then.apply(a);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
          }
          current.set(second);
          if (result.isDone()) {
            second.cancel(true);
            return;
          }
          second.whenComplete(
              (b, error2) -> {
                if (error2 != null) {
                  result.completeExceptionally(RetryEngine.normalize(error2));
                } else {
                  result.complete(b);
                }
              });
        });
    return result;
  }

  private static void propagateCancel(CompletableFuture<?> outer, CompletableFuture<?> inner) {
    outer.whenComplete(
        (value, error) -> {
          if (error != null) {
            inner.cancel(true);
          }
        });
  }

  /**
   * Starts an async operation: a failure to start fails the future, the future is failed when the
   * client closes, and exceptions reach the caller unwrapped from {@code CompletionException}.
   */
  private <T> CompletableFuture<T> track(Supplier<CompletableFuture<T>> start) {
    CompletableFuture<T> inner;
    try {
      inner = start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> outer = new CompletableFuture<>();
    running.add(outer);
    outer.whenComplete((value, error) -> running.remove(outer));
    propagateCancel(outer, inner);
    inner.whenComplete(
        (value, error) -> {
          if (error != null) {
            outer.completeExceptionally(RetryEngine.normalize(error));
          } else {
            outer.complete(value);
          }
        });
    if (closed.get()) {
      outer.completeExceptionally(
          new TransportException(
              TransportException.Kind.CANCELLED, "The ApiMartClient was closed", null));
    }
    return outer;
  }

  /** How a successful result is reported to its observer handle. */
  @FunctionalInterface
  private interface Ending<T> {
    void report(ClientObserver.Handle handle, T value);
  }

  private static final Ending<TaskId> SUBMITTED = (h, id) -> h.succeeded(id, null);
  private static final Ending<Task> SNAPSHOT = (h, task) -> h.succeeded(task.id(), task);
  private static final Ending<GenerationResult> FINISHED =
      (h, result) -> h.succeeded(result.taskId(), result.task());
  private static final Ending<Object> READ = (h, value) -> h.succeeded(null, null);

  /** Runs a sync operation, telling the observer how it ended. */
  private <T> T observed(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      ClientObserver.@Nullable Handle parent,
      Ending<? super T> ending,
      Function<ClientObserver.Handle, T> operation) {
    ClientObserver.Handle handle = startObserving(kind, request, taskId, parent);
    T value;
    try {
      value = operation.apply(handle);
    } catch (RuntimeException | Error e) {
      quietly(() -> handle.failed(e));
      throw e;
    }
    quietly(() -> ending.report(handle, value));
    return value;
  }

  /** Starts an async operation, telling the observer how its future ended. */
  private <T> CompletableFuture<T> observedAsync(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      ClientObserver.@Nullable Handle parent,
      Ending<? super T> ending,
      Function<ClientObserver.Handle, CompletableFuture<T>> operation) {
    ClientObserver.Handle handle = startObserving(kind, request, taskId, parent);
    CompletableFuture<T> future;
    try {
      future = operation.apply(handle);
    } catch (RuntimeException | Error e) {
      quietly(() -> handle.failed(e));
      throw e;
    }
    future.whenComplete(
        (value, error) -> {
          if (error != null) {
            quietly(() -> handle.failed(RetryEngine.normalize(error)));
          } else {
            quietly(() -> ending.report(handle, value));
          }
        });
    return future;
  }

  private ClientObserver.Handle startObserving(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      ClientObserver.@Nullable Handle parent) {
    try {
      ClientObserver.Handle handle =
          observer.start(new ClientObserver.Operation(kind, request, taskId, parent));
      return handle == null ? ClientObserver.Handle.NONE : handle;
    } catch (RuntimeException e) {
      LOG.warn(
          "The client observer failed to start observing a {}; it goes on unobserved", kind, e);
      return ClientObserver.Handle.NONE;
    }
  }

  /** Observers must never change an operation's outcome. */
  private static void quietly(Runnable report) {
    try {
      report.run();
    } catch (RuntimeException e) {
      LOG.warn("The client observer failed; the operation's outcome is unchanged", e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This ApiMartClient is closed; build a new one");
    }
  }

  // ------------------------------------------------------------------------------- builder

  /**
   * Builds an {@link ApiMartClient}. Only the API key is required (or {@code APIMART_API_KEY}). Not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable String apiKey;
    private @Nullable String baseUrl;
    private @Nullable Language language;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private PollingOptions pollingOptions = PollingOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;
    private @Nullable HttpTransport transport;
    private @Nullable String transportName;
    private boolean allowInsecureHttp;
    private ProgressListener progressListener = ProgressListener.none();
    private ClientObserver observer = ClientObserver.none();
    private long maxDownloadBytes = DEFAULT_MAX_DOWNLOAD_BYTES;
    private Function<String, @Nullable String> environment = System::getenv;
    private Function<String, @Nullable String> systemProperties = System::getProperty;
    private @Nullable Supplier<List<TransportProvider>> transportProviders;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private @Nullable ModelCatalog modelCatalog;
    private final Map<ImageModel, ModelCapabilities> modelEntries = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The catalog requests are validated against; default {@link ModelCatalog#defaults()}. A model
     * in the catalog gets every rule of its entry before anything is sent; any other model only the
     * rules every request shares, and is sent as given.
     */
    public Builder modelCatalog(ModelCatalog catalog) {
      this.modelCatalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * Adds a catalog entry, or replaces the one for the same model — a model ApiMart added after
     * this SDK was released, or a corrected limit. Applied on top of {@link
     * #modelCatalog(ModelCatalog)}; to correct one fact of a documented model, start from its
     * entry: {@code ModelCatalog.defaults().require(model).toBuilder()}.
     */
    public Builder model(ModelCapabilities capabilities) {
      Objects.requireNonNull(capabilities, "capabilities");
      modelEntries.put(capabilities.model(), capabilities);
      return this;
    }

    Supplier<ModelCatalog> catalogSource() {
      ModelCatalog base = modelCatalog;
      List<ModelCapabilities> entries = List.copyOf(modelEntries.values());
      return () -> {
        ModelCatalog start = base == null ? ModelCatalog.defaults() : base;
        if (entries.isEmpty()) {
          return start;
        }
        ModelCatalog.Builder b = start.toBuilder();
        entries.forEach(b::put);
        return b.build();
      };
    }

    /** The API key; when not set, the environment variable {@code APIMART_API_KEY} is used. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * The service's address; default {@code APIMART_BASE_URL}, else {@value #DEFAULT_BASE_URL}.
     * Plain {@code http://} is accepted only for loopback hosts unless {@link
     * #allowInsecureHttp(boolean)}.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** Like {@link #baseUrl(String)}. */
    public Builder baseUrl(URI baseUrl) {
      return baseUrl(Objects.requireNonNull(baseUrl, "baseUrl").toString());
    }

    /** Language of the service's task messages; the service's default (English) when unset. */
    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language");
      return this;
    }

    /** How long to wait for a connection (for a transport the client creates). Default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = RetryPolicy.positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long one HTTP exchange may take (not a whole wait). Default 30 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = RetryPolicy.positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** When failed calls are repeated. Default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** How tasks are waited for. Default {@link PollingOptions#defaults()}. */
    public Builder pollingOptions(PollingOptions pollingOptions) {
      this.pollingOptions = Objects.requireNonNull(pollingOptions, "pollingOptions");
      return this;
    }

    /** The clock for deadlines, elapsed times and {@code Retry-After} dates. Default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where waits are scheduled; the client will not shut it down. Default: a one-thread scheduler
     * of the client's own.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The transport to use, which wins over discovery; the client will not close it. The escape
     * hatch when shading or an application server drops {@code META-INF/services}.
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Chooses a discovered transport by name (e.g. {@code "jdk"}, {@code "feign"}), overriding the
     * system property {@code apimart.transport} and the environment variable {@code
     * APIMART_TRANSPORT}.
     */
    public Builder transportName(String transportName) {
      this.transportName = Objects.requireNonNull(transportName, "transportName");
      return this;
    }

    /**
     * Allows a plain {@code http://} base URL to a host that is not loopback: the API key would
     * travel unencrypted. Off by default.
     */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    /** Told about every status request while waiting, unless a wait sets its own. */
    public Builder progressListener(ProgressListener progressListener) {
      this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
      return this;
    }

    /**
     * Watches every operation, for metrics and tracing (the Spring Boot starter installs one that
     * records Micrometer observations). Default: none.
     */
    public Builder observer(ClientObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** The largest image {@code download} accepts. Default 50 MiB. */
    public Builder maxDownloadBytes(long maxDownloadBytes) {
      if (maxDownloadBytes <= 0) {
        throw new IllegalArgumentException(
            "maxDownloadBytes must be positive, got " + maxDownloadBytes);
      }
      this.maxDownloadBytes = maxDownloadBytes;
      return this;
    }

    /** Replaces the environment, for tests. */
    Builder environment(Function<String, @Nullable String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Replaces the system properties, for tests. */
    Builder systemProperties(Function<String, @Nullable String> systemProperties) {
      this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
      return this;
    }

    /** Replaces the {@code ServiceLoader} lookup, for tests. */
    Builder transportProviders(Supplier<List<TransportProvider>> transportProviders) {
      this.transportProviders = Objects.requireNonNull(transportProviders, "transportProviders");
      return this;
    }

    /** Replaces the jitter's random source, for tests. */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The client.
     *
     * @throws ConfigurationException when no API key is set, the base URL is invalid or insecure,
     *     or no transport can be found
     */
    public ApiMartClient build() {
      String key = resolveApiKey();
      URI url = resolveBaseUrl();
      HttpTransport chosen = transport;
      boolean owns = false;
      if (chosen == null) {
        TransportDiscovery discovery =
            transportProviders == null
                ? new TransportDiscovery(
                    systemProperties, environment, () -> TransportDiscovery.standard().providers())
                : new TransportDiscovery(systemProperties, environment, transportProviders);
        TransportDiscovery.Selection selection = discovery.select(transportName);
        chosen =
            selection
                .provider()
                .create(TransportSettings.builder().connectTimeout(connectTimeout).build());
        owns = true;
        LOG.debug("Created transport '{}' ({})", chosen.name(), selection.reason());
      }
      Scheduler chosenScheduler = scheduler;
      ScheduledThreadPoolExecutor executor = null;
      if (chosenScheduler == null) {
        executor = new ScheduledThreadPoolExecutor(1, new DaemonThreads());
        executor.setRemoveOnCancelPolicy(true);
        chosenScheduler = Scheduler.of(executor);
      }
      return new ApiMartClient(this, key, url, chosen, owns, chosenScheduler, executor);
    }

    private String resolveApiKey() {
      String key = apiKey != null ? apiKey : environment.apply(ENV_API_KEY);
      if (key == null || key.isBlank()) {
        throw new ConfigurationException(
            "No ApiMart API key: pass one with ApiMartClient.builder().apiKey(…) or set the"
                + " environment variable "
                + ENV_API_KEY
                + ". Keys are created in the ApiMart console.");
      }
      String stripped = key.strip();
      for (int i = 0; i < stripped.length(); i++) {
        char c = stripped.charAt(i);
        if (c <= ' ' || c == 0x7F) {
          throw new ConfigurationException(
              "The API key contains a space, line break or control character; copy it again"
                  + " without them");
        }
      }
      return stripped;
    }

    private URI resolveBaseUrl() {
      String configured = baseUrl != null ? baseUrl : environment.apply(ENV_BASE_URL);
      String text =
          configured == null || configured.isBlank() ? DEFAULT_BASE_URL : configured.strip();
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new ConfigurationException(
            "The base URL '" + text + "' is not a valid URL: " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw new ConfigurationException(
            "The base URL '"
                + text
                + "' must be an absolute http(s) URL such as "
                + DEFAULT_BASE_URL);
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
        throw new ConfigurationException(
            "The base URL must not carry a query, fragment or user info; use e.g. "
                + DEFAULT_BASE_URL);
      }
      if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
        throw new ConfigurationException(
            "Refusing to send the API key over plain http to "
                + uri.getHost()
                + ": use https, or call allowInsecureHttp(true) if this network is trusted");
      }
      return uri;
    }

    private static boolean isLoopback(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      return h.equals("localhost")
          || h.endsWith(".localhost")
          || h.equals("::1")
          || h.equals("0:0:0:0:0:0:0:1")
          || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private final int client = CLIENTS.incrementAndGet();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "apimart-scheduler-" + client);
      t.setDaemon(true);
      return t;
    }
  }
}
