package dev.apimart.testkit;

import dev.apimart.testkit.internal.RequestLog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every request a {@link FakeApiMart} received, oldest first, with queries that read well in
 * assertions:
 *
 * <pre>{@code
 * assertThat(fake.journal().submissions()).hasSize(1);
 * assertThat(fake.journal().submissions().get(0).jsonBody()).containsEntry("n", 4);
 * assertThat(fake.journal().pollsOf(taskId)).hasSizeBetween(2, 5);
 * fake.journal().assertPolledAtMost(taskId, 5);
 * }</pre>
 *
 * <p>A request is kept once it has been answered (or dropped); the journal keeps the most recent
 * ones up to its capacity ({@link FakeApiMart.Builder#journalCapacity(int)}). Thread-safe: every
 * query returns an immutable snapshot.
 */
public final class Journal {

  private final RequestLog log;
  private final boolean strict;

  Journal(RequestLog log, boolean strict) {
    this.log = log;
    this.strict = strict;
  }

  /** Every kept request, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(log.snapshot());
  }

  /** The kept requests on one route, in arrival order. */
  public List<RecordedRequest> requests(Route route) {
    Objects.requireNonNull(route, "route");
    return log.snapshot().stream().filter(r -> r.route() == route).toList();
  }

  /** The kept {@code POST /v1/images/generations} requests, accepted or not. */
  public List<RecordedRequest> submissions() {
    return requests(Route.SUBMIT_GENERATION);
  }

  /** The kept {@code GET /v1/tasks/{id}} requests, for any task. */
  public List<RecordedRequest> polls() {
    return requests(Route.GET_TASK);
  }

  /** The kept {@code GET /v1/tasks/{id}} requests for one task. */
  public List<RecordedRequest> pollsOf(String taskId) {
    Objects.requireNonNull(taskId, "taskId");
    return log.snapshot().stream()
        .filter(r -> r.route() == Route.GET_TASK && taskId.equals(r.taskId()))
        .toList();
  }

  /**
   * The kept {@code POST /v1/uploads/images} requests. Their {@link RecordedRequest#body()} is a
   * description (file name and size), never the file's bytes.
   */
  public List<RecordedRequest> uploads() {
    return requests(Route.UPLOAD_IMAGE);
  }

  /** The kept {@code GET /v1/usage} requests. */
  public List<RecordedRequest> usageRequests() {
    return requests(Route.GET_USAGE);
  }

  /** The kept submissions that carried this {@code Idempotency-Key}, in arrival order. */
  public List<RecordedRequest> submissionsWithIdempotencyKey(String key) {
    Objects.requireNonNull(key, "key");
    return submissions().stream().filter(r -> key.equals(r.header("idempotency-key"))).toList();
  }

  /**
   * The kept submissions answered with a task an earlier kept submission had already created —
   * repeats the fake recognised by their {@code Idempotency-Key} and did not execute (or bill)
   * again.
   */
  public List<RecordedRequest> idempotentReplays() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.List<RecordedRequest> replays = new java.util.ArrayList<>();
    for (RecordedRequest r : submissions()) {
      String taskId = r.taskId();
      if (taskId != null && !seen.add(taskId)) {
        replays.add(r);
      }
    }
    return List.copyOf(replays);
  }

  /** The kept requests no route matched (answered 404 or 405). */
  public List<RecordedRequest> unmatched() {
    return requests(Route.UNMATCHED);
  }

  /** The most recent kept request. */
  public Optional<RecordedRequest> last() {
    List<RecordedRequest> all = log.snapshot();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * How many requests arrived on a route since the start (or the last {@link #clear()}), including
   * ones still being answered and ones the journal no longer keeps.
   */
  public int received(Route route) {
    return log.arrivals(Objects.requireNonNull(route, "route"));
  }

  /** How many requests were forgotten to stay within capacity. */
  public long evictedCount() {
    return log.evicted();
  }

  /**
   * Waits until {@code count} requests have <em>arrived</em> on a route — also ones still being
   * answered, e.g. held by a {@link Fault#delay(Duration)}.
   *
   * @return whether they did within {@code timeout}
   */
  public boolean awaitReceived(Route route, int count, Duration timeout) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(timeout, "timeout");
    try {
      return log.awaitArrivals(route, count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until {@code count} requests on a route have been answered, for clients that call from
   * other threads.
   *
   * @return those requests
   * @throws AssertionError when they were not answered within {@code timeout}
   */
  public List<RecordedRequest> awaitRequests(Route route, int count, Duration timeout) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(timeout, "timeout");
    boolean done;
    try {
      done = log.awaitRecorded(route, count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      throw new AssertionError(
          "expected "
              + count
              + " answered "
              + route.description()
              + " request(s) within "
              + timeout
              + ", got "
              + requests(route).size()
              + describe(requests()));
    }
    return requests(route);
  }

  /**
   * Fails when a task was polled more than {@code max} times.
   *
   * @throws AssertionError listing the polls
   */
  public void assertPolledAtMost(String taskId, int max) {
    List<RecordedRequest> polls = pollsOf(taskId);
    if (polls.size() > max) {
      throw new AssertionError(
          "expected task "
              + taskId
              + " to be polled at most "
              + max
              + " time(s), was polled "
              + polls.size()
              + " times"
              + describe(polls));
    }
  }

  /**
   * Fails when any request matched no route — a client calling a path or method the service does
   * not have.
   *
   * @throws AssertionError listing those requests
   */
  public void assertNoUnmatchedRequests() {
    List<RecordedRequest> unmatched = unmatched();
    if (!unmatched.isEmpty()) {
      throw new AssertionError(
          "FakeApiMart received "
              + unmatched.size()
              + " request(s) for routes the service does not have"
              + (strict ? " (strict mode)" : "")
              + describe(unmatched));
    }
  }

  /** Forgets every kept request and the arrival counts. */
  public void clear() {
    log.clear();
  }

  private static String describe(List<RecordedRequest> requests) {
    if (requests.isEmpty()) {
      return "";
    }
    return requests.stream()
        .limit(20)
        .map(RecordedRequest::toString)
        .collect(Collectors.joining("\n  ", ":\n  ", requests.size() > 20 ? "\n  …" : ""));
  }

  @Override
  public String toString() {
    return "Journal[" + log.snapshot().size() + " request(s)]";
  }
}
