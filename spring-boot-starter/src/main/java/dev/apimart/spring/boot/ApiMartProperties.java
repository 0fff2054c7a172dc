package dev.apimart.spring.boot;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.Resolution;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Language of the service's task messages (en, zh, ja, ko, ru, fr, de, id, pt, es); the service's
   * default (English) when unset.
   */
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

  /**
   * Model catalog entries, by model id: a model ApiMart added after this SDK was released, or a
   * corrected fact of a documented one (apimart.models.gpt-image-2.max-images=8). Only the
   * properties set are applied. Write an id that contains a dot in brackets:
   * apimart.models[qwen-image-2.0].max-images=8.
   */
  private final Map<String, Model> models = new LinkedHashMap<>();

  /** The Actuator health contributor. */
  private final Health health = new Health();

  /** Micrometer observations of the client's operations. */
  private final Observations observations = new Observations();

  /** The endpoint that receives ApiMart's task callbacks (webhooks). */
  private final Webhook webhook = new Webhook();

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

  public Map<String, Model> getModels() {
    return models;
  }

  public Health getHealth() {
    return health;
  }

  public Observations getObservations() {
    return observations;
  }

  public Webhook getWebhook() {
    return webhook;
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

    private boolean minIntervalSet;
    private boolean maxIntervalSet;

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
      this.minIntervalSet = true;
    }

    /** Whether min-interval was configured (else the max interval may lower it). */
    boolean isMinIntervalSet() {
      return minIntervalSet;
    }

    public Duration getMaxInterval() {
      return maxInterval;
    }

    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
      this.maxIntervalSet = true;
    }

    /** Whether max-interval was configured (else the min interval may raise it). */
    boolean isMaxIntervalSet() {
      return maxIntervalSet;
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

    /**
     * The model of new requests: any model name ApiMart serves. A model in the catalog has its
     * defaults checked against its entry at start-up; any other is sent as given.
     */
    private ImageModel model = ImageModel.Z_IMAGE_TURBO;

    /**
     * The size of new requests: a ratio such as 16:9, auto, or pixels such as 1536x1024 where the
     * model takes them; the model's default when unset.
     */
    private @Nullable ImageSize size;

    /** The resolution tier of new requests (0.5K to 4K); the model's default when unset. */
    private @Nullable Resolution resolution;

    /**
     * Further fields of new requests, by wire name: a typed option (quality, output_format, seed,
     * watermark, n, negative_prompt, ...) or any other body field. A value that is valid JSON (42,
     * true, {"hdr":true}) is sent as that JSON value, anything else as text. Write a name with an
     * underscore in brackets (apimart.defaults.params[output_format]=png) or with a dash
     * (apimart.defaults.params.output-format=png).
     */
    private final Map<String, String> params = new LinkedHashMap<>();

    public ImageModel getModel() {
      return model;
    }

    public void setModel(ImageModel model) {
      this.model = model;
    }

    public @Nullable ImageSize getSize() {
      return size;
    }

    public void setSize(@Nullable ImageSize size) {
      this.size = size;
    }

    public @Nullable Resolution getResolution() {
      return resolution;
    }

    public void setResolution(@Nullable Resolution resolution) {
      this.resolution = resolution;
    }

    public Map<String, String> getParams() {
      return params;
    }
  }

  /**
   * {@code apimart.models.<model-id>.*}: one catalog entry. Every property is optional; for a
   * documented model an unset property keeps the documented fact, for a new model it means "not
   * checked".
   */
  public static final class Model {

    /** One line saying what the model is for. */
    private @Nullable String description;

    /**
     * The accepted sizes: ratios such as 1:1,16:9 and auto. Empty: the model takes no size; 'any':
     * every size is sent as given.
     */
    private @Nullable List<String> sizes;

    /** The size the service uses when none is sent. */
    private @Nullable String defaultSize;

    /**
     * The accepted tiers in the spelling the model documents (1K,2K or 1k,2k,4k); requests are sent
     * in that spelling. Empty: the model takes no resolution; 'any': every tier is sent as given.
     */
    private @Nullable List<String> tiers;

    /** The tier the service uses when none is sent. */
    private @Nullable String defaultTier;

    /** The accepted values of n when they are not a range (gpt-4o-image: 1,2,4). */
    private @Nullable List<Integer> counts;

    /** The smallest n accepted; with max-images it makes a range. */
    private @Nullable Integer minImages;

    /** The largest n accepted; 1 for a model that makes exactly one image. */
    private @Nullable Integer maxImages;

    /** The longest prompt, in characters (Unicode code points). */
    private @Nullable Integer maxPromptLength;

    /** Whether negative_prompt is accepted. */
    private @Nullable Boolean negativePrompt;

    /** The longest negative prompt, in characters; setting it means negative_prompt is accepted. */
    private @Nullable Integer maxNegativePromptLength;

    /** Whether prompt_extend is accepted. */
    private @Nullable Boolean promptExtend;

    /** How many reference images (image_urls) are accepted; 0 for none. */
    private @Nullable Integer maxReferenceImages;

    /** Whether a reference image may be a data URI as well as a public URL. */
    private @Nullable Boolean referenceDataUris;

    /** Whether mask_url is accepted. */
    private @Nullable Boolean mask;

    /**
     * The options the model takes, by wire name (quality, background, moderation, output_format,
     * output_compression, seed, watermark, nsfw_check, official_fallback, google_search, or a field
     * of its own), each with its comma-separated allowed values, or empty for any value. Once a
     * model lists options, the typed options it does not list are refused.
     */
    private final Map<String, String> options = new LinkedHashMap<>();

    public @Nullable String getDescription() {
      return description;
    }

    public void setDescription(@Nullable String description) {
      this.description = description;
    }

    public @Nullable List<String> getSizes() {
      return sizes;
    }

    public void setSizes(@Nullable List<String> sizes) {
      this.sizes = sizes;
    }

    public @Nullable String getDefaultSize() {
      return defaultSize;
    }

    public void setDefaultSize(@Nullable String defaultSize) {
      this.defaultSize = defaultSize;
    }

    public @Nullable List<String> getTiers() {
      return tiers;
    }

    public void setTiers(@Nullable List<String> tiers) {
      this.tiers = tiers;
    }

    public @Nullable String getDefaultTier() {
      return defaultTier;
    }

    public void setDefaultTier(@Nullable String defaultTier) {
      this.defaultTier = defaultTier;
    }

    public @Nullable List<Integer> getCounts() {
      return counts;
    }

    public void setCounts(@Nullable List<Integer> counts) {
      this.counts = counts;
    }

    public @Nullable Integer getMinImages() {
      return minImages;
    }

    public void setMinImages(@Nullable Integer minImages) {
      this.minImages = minImages;
    }

    public @Nullable Integer getMaxImages() {
      return maxImages;
    }

    public void setMaxImages(@Nullable Integer maxImages) {
      this.maxImages = maxImages;
    }

    public @Nullable Integer getMaxPromptLength() {
      return maxPromptLength;
    }

    public void setMaxPromptLength(@Nullable Integer maxPromptLength) {
      this.maxPromptLength = maxPromptLength;
    }

    public @Nullable Boolean getNegativePrompt() {
      return negativePrompt;
    }

    public void setNegativePrompt(@Nullable Boolean negativePrompt) {
      this.negativePrompt = negativePrompt;
    }

    public @Nullable Integer getMaxNegativePromptLength() {
      return maxNegativePromptLength;
    }

    public void setMaxNegativePromptLength(@Nullable Integer maxNegativePromptLength) {
      this.maxNegativePromptLength = maxNegativePromptLength;
    }

    public @Nullable Boolean getPromptExtend() {
      return promptExtend;
    }

    public void setPromptExtend(@Nullable Boolean promptExtend) {
      this.promptExtend = promptExtend;
    }

    public @Nullable Integer getMaxReferenceImages() {
      return maxReferenceImages;
    }

    public void setMaxReferenceImages(@Nullable Integer maxReferenceImages) {
      this.maxReferenceImages = maxReferenceImages;
    }

    public @Nullable Boolean getReferenceDataUris() {
      return referenceDataUris;
    }

    public void setReferenceDataUris(@Nullable Boolean referenceDataUris) {
      this.referenceDataUris = referenceDataUris;
    }

    public @Nullable Boolean getMask() {
      return mask;
    }

    public void setMask(@Nullable Boolean mask) {
      this.mask = mask;
    }

    public Map<String, String> getOptions() {
      return options;
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

  /**
   * {@code apimart.webhook.*}: the endpoint that receives ApiMart's task callbacks. ApiMart posts
   * to the webhook URL of a request with {@code /callback} appended; the starter listens at {@code
   * <path>/<secret>/callback} and the URL to give ApiMart is {@code
   * <public-base-url><path>/<secret>} (built by the {@code ApiMartWebhooks} bean).
   */
  public static final class Webhook {

    /**
     * Whether the starter receives ApiMart's task callbacks (Spring MVC or WebFlux needed) and
     * publishes an ApiMartTaskFinishedEvent per finished task. Needs apimart.webhook.secret.
     */
    private boolean enabled;

    /**
     * The path of the webhook URL, before the secret: the endpoint listens at
     * path/{secret}/callback (ApiMart appends /callback to the URL it is given). Relative to the
     * servlet context path or WebFlux base path.
     */
    private String path = "/apimart/webhook";

    /**
     * The shared secret carried in the webhook URL as a path segment. Callbacks are unsigned, so
     * this is what keeps others from posting forged task results: at least 32 characters of A-Z,
     * a-z, 0-9, '-' and '_' (e.g. openssl rand -hex 32). Required when enabled. Never logged.
     */
    private @Nullable String secret;

    /**
     * The address ApiMart reaches this application at, such as https://app.example.com (with the
     * context path, if any): the start of the URL ApiMartWebhooks#webhookUri() builds. ApiMart
     * refuses loopback and private addresses and calls only ports 80 and 443.
     */
    private @Nullable String publicBaseUrl;

    /**
     * How many task ids are remembered to recognise a repeated delivery; size it well above the
     * number of tasks that finish within about two minutes (ApiMart's retry window).
     */
    private int deduplicationCapacity = 10_000;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public @Nullable String getSecret() {
      return secret;
    }

    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    public @Nullable String getPublicBaseUrl() {
      return publicBaseUrl;
    }

    public void setPublicBaseUrl(@Nullable String publicBaseUrl) {
      this.publicBaseUrl = publicBaseUrl;
    }

    public int getDeduplicationCapacity() {
      return deduplicationCapacity;
    }

    public void setDeduplicationCapacity(int deduplicationCapacity) {
      this.deduplicationCapacity = deduplicationCapacity;
    }

    /** Shows the settings; the secret only as set or not. */
    @Override
    public String toString() {
      return "Webhook[enabled="
          + enabled
          + ", path="
          + path
          + ", secret="
          + (secret == null || secret.isBlank() ? "unset" : "set")
          + ", publicBaseUrl="
          + publicBaseUrl
          + "]";
    }
  }
}
