package dev.apimart.core.client;

import static dev.apimart.core.client.ObserverDispatch.FINISHED;
import static dev.apimart.core.client.ObserverDispatch.READ;
import static dev.apimart.core.client.ObserverDispatch.SNAPSHOT;
import static dev.apimart.core.client.ObserverDispatch.SUBMISSION;

import dev.apimart.core.client.ClientObserver.Kind;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.ClientClosedException;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.internal.client.AsyncCalls;
import dev.apimart.core.internal.client.ConfigurationResolver;
import dev.apimart.core.internal.client.RunningCalls;
import dev.apimart.core.internal.download.ImageDownloader;
import dev.apimart.core.internal.http.ApiCalls;
import dev.apimart.core.internal.http.SdkVersion;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.internal.upload.UploadBodies;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.UsageQuery;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
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
 * <p>Immutable and thread-safe: share one client; {@link #withOptions(CallOptions)} gives a view
 * with another timeout, retry policy or request hook that shares its transport and scheduler.
 * Closing it closes the transport and scheduler it created (not ones it was given) and ends calls
 * still running with {@code ClientClosedException}.
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

  private final ClientResources resources;
  private final RetryPolicy retryPolicy;
  private final PollingOptions pollingOptions;
  private final ApiCalls api;
  private final ImageDownloader downloader;
  private final RequestPreparation preparation;
  private final TaskWaits waits;
  private final RunningCalls calls;
  private final boolean ownsResources;
  private final Duration requestTimeout;
  private final @Nullable RequestHook requestHook;

  private ApiMartClient(
      ClientResources resources,
      RetryPolicy retryPolicy,
      PollingOptions pollingOptions,
      Duration requestTimeout,
      @Nullable RequestHook requestHook,
      RunningCalls calls,
      boolean ownsResources) {
    this.resources = resources;
    this.retryPolicy = retryPolicy;
    this.pollingOptions = pollingOptions;
    this.requestTimeout = requestTimeout;
    this.requestHook = requestHook;
    this.calls = calls;
    this.ownsResources = ownsResources;
    RetryEngine retry = resources.retryEngine(retryPolicy);
    this.api =
        new ApiCalls(
            resources.baseUrl,
            resources.apiKey,
            resources.language,
            requestTimeout,
            resources.userAgent,
            resources.transport,
            resources.codec,
            retry,
            resources.clock,
            requestHook == null ? null : HookHeaders.adapter(requestHook));
    this.downloader =
        new ImageDownloader(
            resources.transport,
            retry,
            resources.clock,
            requestTimeout,
            resources.maxDownloadBytes,
            resources.userAgent,
            resources.codec::retryAfter);
    this.preparation = new RequestPreparation(resources, api, retryPolicy);
    this.waits = new TaskWaits(resources, api, pollingOptions);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A view of this client whose calls use the given overrides; what the options leave unset stays
   * as this client has it. The view shares this client's transport (and its connection pool),
   * scheduler, API key, observer and catalog, and is cheap enough to make per call:
   *
   * <pre>{@code
   * GenerationResult result = client
   *     .withOptions(CallOptions.builder().waitTimeout(Duration.ofMinutes(30)).build())
   *     .generate(request);
   * }</pre>
   *
   * <p>Closing a view ends the calls running through it (with {@link
   * dev.apimart.core.error.ClientClosedException}) and refuses new ones, but closes nothing shared:
   * the transport and scheduler belong to the client that built them, and closing that client ends
   * the calls of all its views too. A view's request hook replaces this client's, if it has one.
   * Views made with an unchanged retry budget share this client's budget.
   */
  public ApiMartClient withOptions(CallOptions options) {
    Objects.requireNonNull(options, "options");
    ensureOpen();
    PollingOptions polling = options.pollingOptions().orElse(pollingOptions);
    if (options.waitTimeout().isPresent()) {
      polling = polling.toBuilder().timeout(options.waitTimeout().get()).build();
    }
    return new ApiMartClient(
        resources,
        options.retryPolicy().orElse(retryPolicy),
        polling,
        options.requestTimeout().orElse(requestTimeout),
        options.requestHook().orElse(requestHook),
        new RunningCalls(ApiMartClient::closedFailure, ClientClosedException.class, calls),
        false);
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
    return calls.run(
        call ->
            resources
                .dispatch
                .observed(
                    Kind.SUBMIT,
                    request,
                    null,
                    null,
                    SUBMISSION,
                    h ->
                        submitNow(preparation.withUploads(preparation.validated(request), h), call))
                .taskId());
  }

  /** Like {@link #submit} without blocking; invalid requests fail the future. */
  public CompletableFuture<TaskId> submitAsync(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return calls.track(
        call -> {
          ensureOpen();
          CompletableFuture<ApiCalls.Submitted> submitted =
              resources.dispatch.observedAsync(
                  Kind.SUBMIT,
                  request,
                  null,
                  null,
                  SUBMISSION,
                  h ->
                      AsyncCalls.chain(
                          preparation.withUploadsAsync(preparation.validated(request), h),
                          valid -> submitNowAsync(valid, call)));
          return AsyncCalls.chain(submitted, s -> CompletableFuture.completedFuture(s.taskId()));
        });
  }

  /** One snapshot of a task (retried on transient failures). */
  public Task getTask(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    ensureOpen();
    return calls.run(
        call -> {
          call.taskId(taskId.value());
          return resources.dispatch.observed(
              Kind.POLL, null, taskId, null, SNAPSHOT, h -> api.getTask(taskId, null));
        });
  }

  /** Like {@link #getTask} without blocking. */
  public CompletableFuture<Task> getTaskAsync(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    return calls.track(
        call -> {
          ensureOpen();
          call.taskId(taskId.value());
          return resources.dispatch.observedAsync(
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
    return calls.run(
        call ->
            resources.dispatch.observed(
                Kind.GENERATE,
                request,
                null,
                null,
                FINISHED,
                generation -> {
                  GenerationRequest valid =
                      preparation.withUploads(preparation.validated(request), generation);
                  call.checkOpen();
                  ApiCalls.Submitted submitted =
                      resources.dispatch.observed(
                          Kind.SUBMIT,
                          valid,
                          null,
                          generation,
                          SUBMISSION,
                          h -> submitNow(valid, call));
                  Instant submittedAt = resources.clock.instant();
                  LOG.debug("Submitted task {}", submitted.taskId());
                  try {
                    return waits.await(
                        submitted.taskId(),
                        preparation.withExpectedSize(options, valid),
                        submitted,
                        submittedAt,
                        valid,
                        generation,
                        call);
                  } catch (RuntimeException e) {
                    throw afterSubmission(e, submitted.taskId());
                  }
                }));
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
    return calls.track(
        call -> {
          ensureOpen();
          return resources.dispatch.observedAsync(
              Kind.GENERATE,
              request,
              null,
              null,
              FINISHED,
              generation -> {
                GenerationRequest checked = preparation.validated(request);
                WaitOptions effective = preparation.withExpectedSize(options, checked);
                CompletableFuture<GenerationRequest> uploaded =
                    preparation.withUploadsAsync(checked, generation);
                return AsyncCalls.chain(
                    AsyncCalls.chain(
                        uploaded,
                        valid ->
                            resources
                                .dispatch
                                .observedAsync(
                                    Kind.SUBMIT,
                                    valid,
                                    null,
                                    generation,
                                    SUBMISSION,
                                    h -> submitNowAsync(valid, call))
                                .thenApply(submitted -> Map.entry(submitted, valid))),
                    submitted -> {
                      LOG.debug("Submitted task {}", submitted.getKey().taskId());
                      TaskId created = submitted.getKey().taskId();
                      CompletableFuture<GenerationResult> waited =
                          waits.awaitAsync(
                              created,
                              effective,
                              submitted.getKey(),
                              resources.clock.instant(),
                              submitted.getValue(),
                              generation);
                      CompletableFuture<GenerationResult> named = new CompletableFuture<>();
                      waited.whenComplete(
                          (result, failure) -> {
                            if (failure == null) {
                              named.complete(result);
                            } else {
                              named.completeExceptionally(afterSubmission(failure, created));
                            }
                          });
                      named.whenComplete(
                          (result, failure) -> {
                            if (named.isCancelled()) {
                              waited.cancel(true);
                            }
                          });
                      return named;
                    });
              });
        });
  }

  /**
   * A failure after the submission created a task: it names the task (the task may still finish and
   * be billed), and a failure from outside the SDK — a request hook that throws — becomes a {@link
   * ConfigurationException} so that it can.
   */
  private static Throwable afterSubmission(Throwable failure, TaskId created) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ApiMartException known) {
      return known.initCreatedTask(created);
    }
    if (cause instanceof RuntimeException && !(cause instanceof CancellationException)) {
      return new ConfigurationException(
              "Waiting for the submitted task failed outside the SDK: " + cause, cause)
          .initCreatedTask(created);
    }
    return failure;
  }

  private static RuntimeException afterSubmission(RuntimeException failure, TaskId created) {
    return (RuntimeException) afterSubmission((Throwable) failure, created);
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
    return calls.run(
        call -> {
          call.taskId(taskId.value());
          return resources.dispatch.observed(
              Kind.WAIT,
              null,
              taskId,
              null,
              FINISHED,
              wait -> waits.await(taskId, options, null, null, null, wait, call));
        });
  }

  /** Waits for a task submitted earlier without holding a thread. */
  public CompletableFuture<GenerationResult> waitForAsync(TaskId taskId, WaitOptions options) {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(options, "options");
    return calls.track(
        call -> {
          ensureOpen();
          call.taskId(taskId.value());
          return resources.dispatch.observedAsync(
              Kind.WAIT,
              null,
              taskId,
              null,
              FINISHED,
              wait -> waits.awaitAsync(taskId, options, null, null, null, wait));
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
    return calls.run(
        call ->
            resources.dispatch.observed(Kind.USAGE, null, null, null, READ, h -> api.usage(query)));
  }

  /** Like {@link #usage(UsageQuery)} without blocking. */
  public CompletableFuture<Usage> usageAsync(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    return calls.track(
        () -> {
          ensureOpen();
          checkPeriod(query);
          return resources.dispatch.observedAsync(
              Kind.USAGE, null, null, null, READ, h -> api.usageAsync(query));
        });
  }

  /** Refuses a period that runs backwards or is longer than the endpoint reports. */
  private static void checkPeriod(UsageQuery query) {
    if (query.to().isBefore(query.from())) {
      throw new InvalidRequestException(
          "usage query",
          List.of(new Violation("end", query.to(), "is before start " + query.from())));
    }
    if (query.days() > UsageQuery.MAX_DAYS) {
      throw new InvalidRequestException(
          "usage query",
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
    return calls.run(
        call ->
            resources.dispatch.observed(Kind.BALANCE, null, null, null, READ, h -> api.balance()));
  }

  /** Like {@link #balance()} without blocking. */
  public CompletableFuture<Balance> balanceAsync() {
    return calls.track(
        () -> {
          ensureOpen();
          return resources.dispatch.observedAsync(
              Kind.BALANCE, null, null, null, READ, h -> api.balanceAsync());
        });
  }

  /**
   * The whole account's remaining and used balance ({@code GET /v1/user/balance}), where {@link
   * #balance()} is this key's; free, creates nothing. Observed as a {@code BALANCE} operation.
   */
  public Balance userBalance() {
    ensureOpen();
    return calls.run(
        call ->
            resources.dispatch.observed(
                Kind.BALANCE, null, null, null, READ, h -> api.userBalance()));
  }

  /** Like {@link #userBalance()} without blocking. */
  public CompletableFuture<Balance> userBalanceAsync() {
    return calls.track(
        () -> {
          ensureOpen();
          return resources.dispatch.observedAsync(
              Kind.BALANCE, null, null, null, READ, h -> api.userBalanceAsync());
        });
  }

  /**
   * The HTTP request {@link #submit} would send for this request, without sending anything: the
   * request is validated and normalised as a submission's is ({@code InvalidRequestException} when
   * it is invalid), then shown with its method, URL, headers (the API key masked) and exact JSON
   * body. Nothing reaches the transport, nothing is uploaded and nothing is observed; local
   * reference images appear as placeholders (see {@link RequestPreview}).
   *
   * <pre>{@code
   * RequestPreview preview = client.preview(request);
   * System.out.println(preview.method() + " " + preview.uri() + "\n" + preview.bodyText());
   * }</pre>
   *
   * @throws dev.apimart.core.error.InvalidRequestException when the request is invalid
   */
  public RequestPreview preview(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    return preparation.preview(request);
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
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(target, "target");
    ensureOpen();
    return calls.run(
        call ->
            resources.dispatch.observed(
                Kind.DOWNLOAD, null, null, null, READ, h -> downloader.download(image, target)));
  }

  /**
   * Like {@link #download(GeneratedImage, Path)} without blocking the caller. Reading a stream
   * blocks, so the download runs on a small pool of the client's own (at most four daemon threads,
   * made on first use), not on the scheduler. Cancelling the future interrupts the download; the
   * target is then left untouched.
   *
   * @return completes with the number of bytes written
   */
  public CompletableFuture<Long> downloadAsync(GeneratedImage image, Path target) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(target, "target");
    return calls.track(
        () -> {
          ensureOpen();
          return resources.dispatch.observedAsync(
              Kind.DOWNLOAD,
              null,
              null,
              null,
              READ,
              h -> {
                CompletableFuture<Long> result = new CompletableFuture<>();
                Future<?> running =
                    resources
                        .downloads()
                        .submit(
                            () -> {
                              try {
                                result.complete(downloader.download(image, target));
                              } catch (RuntimeException | Error e) {
                                result.completeExceptionally(e);
                              }
                            });
                result.whenComplete(
                    (bytes, error) -> {
                      if (result.isCancelled()) {
                        running.cancel(true);
                      }
                    });
                return result;
              });
        });
  }

  /**
   * Streams an image to a stream, which is left open. The request is retried, but once bytes were
   * written a failure ends the download.
   *
   * @return the number of bytes written
   */
  public long download(GeneratedImage image, OutputStream out) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(out, "out");
    ensureOpen();
    return calls.run(
        call ->
            resources.dispatch.observed(
                Kind.DOWNLOAD, null, null, null, READ, h -> downloader.download(image, out)));
  }

  /** The service's address. */
  public URI baseUrl() {
    return resources.baseUrl;
  }

  /** The name of the transport in use. */
  public String transportName() {
    return resources.transport.name();
  }

  /** The retry policy in force. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** How long one HTTP exchange may take (this view's, when it is one). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The default polling options. */
  public PollingOptions pollingOptions() {
    return pollingOptions;
  }

  /**
   * Ends the calls still running with {@link dev.apimart.core.error.ClientClosedException} (tasks
   * keep running on the service), then closes the transport and scheduler this client created —
   * never ones it was given, and nothing at all when this is a view from {@link #withOptions}.
   * Closing a client ends its views' calls too. Safe to call more than once.
   */
  @Override
  public void close() {
    if (calls.close() && ownsResources) {
      resources.close();
    }
  }

  /** Base URL and transport; never the API key. */
  @Override
  public String toString() {
    return "ApiMartClient[baseUrl="
        + resources.baseUrl
        + ", transport="
        + resources.transport.name()
        + "]";
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
    return calls.run(call -> preparation.upload(file, null));
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
    return calls.run(
        call ->
            resources.dispatch.observed(
                Kind.UPLOAD,
                null,
                null,
                null,
                READ,
                h -> {
                  UploadBodies.Prepared body = UploadBodies.fromStream(in, fileName);
                  return api.upload(body.body(), body.contentType());
                }));
  }

  /** Like {@link #upload(Path)} without blocking; the file is read and checked first. */
  public CompletableFuture<UploadedImage> uploadAsync(Path file) {
    Objects.requireNonNull(file, "file");
    return calls.track(
        () -> {
          ensureOpen();
          UploadBodies.Prepared body = UploadBodies.fromFile(file);
          return resources.dispatch.observedAsync(
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
    return calls.track(
        () -> {
          ensureOpen();
          UploadBodies.Prepared body = UploadBodies.fromStream(in, fileName);
          return resources.dispatch.observedAsync(
              Kind.UPLOAD,
              null,
              null,
              null,
              READ,
              h -> api.uploadAsync(body.body(), body.contentType()));
        });
  }

  /**
   * The model catalog this client validates against: the default one, with the corrections and
   * additions given to the builder.
   */
  public ModelCatalog modelCatalog() {
    return resources.validator().catalog();
  }

  /**
   * Sends a validated submission, recording on the call that it is on its way (so that closing the
   * client meanwhile says a task may exist) and, once answered, the task it created.
   */
  private ApiCalls.Submitted submitNow(GenerationRequest valid, RunningCalls.Call call) {
    String key = preparation.idempotencyKey(valid);
    call.checkOpen();
    call.submissionStarted(key);
    ApiCalls.Submitted submitted = api.submit(valid, key, preparation.keyHonoured(valid));
    call.taskId(submitted.taskId().value());
    call.submissionEnded();
    return submitted;
  }

  private CompletableFuture<ApiCalls.Submitted> submitNowAsync(
      GenerationRequest valid, RunningCalls.Call call) {
    String key = preparation.idempotencyKey(valid);
    call.checkOpen();
    call.submissionStarted(key);
    CompletableFuture<ApiCalls.Submitted> submitted =
        api.submitAsync(valid, key, preparation.keyHonoured(valid));
    submitted.thenAccept(
        s -> {
          call.taskId(s.taskId().value());
          call.submissionEnded();
        });
    return submitted;
  }

  private void ensureOpen() {
    if (calls.isClosed()) {
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
      ConfigurationResolver resolver = new ConfigurationResolver(environment, systemProperties);
      String key = resolver.apiKey(apiKey, ENV_API_KEY);
      URI url = resolver.baseUrl(baseUrl, ENV_BASE_URL, DEFAULT_BASE_URL, allowInsecureHttp);
      HttpTransport chosen =
          transport != null
              ? transport
              : resolver.discoverTransport(transportName, transportProviders, connectTimeout);
      ScheduledThreadPoolExecutor executor =
          scheduler == null ? ConfigurationResolver.ownedExecutor() : null;
      ClientResources resources =
          new ClientResources(
              url,
              key,
              chosen,
              transport == null,
              executor == null ? Objects.requireNonNull(scheduler) : Scheduler.of(executor),
              executor,
              clock,
              SdkVersion.userAgent(),
              language,
              random,
              maxDownloadBytes,
              progressListener,
              observer,
              catalogSource(),
              retryPolicy);
      RunningCalls calls =
          new RunningCalls(ApiMartClient::closedFailure, ClientClosedException.class, null);
      return new ApiMartClient(
          resources, retryPolicy, pollingOptions, requestTimeout, null, calls, true);
    }
  }

  private static RuntimeException closedFailure(RunningCalls.Call call, @Nullable Throwable cause) {
    String taskId = call.taskId();
    return new ClientClosedException(
        taskId == null ? null : TaskId.of(taskId), call.submitting(), call.idempotencyKey(), cause);
  }
}
