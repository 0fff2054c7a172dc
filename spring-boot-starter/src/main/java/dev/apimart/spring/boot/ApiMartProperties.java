package dev.apimart.spring.boot;

import dev.apimart.core.model.AspectRatio;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.Resolution;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the auto-configured {@code ApiMartClient}, bound from {@code apimart.*}. Every
 * default matches the client builder's, so an application that sets only {@code apimart.api-key}
 * behaves like {@code ApiMartClient.builder().apiKey(…).build()}.
 *
 * <p>Values are checked when the client is created: a value the client refuses fails start-up with
 * a failure analysis naming the property.
 */
@ConfigurationProperties(prefix = ApiMartProperties.PREFIX)
public final class ApiMartProperties {

  /** The prefix of every property here. */
  public static final String PREFIX = "apimart";

  /**
   * The ApiMart API key, sent as a bearer token. When unset, the environment variable
   * APIMART_API_KEY is used. Never logged.
   */
  private @Nullable String apiKey;

  /**
   * Address of the ApiMart service; when unset, the environment variable APIMART_BASE_URL, else
   * https://api.apimart.ai. Plain http is accepted only for loopback hosts unless
   * apimart.allow-insecure-http is true.
   */
  private @Nullable String baseUrl;

  /** Language of the service's task messages; the service's default (English) when unset. */
  private @Nullable Language language;

  /**
   * Which HTTP transport carries the requests: 'jdk' (java.net.http, shipped with the starter),
   * 'feign' (needs dev.apimart:apimart-transport-feign), or 'auto' for jdk when present, else
   * feign. A bean of type HttpTransport replaces either.
   */
  private Transport transport = Transport.AUTO;

  /** How long to wait for a connection to be established. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** How long one HTTP exchange may take; a whole wait for a task is bounded by polling.timeout. */
  private Duration requestTimeout = Duration.ofSeconds(30);

  /**
   * Whether the API key may be sent over plain http to a host that is not loopback. Only for
   * trusted networks: the key would travel unencrypted.
   */
  private boolean allowInsecureHttp;

  /** The largest image a download accepts. */
  private DataSize maxDownloadSize = DataSize.ofMegabytes(50);

  /** When failed calls are repeated. */
  private final Retry retry = new Retry();

  /** How tasks are waited for. */
  private final Polling polling = new Polling();

  /** Values the GenerationRequests bean starts new requests with. */
  private final Defaults defaults = new Defaults();

  /** The Actuator health contributor. */
  private final Health health = new Health();

  /** Micrometer observations of the client's operations. */
  private final Observations observations = new Observations();

  public @Nullable String getApiKey() {
    return apiKey;
  }

  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public @Nullable Language getLanguage() {
    return language;
  }

  public void setLanguage(@Nullable Language language) {
    this.language = language;
  }

  public Transport getTransport() {
    return transport;
  }

  public void setTransport(Transport transport) {
    this.transport = transport;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  public DataSize getMaxDownloadSize() {
    return maxDownloadSize;
  }

  public void setMaxDownloadSize(DataSize maxDownloadSize) {
    this.maxDownloadSize = maxDownloadSize;
  }

  public Retry getRetry() {
    return retry;
  }

  public Polling getPolling() {
    return polling;
  }

  public Defaults getDefaults() {
    return defaults;
  }

  public Health getHealth() {
    return health;
  }

  public Observations getObservations() {
    return observations;
  }

  /** Shows the settings; the API key only as set or not. */
  @Override
  public String toString() {
    return "ApiMartProperties[apiKey="
        + (apiKey == null || apiKey.isBlank() ? "unset" : "set")
        + ", baseUrl="
        + (baseUrl == null ? "default" : baseUrl)
        + ", transport="
        + transport
        + "]";
  }

  /** The HTTP transport choices of {@code apimart.transport}. */
  public enum Transport {
    /** The JDK transport when it is on the class path, else the Feign transport. */
    AUTO,
    /** {@code java.net.http.HttpClient} (artifact {@code apimart-transport-jdkhttp}). */
    JDK,
    /** Any {@code feign.Client} (artifact {@code apimart-transport-feign}). */
    FEIGN
  }

  /** {@code apimart.retry.*}: when failed calls are repeated. */
  public static final class Retry {

    /** Attempts in total, the first included; 1 never repeats a call. */
    private int maxAttempts = 3;

    /** Wait before the first retry, doubled for each further one. */
    private Duration initialBackoff = Duration.ofMillis(500);

    /** The longest wait between attempts. */
    private Duration maxBackoff = Duration.ofSeconds(10);

    /** Share of each wait that is random, from 0 (exact waits) to 1 (full jitter). */
    private double jitter = 1.0;

    /** The longest Retry-After from the service that is honoured; longer ones are cut to this. */
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    /**
     * Whether to repeat a submission that may have been received (timeout after sending, broken
     * connection, 500/502/504). Off by default: it can create, and bill, a second task.
     */
    private boolean retryAmbiguousSubmissions;

    /** Retries allowed per request made, shared by all calls of the client. */
    private double budgetRatio = 0.2;

    /** Retries always allowed after a quiet period. */
    private int budgetMinRetries = 10;

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public double getJitter() {
      return jitter;
    }

    public void setJitter(double jitter) {
      this.jitter = jitter;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    public boolean isRetryAmbiguousSubmissions() {
      return retryAmbiguousSubmissions;
    }

    public void setRetryAmbiguousSubmissions(boolean retryAmbiguousSubmissions) {
      this.retryAmbiguousSubmissions = retryAmbiguousSubmissions;
    }

    public double getBudgetRatio() {
      return budgetRatio;
    }

    public void setBudgetRatio(double budgetRatio) {
      this.budgetRatio = budgetRatio;
    }

    public int getBudgetMinRetries() {
      return budgetMinRetries;
    }

    public void setBudgetMinRetries(int budgetMinRetries) {
      this.budgetMinRetries = budgetMinRetries;
    }
  }

  /** {@code apimart.polling.*}: how tasks are waited for. */
  public static final class Polling {

    /** Wait before the first status request after a submission. */
    private Duration initialDelay = Duration.ofSeconds(2);

    /** Shortest wait between two status requests. */
    private Duration minInterval = Duration.ofSeconds(1);

    /** Longest wait between two status requests. */
    private Duration maxInterval = Duration.ofSeconds(10);

    /** The overall deadline of one wait for a task. */
    private Duration timeout = Duration.ofMinutes(10);

    /** Status requests that may fail in a row (after their retries) before a wait gives up. */
    private int maxFailedPolls = 5;

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public Duration getMinInterval() {
      return minInterval;
    }

    public void setMinInterval(Duration minInterval) {
      this.minInterval = minInterval;
    }

    public Duration getMaxInterval() {
      return maxInterval;
    }

    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public int getMaxFailedPolls() {
      return maxFailedPolls;
    }

    public void setMaxFailedPolls(int maxFailedPolls) {
      this.maxFailedPolls = maxFailedPolls;
    }
  }

  /** {@code apimart.defaults.*}: what the GenerationRequests bean puts in new requests. */
  public static final class Defaults {

    /** The model of new requests. */
    private ImageModel model = ImageModel.Z_IMAGE_TURBO;

    /** The aspect ratio of new requests; the service's default (1:1) when unset. */
    private @Nullable AspectRatio size;

    /** The resolution tier of new requests; the service's default (1K) when unset. */
    private @Nullable Resolution resolution;

    public ImageModel getModel() {
      return model;
    }

    public void setModel(ImageModel model) {
      this.model = model;
    }

    public @Nullable AspectRatio getSize() {
      return size;
    }

    public void setSize(@Nullable AspectRatio size) {
      this.size = size;
    }

    public @Nullable Resolution getResolution() {
      return resolution;
    }

    public void setResolution(@Nullable Resolution resolution) {
      this.resolution = resolution;
    }
  }

  /** {@code apimart.health.*}: the Actuator health contributor. */
  public static final class Health {

    /**
     * How long a balance probe's answer is reused. Health endpoints are often polled every few
     * seconds; the probe calls the free /v1/balance at most once per this period.
     */
    private Duration cacheTtl = Duration.ofSeconds(60);

    /**
     * How long a probe waits for the balance before reporting DOWN; bounds a health request while
     * the service does not answer (the client's retries included).
     */
    private Duration timeout = Duration.ofSeconds(10);

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getCacheTtl() {
      return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }
  }

  /** {@code apimart.observations.*}: Micrometer observations. */
  public static final class Observations {

    /**
     * Whether the prompt is recorded on observations (as a high-cardinality value, so traces but
     * not metrics carry it). Off by default: prompts may hold personal data.
     */
    private boolean includePrompt;

    public boolean isIncludePrompt() {
      return includePrompt;
    }

    public void setIncludePrompt(boolean includePrompt) {
      this.includePrompt = includePrompt;
    }
  }
}
