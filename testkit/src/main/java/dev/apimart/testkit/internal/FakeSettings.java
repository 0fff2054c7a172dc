package dev.apimart.testkit.internal;

import dev.apimart.testkit.UrlShape;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
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
 * @param durations how long a task takes, per model
 * @param prices what one image costs, per model
 * @param promptExtendSurcharge what {@code prompt_extend} adds per image
 * @param initialBalance starting balance, {@code null} for unlimited
 * @param urlShape how image URLs are written
 * @param imageLifetime how long image URLs stay valid after completion
 * @param strict whether unknown routes and fields are failures
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
    Map<ModelSpec, Duration> durations,
    Map<ModelSpec, BigDecimal> prices,
    BigDecimal promptExtendSurcharge,
    @Nullable BigDecimal initialBalance,
    UrlShape urlShape,
    Duration imageLifetime,
    boolean strict,
    int journalCapacity,
    int journalBodyLimit,
    int maxTasks,
    int maxRequestBodyBytes,
    int workerThreads) {

  /** Copies the collections. */
  public FakeSettings {
    apiKeys = List.copyOf(apiKeys);
    durations = Map.copyOf(durations);
    prices = Map.copyOf(prices);
  }

  /** How long a task of this model takes by default. */
  public Duration duration(ModelSpec model) {
    return durations.getOrDefault(model, model.defaultDuration());
  }

  /** What one image of this model costs. */
  public BigDecimal price(ModelSpec model) {
    return prices.getOrDefault(model, model.defaultPrice());
  }

  /** Leaves out the keys. */
  @Override
  public String toString() {
    return "FakeSettings[" + apiKeys.size() + " key(s), port " + port + ", speed " + speed + "]";
  }
}
