package dev.apimart.testkit.internal;

import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's storage: the last {@code capacity} finished requests, plus how many requests have
 * arrived per route (counted on arrival, before any delay, so a test can wait for a request that is
 * still being answered). Thread-safe.
 */
public final class RequestLog {

  private final int capacity;
  private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
  private final Map<Route, Integer> arrivals = new EnumMap<>(Route.class);
  private long sequence;
  private long evicted;

  /**
   * @param capacity how many requests to keep; older ones are forgotten
   */
  public RequestLog(int capacity) {
    this.capacity = capacity;
  }

  /** Counts an arriving request and gives it its sequence number. */
  public synchronized long arrived(Route route) {
    arrivals.merge(route, 1, Integer::sum);
    notifyAll();
    return ++sequence;
  }

  /** Keeps a finished request. */
  public synchronized void record(RecordedRequest request) {
    if (entries.size() == capacity) {
      entries.removeFirst();
      evicted++;
    }
    entries.addLast(request);
    notifyAll();
  }

  /** The kept requests, in arrival order. */
  public synchronized List<RecordedRequest> snapshot() {
    List<RecordedRequest> list = new ArrayList<>(entries);
    list.sort(Comparator.comparingLong(RecordedRequest::sequence));
    return list;
  }

  /** How many requests were forgotten to stay within capacity. */
  public synchronized long evicted() {
    return evicted;
  }

  /** How many requests arrived on a route since the last clear. */
  public synchronized int arrivals(Route route) {
    return arrivals.getOrDefault(route, 0);
  }

  /**
   * Waits until at least {@code count} requests arrived on {@code route}.
   *
   * @return whether they did within the timeout
   */
  public synchronized boolean awaitArrivals(Route route, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + FakeClock.toNanos(timeout);
    while (arrivals(route) < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /**
   * Waits until at least {@code count} requests on {@code route} are finished and kept.
   *
   * @return whether they were within the timeout
   */
  public synchronized boolean awaitRecorded(Route route, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + FakeClock.toNanos(timeout);
    while (entries.stream().filter(r -> r.route() == route).count() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Forgets everything, including the arrival counts (sequence numbers keep rising). */
  public synchronized void clear() {
    entries.clear();
    arrivals.clear();
    evicted = 0;
  }
}
