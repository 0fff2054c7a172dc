package dev.apimart.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.testkit.internal.ApiHandler;
import dev.apimart.testkit.internal.FakeClock;
import dev.apimart.testkit.internal.FakeSettings;
import dev.apimart.testkit.internal.FaultPlan;
import dev.apimart.testkit.internal.IdempotencyKeys;
import dev.apimart.testkit.internal.ModelSpec;
import dev.apimart.testkit.internal.Pauses;
import dev.apimart.testkit.internal.RateLimiter;
import dev.apimart.testkit.internal.RequestLog;
import dev.apimart.testkit.internal.TaskStore;
import dev.apimart.testkit.internal.UploadStore;
import dev.apimart.testkit.internal.WebhookDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A fake ApiMart image generation service: a real HTTP server on loopback that behaves like the
 * service — it checks the API key and every request field, bills a balance per generated image,
 * moves tasks from {@code pending} through {@code processing} to {@code completed} and serves real
 * PNG files of the requested pixel size — and that a test controls: its clock, the outcome of each
 * task, and faults on the way.
 *
 * <pre>{@code
 * try (FakeApiMart fake = FakeApiMart.start();
 *     ApiMartClient client = fake.clientBuilder().build()) {   // base URL, key, fast polling
 *   fake.onNextTask(Outcome.fails("content_policy_violation", "refused"));
 *   …
 *   assertThat(fake.journal().submissions()).hasSize(1);
 * }
 * }</pre>
 *
 * <p><b>Time.</b> By default time is virtual: it moves only through {@link #advance(Duration)}, and
 * in addition every task finishes on its third poll (first poll {@code pending}, second {@code
 * processing}, third done), so a polling client finishes without the test touching the clock. See
 * {@link Builder#finishAfterPolls(int)}, {@link Builder#onlyClockMovesTasks()} and {@link
 * Builder#realTime(double)}.
 *
 * <p><b>Models.</b> It serves every model of {@link ModelCatalog#defaults()}: the three seed models
 * with its own rules and pixel table (independent of the client's, so it catches the client's
 * mistakes), every other model with the rules its catalog entry sets, its table rows, and pixel
 * sizes computed from ratio and tier where the entry has no row. {@link Builder#model} serves a
 * model the catalog does not have, or corrects one; any other model name is refused, as the service
 * refuses it. Unknown fields are accepted and kept in the {@link Journal}.
 *
 * <p><b>Answer variants.</b> ApiMart's pages show several answer shapes; {@link
 * Builder#submissionShape}, {@link Builder#statusWords}, {@link Builder#reportCost}, {@link
 * Builder#unknownTaskAnswer} and {@link Builder#refusalStyle} pick which the fake uses.
 *
 * <p><b>Strict mode</b> (the default) makes the fake stricter than the service where that catches
 * client bugs: a request to an unknown route is answered 404 <em>and</em> fails {@link
 * Journal#assertNoUnmatchedRequests()} (the JUnit extension calls it after each test); a submission
 * without {@code Content-Type: application/json}, with a documented field's name in another
 * spelling ({@code negativePrompt}) or with a typed option its model does not take is refused with
 * 400.
 *
 * <p>Starts in milliseconds, answers on a small bounded pool of threads, holds no static state, and
 * is thread-safe. Close it to free the port.
 */
public final class FakeApiMart implements AutoCloseable {

  /** Fastest wait between polls of a client from {@link #clientBuilder()} in virtual time. */
  private static final Duration VIRTUAL_MIN_INTERVAL = Duration.ofMillis(1);

  /** Longest wait between polls of a client from {@link #clientBuilder()} in virtual time. */
  private static final Duration VIRTUAL_MAX_INTERVAL = Duration.ofMillis(5);

  /** The API key accepted unless the builder names others. */
  public static final String DEFAULT_API_KEY = "sk-fake-apimart-0123456789abcdef";

  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final FakeSettings settings;
  private final FakeClock clock;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final ApiHandler handler;
  private final TaskStore store;
  private final FaultPlan faults = new FaultPlan();
  private final RateLimiter rateLimiter;
  private final IdempotencyKeys idempotency;
  private final UploadStore uploads;
  private final WebhookDispatcher webhooks;
  private final RequestLog log;
  private final Journal journal;
  private final URI baseUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeApiMart(FakeSettings settings, Pauses pauses) {
    this.settings = settings;
    this.clock = new FakeClock(settings.origin(), settings.speed(), FakeClock.SYSTEM_NANO_TIME);
    this.rateLimiter = new RateLimiter(clock);
    faults.useRateLimiter(rateLimiter);
    InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
    preferNoDelay();
    try {
      this.server = HttpServer.create(address, 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "FakeApiMart could not listen on "
              + settings.bindAddress().getHostAddress()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    int port = server.getAddress().getPort();
    this.baseUrl = URI.create("http://" + urlHost(settings.bindAddress()) + ":" + port);
    this.store = new TaskStore(settings, clock, baseUrl.toString());
    this.log = new RequestLog(settings.journalCapacity());
    this.journal = new Journal(log, settings.strict());
    this.idempotency = new IdempotencyKeys(settings.maxTasks());
    this.uploads = new UploadStore(clock, baseUrl.toString());
    this.webhooks = WebhookDispatcher.forTasks(clock, store, settings);
    this.handler =
        new ApiHandler(settings, store, faults, log, clock, idempotency, uploads, webhooks, pauses);
    this.executor =
        new ThreadPoolExecutor(
            settings.workerThreads(),
            settings.workerThreads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new WorkerThreads("FakeApiMart-" + port + "-"));
    executor.allowCoreThreadTimeOut(true);
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a fake with the defaults: any free loopback port, {@link #DEFAULT_API_KEY}. */
  public static FakeApiMart start() {
    return builder().start();
  }

  /** A builder for a fake with other options. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where the fake listens, e.g. {@code http://127.0.0.1:51234} (no trailing slash). */
  public URI baseUrl() {
    return baseUrl;
  }

  /** A URL on the fake, e.g. {@code url("/v1/balance")}. */
  public URI url(String path) {
    Objects.requireNonNull(path, "path");
    return URI.create(baseUrl + (path.startsWith("/") ? path : "/" + path));
  }

  /** The port it listens on. */
  public int port() {
    return baseUrl.getPort();
  }

  /** The first accepted API key. */
  public String apiKey() {
    return settings.apiKeys().get(0);
  }

  /** Every accepted API key. */
  public List<String> apiKeys() {
    return settings.apiKeys();
  }

  /**
   * The ids of the models it serves, exactly as the service routes them (case-sensitive): the seed
   * models first, then the rest of the default catalog, then models added on the builder.
   */
  public List<String> models() {
    return List.copyOf(settings.models().keySet());
  }

  /** Whether strict mode is on (see the class documentation). */
  public boolean isStrict() {
    return settings.strict();
  }

  // ---------------------------------------------------------------- client

  /**
   * A client builder already pointed at this fake — its {@link #baseUrl()} and {@link #apiKey()} —
   * with {@link #pollingOptions() polling suited to its clock}, so that a test's {@code generate}
   * takes milliseconds instead of the seconds a default client waits between polls. Anything else
   * can still be changed on the builder before {@code build()}.
   *
   * <p>The transport is discovered as for any client: the test class path needs one (e.g. {@code
   * apimart-transport-jdkhttp}), or set it with {@link ApiMartClient.Builder#transport}. Close the
   * client when done.
   */
  public ApiMartClient.Builder clientBuilder() {
    return ApiMartClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey())
        .pollingOptions(pollingOptions());
  }

  /**
   * Polling suited to this fake's clock, as {@link #clientBuilder()} sets it. In virtual time (the
   * default) tasks finish by polls, not by waiting, so the first status request goes out at once
   * and the next ones within 1–5 ms. In real time at {@code speed} the defaults are divided by the
   * speed (at least 1 ms each). The overall timeout stays the default, 10 minutes of real time.
   */
  public PollingOptions pollingOptions() {
    PollingOptions defaults = PollingOptions.defaults();
    if (clock.isVirtual()) {
      return defaults.toBuilder()
          .initialDelay(Duration.ZERO)
          .minInterval(VIRTUAL_MIN_INTERVAL)
          .maxInterval(VIRTUAL_MAX_INTERVAL)
          .build();
    }
    double speed = clock.speed();
    return defaults.toBuilder()
        .initialDelay(scaled(defaults.initialDelay(), speed))
        .minInterval(scaled(defaults.minInterval(), speed))
        .maxInterval(scaled(defaults.maxInterval(), speed))
        .build();
  }

  /** A real-time duration for a fake duration at this speed: whole milliseconds, at least 1. */
  private static Duration scaled(Duration duration, double speed) {
    long millis = Math.round(duration.toMillis() / speed);
    return Duration.ofMillis(Math.max(1, millis));
  }

  // ---------------------------------------------------------------- time

  /** The fake's current time. */
  public Instant now() {
    return clock.now();
  }

  /**
   * A {@link Clock} showing the fake's time, to give the client under test the same notion of time
   * (for example for {@code expires_at}).
   */
  public Clock clock() {
    return clock.asClock();
  }

  /**
   * Moves the fake's clock forward; tasks whose time has come finish (and are billed) at once.
   * Works in real-time mode too, as a jump.
   */
  public void advance(Duration duration) {
    store.advance(duration);
    webhooks.pump();
  }

  // ---------------------------------------------------------------- scripting

  /**
   * Scripts the outcome of the next submitted task. Calls queue up: each scripts one more task, in
   * order. A queued outcome wins over {@link #onPromptMatching(String, Outcome)} rules.
   */
  public void onNextTask(Outcome outcome) {
    store.onNextTask(Objects.requireNonNull(outcome, "outcome"));
  }

  /**
   * Scripts the outcome of every task whose prompt contains a match of {@code regex} (as {@link
   * java.util.regex.Matcher#find()}). When several rules match, the first added wins.
   *
   * @throws IllegalArgumentException when {@code regex} is not a valid regular expression
   */
  public void onPromptMatching(String regex, Outcome outcome) {
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(outcome, "outcome");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("regex is not a valid pattern: " + e.getMessage(), e);
    }
    store.onPromptMatching(pattern, outcome);
  }

  /** Arms a fault; see {@link Fault} for which requests it hits. */
  public void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Disarms every fault, including {@link Fault#always()} ones. */
  public void clearFaults() {
    faults.clear();
  }

  /** The faults still armed, in the order they will be used. */
  public List<Fault> pendingFaults() {
    return faults.pending();
  }

  /**
   * Enforces a rate limit from now on (a full bucket), replacing any earlier one: requests over it
   * are answered 429 with {@code Retry-After}. See {@link RateLimit}.
   */
  public void limitRate(RateLimit limit) {
    rateLimiter.set(Objects.requireNonNull(limit, "limit"));
  }

  /** Lifts the rate limit. */
  public void clearRateLimit() {
    rateLimiter.set(null);
  }

  /** How many requests were answered 429 by the {@link RateLimit} so far (not by faults). */
  public long rateLimitedRequests() {
    return rateLimiter.refused();
  }

  // ---------------------------------------------------------------- tasks

  /** A task as it stands now (reading it is not a poll). */
  public Optional<FakeTask> task(String taskId) {
    return store.peek(Objects.requireNonNull(taskId, "taskId"));
  }

  /** Every task held, oldest first. */
  public List<FakeTask> tasks() {
    return store.all();
  }

  /**
   * The most recently submitted task.
   *
   * @throws IllegalStateException when nothing was submitted
   */
  public FakeTask lastTask() {
    return store
        .last()
        .orElseThrow(() -> new IllegalStateException("no task was submitted to " + baseUrl));
  }

  /**
   * Completes a running task now, with its images, and bills it.
   *
   * @throws IllegalArgumentException for an unknown task
   * @throws IllegalStateException for a task that already finished
   */
  public FakeTask completeNow(String taskId) {
    FakeTask task =
        store.finishNow(Objects.requireNonNull(taskId, "taskId"), TaskStatus.COMPLETED, null, null);
    webhooks.pump();
    return task;
  }

  /**
   * Fails a running task now with this error code and message.
   *
   * @throws IllegalArgumentException for an unknown task
   * @throws IllegalStateException for a task that already finished
   */
  public FakeTask failNow(String taskId, String code, String message) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    FakeTask task =
        store.finishNow(Objects.requireNonNull(taskId, "taskId"), TaskStatus.FAILED, code, message);
    webhooks.pump();
    return task;
  }

  /**
   * Cancels a running task now.
   *
   * @throws IllegalArgumentException for an unknown task
   * @throws IllegalStateException for a task that already finished
   */
  public FakeTask cancelNow(String taskId) {
    return store.finishNow(
        Objects.requireNonNull(taskId, "taskId"), TaskStatus.CANCELLED, null, null);
  }

  // ---------------------------------------------------------------- balance

  /** The remaining balance, or -1 when it is unlimited (as the balance endpoint shows it). */
  public BigDecimal remainingBalance() {
    BigDecimal remaining = store.balance().remaining();
    return remaining == null ? BigDecimal.ONE.negate() : remaining;
  }

  /** What completed tasks have cost so far. */
  public BigDecimal usedBalance() {
    return store.balance().used();
  }

  /** Sets the remaining balance, e.g. to zero to provoke 402. */
  public void setBalance(BigDecimal remaining) {
    Objects.requireNonNull(remaining, "remaining");
    if (settings.initialBalance() == null) {
      throw new IllegalStateException("this fake was built with an unlimited balance");
    }
    store.setBalance(remaining);
  }

  // ---------------------------------------------------------------- journal and lifecycle

  /**
   * Whether the fake honours {@code Idempotency-Key} headers (the default): a submission with a key
   * it has seen, and the same JSON body, is answered with the first task — created and billed once,
   * answered with the header {@code Idempotent-Replayed: true} — and the same key with another body
   * is refused with {@code 409} and the code {@code idempotency_key_reused}. With {@code false} the
   * fake ignores keys, as a service (or model) that does not honour them: every submission creates
   * a task. Whether ApiMart itself honours keys is not confirmed by its pages (ADR 0016).
   */
  public void honourIdempotencyKeys(boolean honour) {
    idempotency.honoured(honour);
  }

  /**
   * The images uploaded to {@code POST /v1/uploads/images}, oldest first (the most recent 256 MB).
   * The fake parses the multipart body, takes the field {@code file}, accepts JPEG, PNG, WebP and
   * GIF by their first bytes up to 20 MB (400 / 413 otherwise, as the endpoint's page documents)
   * and serves the bytes at the returned URL for 72 hours of fake time.
   */
  public List<FakeUpload> uploads() {
    return uploads.all();
  }

  /**
   * Posts the task callbacks that are due now: for tasks submitted with a loopback {@code webhook}
   * URL, once final, to the URL with {@code /callback} appended (as ApiMart does), retried after
   * about 10, 30 and 60 s of fake time on a 5xx or no answer, never after a 4xx. {@link #advance},
   * {@link #completeNow} and {@link #failNow} call this themselves; call it after tasks finished by
   * polling. Runs the deliveries on the calling thread.
   */
  public void deliverWebhooks() {
    webhooks.pump();
  }

  /** Delivers each successful callback a second time, as ApiMart may ("deliveries can repeat"). */
  public void deliverWebhooksTwice(boolean twice) {
    webhooks.twice(twice);
  }

  /** Every callback attempt so far, oldest first. */
  public List<WebhookDelivery> webhookDeliveries() {
    return webhooks.deliveries();
  }

  /** Every request received, for queries and assertions. */
  public Journal journal() {
    return journal;
  }

  /**
   * Forgets tasks, scripts, faults and the journal and restores the starting balance, so the fake
   * can serve another test. The clock keeps its time (time never goes backwards).
   */
  public void reset() {
    idempotency.reset();
    uploads.reset();
    webhooks.reset();
    store.reset();
    faults.clear();
    log.clear();
  }

  /** Stops the server at once, ending delays in progress, and frees the port. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    handler.stopping();
    server.stop(0);
    executor.shutdownNow();
  }

  /** Address and time mode; never the keys. */
  @Override
  public String toString() {
    return "FakeApiMart["
        + baseUrl
        + ", "
        + (clock.isVirtual() ? "virtual time" : "real time x" + clock.speed())
        + (closed.get() ? ", closed" : "")
        + "]";
  }

  /**
   * Without TCP_NODELAY, every answer on a reused (keep-alive) connection waits about 40 ms for the
   * client's delayed ACK. The JDK server reads this switch once, when its first instance in the JVM
   * is created; an explicit setting by the user is left alone.
   */
  private static void preferNoDelay() {
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private static String urlHost(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    String host = address.getHostAddress();
    int zone = host.indexOf('%');
    if (zone >= 0) {
      host = host.substring(0, zone);
    }
    return address instanceof Inet6Address ? "[" + host + "]" : host;
  }

  /**
   * Daemon worker threads named after the port. A class rather than a lambda: the first lambda in a
   * fresh JVM costs tens of milliseconds of bootstrap, and starting fast is part of the contract.
   */
  private static final class WorkerThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    WorkerThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  /**
   * Options for a {@link FakeApiMart}; {@link #start()} starts it. Every option has a default that
   * suits a unit test.
   */
  public static final class Builder {

    private final List<String> apiKeys = new ArrayList<>(List.of(DEFAULT_API_KEY));
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private @Nullable Instant origin;
    private double speed;
    private @Nullable Integer pollsToFinish;
    private final Map<String, ModelCapabilities> addedModels = new LinkedHashMap<>();
    private final Map<String, Duration> durations = new HashMap<>();
    private @Nullable Duration durationForAll;
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private BigDecimal promptExtendSurcharge = new BigDecimal("0.01");
    private @Nullable BigDecimal balance = new BigDecimal("100");
    private UrlShape urlShape = UrlShape.ARRAY;
    private SubmissionShape submissionShape = SubmissionShape.ARRAY;
    private StatusWords statusWords = StatusWords.PENDING_PROCESSING;
    private boolean reportCost;
    private UnknownTaskAnswer unknownTaskAnswer = UnknownTaskAnswer.NOT_FOUND;
    private RefusalStyle refusalStyle = RefusalStyle.BAD_REQUEST;
    private Duration imageLifetime = Duration.ofHours(24);
    private boolean strict = true;
    private boolean anyModel;
    private int journalCapacity = 1000;
    private int journalBodyLimit = 16 * 1024;
    private int maxTasks = 100_000;
    private int maxRequestBodyBytes = 1024 * 1024;
    private int workerThreads = 8;
    private @Nullable RateLimit rateLimit;
    private @Nullable Pauses pauses;

    private Builder() {}

    /**
     * How fault delays and slow bodies wait (default: real time). Package-private: a seam for the
     * testkit's own tests, which hold and release a delay instead of timing it.
     */
    Builder pauses(Pauses pauses) {
      this.pauses = Objects.requireNonNull(pauses, "pauses");
      return this;
    }

    /** A rate limit enforced from the start; see {@link RateLimit} (default: none). */
    public Builder rateLimit(RateLimit limit) {
      this.rateLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** The one accepted API key (default {@link FakeApiMart#DEFAULT_API_KEY}). */
    public Builder apiKey(String apiKey) {
      return apiKeys(apiKey);
    }

    /** The accepted API keys; any of them is accepted. */
    public Builder apiKeys(String... keys) {
      Objects.requireNonNull(keys, "keys");
      if (keys.length == 0) {
        throw new IllegalArgumentException("keys must name at least one API key");
      }
      List<String> list = new ArrayList<>();
      for (String key : keys) {
        Objects.requireNonNull(key, "keys must not contain null");
        if (key.isBlank() || !key.strip().equals(key) || key.chars().anyMatch(c -> c < 0x21)) {
          throw new IllegalArgumentException(
              "an API key must be non-blank printable text without spaces");
        }
        list.add(key);
      }
      apiKeys.clear();
      apiKeys.addAll(list);
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to listen on; the loopback address by default. Listening on another interface
     * exposes the fake to the network: do that only on purpose (e.g. inside a container).
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The fake's time at start; by default the current time, whole seconds. */
    public Builder startTime(Instant start) {
      this.origin = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Virtual time (the default): the clock moves only through {@link FakeApiMart#advance}, and
     * tasks finish after three polls unless {@link #finishAfterPolls} or {@link
     * #onlyClockMovesTasks} say otherwise.
     */
    public Builder virtualTime() {
      this.speed = 0;
      return this;
    }

    /**
     * Real time: the fake's clock follows the machine's, {@code speed} times as fast (1 = real
     * durations, 10 = a 20-second task takes 2 seconds). Tasks move only with the clock unless
     * {@link #finishAfterPolls} is also set.
     */
    public Builder realTime(double speed) {
      if (!(speed > 0) || Double.isInfinite(speed)) {
        throw new IllegalArgumentException("speed must be positive and finite, got " + speed);
      }
      this.speed = speed;
      return this;
    }

    /**
     * Every task finishes on its {@code polls}-th poll even if its time has not come: with 3, the
     * first poll sees it {@code pending}, the second {@code processing}, the third finished (as
     * scripted). Time still moves tasks too; whichever is further along counts.
     */
    public Builder finishAfterPolls(int polls) {
      if (polls < 1) {
        throw new IllegalArgumentException("polls must be at least 1, got " + polls);
      }
      this.pollsToFinish = polls;
      return this;
    }

    /** Polls do not move tasks; only the clock does. */
    public Builder onlyClockMovesTasks() {
      this.pollsToFinish = 0;
      return this;
    }

    /**
     * How long a task of this model takes (default: z-image-turbo 5 s, qwen-image-2.0 20 s,
     * qwen-image-2.0-pro 30 s, every other model 30 s).
     */
    public Builder taskDuration(ImageModel model, Duration duration) {
      Objects.requireNonNull(model, "model");
      durations.put(model.id(), requireNotNegative(duration));
      return this;
    }

    /**
     * How long a task takes for every model that has no duration of its own from {@link
     * #taskDuration(ImageModel, Duration)}.
     */
    public Builder taskDuration(Duration duration) {
      this.durationForAll = requireNotNegative(duration);
      return this;
    }

    /**
     * What one image of this model costs (default: z-image-turbo 0.02, qwen-image-2.0 0.04,
     * qwen-image-2.0-pro 0.08, every other model 0.05).
     */
    public Builder price(ImageModel model, BigDecimal price) {
      Objects.requireNonNull(model, "model");
      prices.put(model.id(), requireNotNegative(price, "price"));
      return this;
    }

    /**
     * Serves this model with the rules its entry sets (what it leaves unset is not checked), or
     * replaces the rules of a model the fake already serves — a seed model's own rules included.
     * The entry's model id is routed exactly as spelled, as the service routes names.
     */
    public Builder model(ModelCapabilities capabilities) {
      Objects.requireNonNull(capabilities, "capabilities");
      addedModels.put(capabilities.model().id(), capabilities);
      return this;
    }

    /** {@link #model(ModelCapabilities)} for every entry of a catalog. */
    public Builder models(ModelCatalog catalog) {
      Objects.requireNonNull(catalog, "catalog");
      catalog.entries().forEach(this::model);
      return this;
    }

    /** What {@code prompt_extend: true} adds to each image's price (default 0.01). */
    public Builder promptExtendSurcharge(BigDecimal surcharge) {
      this.promptExtendSurcharge = requireNotNegative(surcharge, "surcharge");
      return this;
    }

    /** The starting balance (default 100). */
    public Builder balance(BigDecimal balance) {
      this.balance = requireNotNegative(balance, "balance");
      return this;
    }

    /** An unlimited balance: never 402, {@code remain_balance} -1, {@code unlimited_quota} true. */
    public Builder unlimitedBalance() {
      this.balance = null;
      return this;
    }

    /** How completed tasks write image URLs (default {@link UrlShape#ARRAY}). */
    public Builder urlShape(UrlShape shape) {
      this.urlShape = Objects.requireNonNull(shape, "shape");
      return this;
    }

    /** How accepted submissions are answered (default {@link SubmissionShape#ARRAY}). */
    public Builder submissionShape(SubmissionShape shape) {
      this.submissionShape = Objects.requireNonNull(shape, "shape");
      return this;
    }

    /** The status words of running tasks (default {@link StatusWords#PENDING_PROCESSING}). */
    public Builder statusWords(StatusWords words) {
      this.statusWords = Objects.requireNonNull(words, "words");
      return this;
    }

    /**
     * Whether finished tasks carry {@code cost} (what was billed, in the balance's unit, taken as
     * US dollars) and {@code credits_cost} (ten credits per dollar); off by default. Failed and
     * cancelled tasks show 0, as they are not billed.
     */
    public Builder reportCost(boolean report) {
      this.reportCost = report;
      return this;
    }

    /** How an unknown task id is answered (default {@link UnknownTaskAnswer#NOT_FOUND}). */
    public Builder unknownTaskAnswer(UnknownTaskAnswer answer) {
      this.unknownTaskAnswer = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /**
     * How invalid submissions for non-seed models are refused (default {@link
     * RefusalStyle#BAD_REQUEST}).
     */
    public Builder refusalStyle(RefusalStyle style) {
      this.refusalStyle = Objects.requireNonNull(style, "style");
      return this;
    }

    /** How long image URLs stay valid after completion (default 24 hours of fake time). */
    public Builder imageLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
      }
      this.imageLifetime = lifetime;
      return this;
    }

    /**
     * Serve every model name, not only the catalog's and the added ones (default off: an unknown
     * model is refused, as by the service). A name the fake does not know is served with no rules
     * of its own — 1:1 at 1K unless the request says otherwise — which is what a demo or a test of
     * "any model is sent as given" needs.
     */
    public Builder anyModel(boolean serve) {
      this.anyModel = serve;
      return this;
    }

    /** Strict mode on or off (default on; see {@link FakeApiMart}). */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** How many requests the journal keeps; older ones are forgotten (default 1000). */
    public Builder journalCapacity(int capacity) {
      this.journalCapacity = requirePositive(capacity, "capacity");
      return this;
    }

    /** How many tasks are kept; the oldest finished ones are forgotten first (default 100 000). */
    public Builder maxTasks(int maxTasks) {
      this.maxTasks = requirePositive(maxTasks, "maxTasks");
      return this;
    }

    /** Request bodies larger than this are answered 413 (default 1 MiB). */
    public Builder maxRequestBodyBytes(int bytes) {
      this.maxRequestBodyBytes = requirePositive(bytes, "bytes");
      return this;
    }

    /**
     * How many threads answer requests (default 8). A request delayed by a {@link Fault} holds its
     * thread while it waits.
     */
    public Builder workerThreads(int threads) {
      this.workerThreads = requirePositive(threads, "threads");
      return this;
    }

    /**
     * Starts the fake.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public FakeApiMart start() {
      FakeApiMart fake = startServer();
      if (rateLimit != null) {
        fake.limitRate(rateLimit);
      }
      return fake;
    }

    private FakeApiMart startServer() {
      int polls = pollsToFinish != null ? pollsToFinish : (speed == 0 ? 3 : 0);
      Instant start = origin != null ? origin : Instant.now().truncatedTo(ChronoUnit.SECONDS);
      return new FakeApiMart(
          new FakeSettings(
              apiKeys,
              bindAddress,
              port,
              start,
              speed,
              polls,
              servedModels(),
              durations,
              durationForAll,
              prices,
              promptExtendSurcharge,
              balance,
              urlShape,
              submissionShape,
              statusWords,
              reportCost,
              unknownTaskAnswer,
              refusalStyle,
              imageLifetime,
              strict,
              anyModel,
              journalCapacity,
              journalBodyLimit,
              maxTasks,
              maxRequestBodyBytes,
              workerThreads),
          pauses != null ? pauses : Pauses.real());
    }

    /** Seed models with the fake's own rules, the rest of the catalog, then the added models. */
    private Map<String, ModelSpec> servedModels() {
      Map<String, ModelSpec> models = new LinkedHashMap<>(ModelSpec.defaults());
      for (ModelCapabilities added : addedModels.values()) {
        models.put(added.model().id(), ModelSpec.fromCatalog(added));
      }
      return models;
    }

    private static Duration requireNotNegative(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: " + duration);
      }
      return duration;
    }

    private static BigDecimal requireNotNegative(BigDecimal value, String name) {
      Objects.requireNonNull(value, name);
      if (value.signum() < 0) {
        throw new IllegalArgumentException(name + " must not be negative: " + value);
      }
      return value;
    }

    private static int requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
