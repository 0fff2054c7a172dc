package dev.apimart.spring.boot;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.client.ParamValues;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.port.HttpTransport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * Turns {@link ApiMartProperties} into a configured {@link ApiMartClient.Builder} (catalog entries
 * from {@code apimart.models.*} included) and into {@link GenerationRequestDefaults}. A value the
 * client refuses becomes a {@link ConfigurationException} that names the property, so start-up
 * fails with something a person can act on.
 */
final class ApiMartClientFactory {

  /** The environment variable read when {@code apimart.api-key} is not set (as in core). */
  static final String ENV_API_KEY = ApiMartClient.ENV_API_KEY;

  private ApiMartClientFactory() {}

  /**
   * The builder for the auto-configured client, customizers not yet applied.
   *
   * @throws MissingApiKeyException when no key is configured
   * @throws ConfigurationException when a property holds a value the client refuses
   */
  static ApiMartClient.Builder builder(
      ApiMartProperties properties,
      Environment environment,
      HttpTransport transport,
      Clock clock,
      @Nullable ClientObserver observer) {
    ApiMartClient.Builder builder =
        ApiMartClient.builder()
            .apiKey(apiKey(properties, environment))
            .transport(transport)
            .clock(clock)
            .allowInsecureHttp(properties.isAllowInsecureHttp());
    String baseUrl = baseUrl(properties, environment);
    check("apimart.base-url", baseUrl, () -> builder.baseUrl(baseUrl));
    if (properties.getLanguage() != null) {
      builder.language(properties.getLanguage());
    }
    check(
        "apimart.request-timeout",
        properties.getRequestTimeout(),
        () -> builder.requestTimeout(properties.getRequestTimeout()));
    check(
        "apimart.max-download-size",
        properties.getMaxDownloadSize(),
        () -> builder.maxDownloadBytes(properties.getMaxDownloadSize().toBytes()));
    builder.retryPolicy(retryPolicy(properties.getRetry()));
    builder.pollingOptions(pollingOptions(properties.getPolling()));
    ModelEntries.checkAllBound(environment);
    ModelEntries.entries(properties.getModels()).forEach(builder::model);
    if (observer != null) {
      builder.observer(observer);
    }
    return builder;
  }

  /** The configured address, else {@code APIMART_BASE_URL}, else the service's (as in core). */
  static String baseUrl(ApiMartProperties properties, Environment environment) {
    String url = properties.getBaseUrl();
    if (url == null || url.isBlank()) {
      url = environment.getProperty(ApiMartClient.ENV_BASE_URL);
    }
    return url == null || url.isBlank() ? ApiMartClient.DEFAULT_BASE_URL : url;
  }

  /**
   * The configured key, else {@code APIMART_API_KEY} from the Spring environment. A key that is
   * still a {@code ${…}} placeholder (its variable was not set, and Spring keeps the text as it is)
   * is refused: sent as a bearer token it would only earn a 401 from the service, later and less
   * clearly.
   */
  static String apiKey(ApiMartProperties properties, Environment environment) {
    String key = properties.getApiKey();
    String source = "apimart.api-key";
    if (key == null || key.isBlank()) {
      key = environment.getProperty(ENV_API_KEY);
      source = ENV_API_KEY;
    }
    if (key == null || key.isBlank()) {
      throw new MissingApiKeyException();
    }
    java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(key);
    if (placeholder.find()) {
      throw new MissingApiKeyException(source, placeholder.group(1).strip());
    }
    return key;
  }

  /** A {@code ${NAME}} or {@code ${NAME:default}} that was not resolved. */
  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("\\$\\{([^}:]*)[^}]*}");

  static RetryPolicy retryPolicy(ApiMartProperties.Retry retry) {
    RetryPolicy.Builder b = RetryPolicy.builder();
    String p = "apimart.retry.";
    check(p + "max-attempts", retry.getMaxAttempts(), () -> b.maxAttempts(retry.getMaxAttempts()));
    check(
        p + "initial-backoff",
        retry.getInitialBackoff(),
        () -> b.initialBackoff(retry.getInitialBackoff()));
    check(p + "max-backoff", retry.getMaxBackoff(), () -> b.maxBackoff(retry.getMaxBackoff()));
    check(p + "jitter", retry.getJitter(), () -> b.jitter(retry.getJitter()));
    check(
        p + "max-retry-after",
        retry.getMaxRetryAfter(),
        () -> b.maxRetryAfter(retry.getMaxRetryAfter()));
    b.retryAmbiguousSubmissions(retry.isRetryAmbiguousSubmissions());
    check(p + "budget-ratio", retry.getBudgetRatio(), () -> b.budgetRatio(retry.getBudgetRatio()));
    check(
        p + "budget-min-retries",
        retry.getBudgetMinRetries(),
        () -> b.budgetMinRetries(retry.getBudgetMinRetries()));
    return build(List.of(p + "initial-backoff", p + "max-backoff"), b::build);
  }

  static PollingOptions pollingOptions(ApiMartProperties.Polling polling) {
    PollingOptions.Builder b = PollingOptions.builder();
    String p = "apimart.polling.";
    check(
        p + "initial-delay",
        polling.getInitialDelay(),
        () -> b.initialDelay(polling.getInitialDelay()));
    // An interval left at its default follows the one that was set, as in PollingOptions itself:
    // max-interval=10ms alone lowers the min interval instead of failing start-up.
    if (polling.isMinIntervalSet() || !polling.isMaxIntervalSet()) {
      check(
          p + "min-interval",
          polling.getMinInterval(),
          () -> b.minInterval(polling.getMinInterval()));
    }
    if (polling.isMaxIntervalSet() || !polling.isMinIntervalSet()) {
      check(
          p + "max-interval",
          polling.getMaxInterval(),
          () -> b.maxInterval(polling.getMaxInterval()));
    }
    check(p + "timeout", polling.getTimeout(), () -> b.timeout(polling.getTimeout()));
    check(
        p + "max-failed-polls",
        polling.getMaxFailedPolls(),
        () -> b.maxFailedPolls(polling.getMaxFailedPolls()));
    return build(List.of(p + "min-interval", p + "max-interval"), b::build);
  }

  /**
   * The request defaults of {@code apimart.defaults.*}, checked against the catalog the client
   * uses: a default the default model refuses (a size it does not make, an option it does not take)
   * would fail every request, so it fails start-up instead, naming the property. A model outside
   * the catalog gets only the checks every request shares.
   *
   * @throws ConfigurationException naming the property when a default is refused
   */
  static GenerationRequestDefaults defaults(ApiMartProperties.Defaults d, ModelCatalog catalog) {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    d.getParams()
        .forEach(
            (name, value) -> {
              String wireName = ModelEntries.typedName(name).orElse(name);
              if (params.containsKey(wireName)) {
                throw new ConfigurationException(
                    "Properties 'apimart.defaults.params' name the field "
                        + wireName
                        + " twice: keep one of them");
              }
              params.put(wireName, ParamValues.parse(value));
            });
    GenerationRequestDefaults defaults;
    try {
      defaults =
          new GenerationRequestDefaults(d.getModel(), d.getSize(), d.getResolution(), params);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "Invalid property under 'apimart.defaults.params': " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (Violation v :
        RequestValidator.forCatalog(catalog).validate(defaults.request("start-up check"))) {
      if (!v.field().equals("prompt")) {
        problems.add(
            (v.rejectedValue() == null
                    ? "Invalid"
                    : "Invalid value '" + v.rejectedValue() + "' for")
                + " property '"
                + defaultsProperty(v.field())
                + "': "
                + v.message());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("; ", problems));
    }
    return defaults;
  }

  /** The {@code apimart.defaults} property that sets a request field. */
  private static String defaultsProperty(String field) {
    String name = field.replaceAll("\\[\\d+]$", "");
    return switch (name) {
      case "model", "size", "resolution" -> "apimart.defaults." + name;
      default -> "apimart.defaults.params[" + name + "]";
    };
  }

  /** Applies one property, naming it when the client refuses the value. */
  private static void check(String property, @Nullable Object value, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException | NullPointerException | ConfigurationException e) {
      throw new ConfigurationException(
          "Invalid value '" + value + "' for property '" + property + "': " + e.getMessage());
    }
  }

  /** Builds a value whose check spans two properties. */
  private static <T> T build(List<String> properties, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "Invalid combination of " + String.join(" and ", properties) + ": " + e.getMessage());
    }
  }
}
