package dev.apimart.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The fake's memory of {@code Idempotency-Key}s, as the service is said to keep it: the first
 * accepted submission with a key ties the key to its body and its task; a later submission with the
 * same key and the same JSON body is answered with that task (nothing new is created or billed);
 * the same key with another body is refused ({@code 409 idempotency_key_reused}). Submissions the
 * fake refused (invalid, 402) tie nothing. Keeps at most {@code capacity} keys, forgetting the
 * oldest. Can be switched to ignore keys entirely, as a service that does not honour them would.
 * Thread-safe: a lookup and the submission it leads to happen under one lock, so two concurrent
 * submissions with one key create one task.
 */
public final class IdempotencyKeys {

  /** What a submission with a key comes to. */
  public sealed interface Outcome {}

  /** Not seen before (or keys are ignored): the submission was executed. */
  public record Executed<T>(T result) implements Outcome {}

  /** Seen with the same body: answer with the first task. */
  public record Replay(String taskId) implements Outcome {}

  /** Seen with another body: refuse. */
  public record Reused() implements Outcome {}

  private record Entry(Map<String, @Nullable Object> body, String taskId) {}

  private final int capacity;
  private final Map<String, Entry> entries;
  private volatile boolean honoured = true;

  /**
   * @param capacity how many keys are remembered at most
   */
  public IdempotencyKeys(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > IdempotencyKeys.this.capacity;
          }
        };
  }

  /** Whether keys are honoured (default) or ignored. */
  public boolean honoured() {
    return honoured;
  }

  /** Honour keys, or ignore them as a service without idempotency would. */
  public void honoured(boolean honoured) {
    this.honoured = honoured;
  }

  /**
   * Runs {@code execute} unless the key says otherwise.
   *
   * @param key the submission's key, or {@code null} when it carried none
   * @param body the submission's JSON body
   * @param execute performs the submission; returns its result
   * @param taskIdOf the task a result created, or {@code null} when it created none
   */
  public synchronized <T> Outcome submit(
      @Nullable String key,
      Map<String, @Nullable Object> body,
      Supplier<T> execute,
      java.util.function.Function<T, @Nullable String> taskIdOf) {
    Objects.requireNonNull(body, "body");
    if (key == null || !honoured) {
      return new Executed<>(execute.get());
    }
    Entry seen = entries.get(key);
    if (seen != null) {
      return seen.body().equals(body) ? new Replay(seen.taskId()) : new Reused();
    }
    T result = execute.get();
    String taskId = taskIdOf.apply(result);
    if (taskId != null) {
      entries.put(key, new Entry(body, taskId));
    }
    return new Executed<>(result);
  }

  /** Forgets every key. */
  public synchronized void reset() {
    entries.clear();
  }
}
