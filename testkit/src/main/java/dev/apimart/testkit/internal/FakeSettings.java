package dev.apimart.testkit.internal;

import dev.apimart.testkit.RefusalStyle;
import dev.apimart.testkit.StatusWords;
import dev.apimart.testkit.SubmissionShape;
import dev.apimart.testkit.UnknownTaskAnswer;
import dev.apimart.testkit.UrlShape;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@code FakeApiMart.Builder} collected, checked and copied.
 *
 * @param apiKeys accepted keys
 * @param bindAddress address to listen on
 * @param port port to listen on, 0 for any free one
 * @param origin fake time zero
 * @param speed 0 for virtual time, else the real-time speed factor
 * @param pollsToFinish after how many polls a task finishes regardless of the clock; 0 for never
 * @param models the models served, by exact wire id, in the order messages list them
 * @param durations how long a task takes, per model id
 * @param durationForAll how long a task takes for a model without its own duration, or {@code null}
 *     for the model's default
 * @param prices what one image costs, per model id
 * @param promptExtendSurcharge what {@code prompt_extend} adds per image
 * @param initialBalance starting balance, {@code null} for unlimited
 * @param urlShape how image URLs are written
 * @param submissionShape how accepted submissions are answered
 * @param statusWords the words of running tasks' status
 * @param reportCost whether finished tasks carry {@code cost} and {@code credits_cost}
 * @param unknownTaskAnswer how an unknown task id is answered
 * @param refusalStyle how invalid submissions for non-seed models are answered
 * @param imageLifetime how long image URLs stay valid after completion
 * @param strict whether unknown routes, look-alike fields and untaken options are failures
 * @param anyModel whether a model name the fake does not know is served (with no rules)
 * @param journalCapacity how many requests the journal keeps
 * @param journalBodyLimit how many body characters the journal keeps per request
 * @param maxTasks how many tasks are kept before the oldest finished ones are forgotten
 * @param maxRequestBodyBytes larger bodies are answered 413
 * @param workerThreads threads answering requests
 */
public record FakeSettings(
    List<String> apiKeys,
    InetAddress bindAddress,
    int port,
    Instant origin,
    double speed,
    int pollsToFinish,
    Map<String, ModelSpec> models,
    Map<String, Duration> durations,
    @Nullable Duration durationForAll,
    Map<String, BigDecimal> prices,
    BigDecimal promptExtendSurcharge,
    @Nullable BigDecimal initialBalance,
    UrlShape urlShape,
    SubmissionShape submissionShape,
    StatusWords statusWords,
    boolean reportCost,
    UnknownTaskAnswer unknownTaskAnswer,
    RefusalStyle refusalStyle,
    Duration imageLifetime,
    boolean strict,
    boolean anyModel,
    int journalCapacity,
    int journalBodyLimit,
    int maxTasks,
    int maxRequestBodyBytes,
    int workerThreads) {

  /** Copies the collections (the models keep their order). */
  public FakeSettings {
    apiKeys = List.copyOf(apiKeys);
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    durations = Map.copyOf(durations);
    prices = Map.copyOf(prices);
  }

  /** How long a task of this model takes by default. */
  public Duration duration(ModelSpec model) {
    Duration own = durations.get(model.id());
    if (own != null) {
      return own;
    }
    return durationForAll != null ? durationForAll : model.defaultDuration();
  }

  /** What one image of this model costs. */
  public BigDecimal price(ModelSpec model) {
    return prices.getOrDefault(model.id(), model.defaultPrice());
  }

  /** Leaves out the keys. */
  @Override
  public String toString() {
    return "FakeSettings[" + apiKeys.size() + " key(s), port " + port + ", speed " + speed + "]";
  }
}
