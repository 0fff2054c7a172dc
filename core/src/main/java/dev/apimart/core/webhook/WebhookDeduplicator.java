package dev.apimart.core.webhook;

import dev.apimart.core.model.TaskId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the task ids of recent callbacks so that a delivery ApiMart repeats is handled once.
 * Bounded: keeps the most recent {@code capacity} ids, forgetting the oldest — size it to well
 * above the number of tasks that can finish within ApiMart's retry window (about two minutes).
 * In-memory and per process: several instances behind a load balancer need a shared store instead.
 * Thread-safe.
 */
public final class WebhookDeduplicator {

  /** The default capacity. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final Map<TaskId, Boolean> seen;

  /** A de-duplicator keeping {@link #DEFAULT_CAPACITY} ids. */
  public WebhookDeduplicator() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * @param capacity how many task ids to remember, at least 1
   */
  public WebhookDeduplicator(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<TaskId, Boolean> eldest) {
            return size() > WebhookDeduplicator.this.capacity;
          }
        };
  }

  /**
   * Whether this is the first delivery for the task (then it is remembered): handle the event only
   * when true.
   */
  public synchronized boolean firstDelivery(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    return seen.put(taskId, Boolean.TRUE) == null;
  }

  /**
   * Forgets a task id, so that its next delivery counts as the first. For a handler that could not
   * take an event after {@link #firstDelivery} said yes (a full queue): it answers ApiMart with a
   * 5xx, ApiMart delivers again, and that delivery is handled.
   *
   * @return whether the id was remembered
   */
  public synchronized boolean forget(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    return seen.remove(taskId) != null;
  }

  /** Whether this event is the first delivery for its task; see {@link #firstDelivery(TaskId)}. */
  public boolean firstDelivery(WebhookEvent event) {
    return firstDelivery(Objects.requireNonNull(event, "event").taskId());
  }

  /** How many ids are remembered now. */
  public synchronized int size() {
    return seen.size();
  }

  @Override
  public String toString() {
    return "WebhookDeduplicator[" + size() + "/" + capacity + "]";
  }
}
