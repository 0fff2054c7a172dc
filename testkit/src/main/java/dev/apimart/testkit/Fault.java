package dev.apimart.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Something going wrong on the way: an error status, a late or slow answer, a dropped connection, a
 * body that is not what the client expects. {@link FakeApiMart#inject(Fault)} arms it; by default
 * it hits the next request on any route, once.
 *
 * <pre>{@code
 * fake.inject(Fault.status(429).withRetryAfter(Duration.ofSeconds(2)));           // next request
 * fake.inject(Fault.status(503).on(Route.GET_TASK).times(2));                      // next 2 polls
 * fake.inject(Fault.dropConnectionAfterProcessing().on(Route.SUBMIT_GENERATION));  // outcome unknown
 * fake.inject(Fault.missingImageFile().on(Route.IMAGE_FILE).always());
 * }</pre>
 *
 * <p>Faults that replace the answer (status, malformed JSON, HTML page, missing file, raw response,
 * dropped connection) take effect before the key is checked and have no side effect: no task is
 * created, nothing is billed. {@link #dropConnectionAfterProcessing()}, {@link #truncatedBody()},
 * {@link #slowBody(Duration)} and {@link #delay(Duration)} let the request be processed normally.
 * Delays are real time, not fake time: they exist to exercise client timeouts. Immutable.
 */
public final class Fault {

  /** What the fault does. */
  public enum Kind {
    /** Answers with an HTTP status and the service's error envelope. */
    STATUS,
    /** Waits, then processes the request normally. */
    DELAY,
    /** Closes the connection without any answer; the request is not processed. */
    DROP_CONNECTION,
    /** Processes the request (a task is created) and then closes the connection unanswered. */
    DROP_CONNECTION_AFTER_PROCESSING,
    /** Answers 200 with a JSON body cut off in the middle. */
    MALFORMED_JSON,
    /** Answers with a proxy's HTML error page instead of JSON. */
    HTML_ERROR_PAGE,
    /** Answers 404 as a CDN does for a file that is gone. */
    MISSING_IMAGE_FILE,
    /** Processes the request and sends half of the answer's body, then closes the connection. */
    TRUNCATED_BODY,
    /** Processes the request and trickles the answer's body out over a while. */
    SLOW_BODY,
    /** Answers with exactly the given status, content type and body. */
    RESPONSE
  }

  private static final int ALWAYS = -1;

  /** IMF-fixdate (RFC 9110), e.g. {@code Sun, 01 Mar 2026 10:00:05 GMT}. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final Kind kind;
  private final int status;
  private final @Nullable String message;
  private final @Nullable String retryAfter;
  private final Duration delay;
  private final Duration bodyDuration;
  private final @Nullable String contentType;
  private final @Nullable String body;
  private final Set<Route> routes;
  private final int times;

  private Fault(
      Kind kind,
      int status,
      @Nullable String message,
      @Nullable String retryAfter,
      Duration delay,
      Duration bodyDuration,
      @Nullable String contentType,
      @Nullable String body,
      Set<Route> routes,
      int times) {
    this.kind = kind;
    this.status = status;
    this.message = message;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.bodyDuration = bodyDuration;
    this.contentType = contentType;
    this.body = body;
    this.routes = routes;
    this.times = times;
  }

  private static Fault of(Kind kind, int status) {
    return new Fault(
        kind, status, null, null, Duration.ZERO, Duration.ZERO, null, null, Set.of(), 1);
  }

  /**
   * Answers with an error status (400–599) in the service's envelope, e.g. 429, 500 or 503.
   *
   * @see #withRetryAfter(Duration)
   * @see #withMessage(String)
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "status must be an error status 400-599, got "
              + status
              + "; use response(...) for others");
    }
    return of(Kind.STATUS, status);
  }

  /** Waits this long (real time), then answers normally: for exercising client timeouts. */
  public static Fault delay(Duration delay) {
    return of(Kind.DELAY, 200).delayedBy(delay);
  }

  /** Closes the connection without answering; the request has no effect. */
  public static Fault dropConnection() {
    return of(Kind.DROP_CONNECTION, 0);
  }

  /**
   * Processes the request — a submission creates (and later bills) its task — and then closes the
   * connection without answering: the client cannot know whether its request took effect.
   */
  public static Fault dropConnectionAfterProcessing() {
    return of(Kind.DROP_CONNECTION_AFTER_PROCESSING, 0);
  }

  /** Answers 200 with {@code application/json} that is cut off mid-document. */
  public static Fault malformedJson() {
    return of(Kind.MALFORMED_JSON, 200);
  }

  /** Answers with a reverse proxy's HTML error page (status 400–599), as gateways do. */
  public static Fault htmlErrorPage(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400-599, got " + status);
    }
    return of(Kind.HTML_ERROR_PAGE, status);
  }

  /** Answers 404 with a CDN's XML error, as for an image file that is gone. */
  public static Fault missingImageFile() {
    return of(Kind.MISSING_IMAGE_FILE, 404);
  }

  /**
   * Processes the request and announces the full {@code Content-Length}, but sends only half of the
   * body before closing the connection.
   */
  public static Fault truncatedBody() {
    return of(Kind.TRUNCATED_BODY, 200);
  }

  /**
   * Processes the request, sends the headers at once and trickles the body out in small pieces over
   * {@code total} (real time).
   */
  public static Fault slowBody(Duration total) {
    requireNonNegative(total, "total");
    return new Fault(
        Kind.SLOW_BODY, 200, null, null, Duration.ZERO, total, null, null, Set.of(), 1);
  }

  /** Answers with exactly this status (200–599), content type and UTF-8 body. */
  public static Fault response(int status, String contentType, String body) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200-599, got " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    return new Fault(
        Kind.RESPONSE,
        status,
        null,
        null,
        Duration.ZERO,
        Duration.ZERO,
        contentType,
        body,
        Set.of(),
        1);
  }

  /** The same fault with the error message in the envelope replaced ({@link #status} only). */
  public Fault withMessage(String message) {
    Objects.requireNonNull(message, "message");
    if (kind != Kind.STATUS) {
      throw new IllegalStateException("only a status fault has an error message, this is " + kind);
    }
    return new Fault(
        kind, status, message, retryAfter, delay, bodyDuration, contentType, body, routes, times);
  }

  /** The same fault with a {@code Retry-After} header in seconds (rounded up). */
  public Fault withRetryAfter(Duration retryAfter) {
    requireNonNegative(retryAfter, "retryAfter");
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return withRetryAfterHeader(Long.toString(seconds));
  }

  /** The same fault with a {@code Retry-After} header holding an HTTP date (IMF-fixdate). */
  public Fault withRetryAfter(Instant retryAt) {
    Objects.requireNonNull(retryAt, "retryAt");
    return withRetryAfterHeader(HTTP_DATE.format(retryAt));
  }

  private Fault withRetryAfterHeader(String value) {
    if (kind != Kind.STATUS && kind != Kind.HTML_ERROR_PAGE && kind != Kind.RESPONSE) {
      throw new IllegalStateException("Retry-After goes with an answered status, not with " + kind);
    }
    return new Fault(
        kind, status, message, value, delay, bodyDuration, contentType, body, routes, times);
  }

  /** The same fault, answered only after waiting {@code delay} (real time). */
  public Fault delayedBy(Duration delay) {
    requireNonNegative(delay, "delay");
    return new Fault(
        kind, status, message, retryAfter, delay, bodyDuration, contentType, body, routes, times);
  }

  /** The same fault, hitting only requests on these routes (by default: any route). */
  public Fault on(Route... routes) {
    Objects.requireNonNull(routes, "routes");
    if (routes.length == 0) {
      throw new IllegalArgumentException("routes must name at least one route");
    }
    Set<Route> set = EnumSet.noneOf(Route.class);
    set.addAll(Arrays.asList(routes));
    return new Fault(
        kind,
        status,
        message,
        retryAfter,
        delay,
        bodyDuration,
        contentType,
        body,
        Collections.unmodifiableSet(set),
        times);
  }

  /** The same fault, hitting the next {@code times} matching requests (by default: one). */
  public Fault times(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    return new Fault(
        kind, status, message, retryAfter, delay, bodyDuration, contentType, body, routes, times);
  }

  /** The same fault, hitting every matching request until {@link FakeApiMart#clearFaults()}. */
  public Fault always() {
    return new Fault(
        kind, status, message, retryAfter, delay, bodyDuration, contentType, body, routes, ALWAYS);
  }

  /** What the fault does. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status it answers with; 0 when it answers nothing, 200 when the answer is normal. */
  public int status() {
    return status;
  }

  /** The envelope message of a status fault, when replaced. */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /** The {@code Retry-After} header value, when set. */
  public Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** How long to wait before answering. */
  public Duration delay() {
    return delay;
  }

  /** Over how long a {@link Kind#SLOW_BODY} body is sent. */
  public Duration bodyDuration() {
    return bodyDuration;
  }

  /** The content type of a {@link Kind#RESPONSE}. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The body of a {@link Kind#RESPONSE}. */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /** The routes it hits; empty means any route. */
  public Set<Route> routes() {
    return routes;
  }

  /** Whether it hits a request on this route. */
  public boolean appliesTo(Route route) {
    return routes.isEmpty() || routes.contains(route);
  }

  /** How many requests it hits, or empty when it hits every matching request. */
  public Optional<Integer> times() {
    return times == ALWAYS ? Optional.empty() : Optional.of(times);
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Fault f
        && kind == f.kind
        && status == f.status
        && Objects.equals(message, f.message)
        && Objects.equals(retryAfter, f.retryAfter)
        && delay.equals(f.delay)
        && bodyDuration.equals(f.bodyDuration)
        && Objects.equals(contentType, f.contentType)
        && Objects.equals(body, f.body)
        && routes.equals(f.routes)
        && times == f.times;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind, status, message, retryAfter, delay, bodyDuration, contentType, body, routes, times);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Fault[").append(kind);
    if (kind == Kind.STATUS || kind == Kind.HTML_ERROR_PAGE || kind == Kind.RESPONSE) {
      s.append(' ').append(status);
    }
    if (retryAfter != null) {
      s.append(", Retry-After: ").append(retryAfter);
    }
    if (!delay.isZero()) {
      s.append(", delayed ").append(delay);
    }
    if (kind == Kind.SLOW_BODY) {
      s.append(" over ").append(bodyDuration);
    }
    s.append(", on ").append(routes.isEmpty() ? "any route" : routes.toString());
    s.append(times == ALWAYS ? ", always" : ", " + times + "x");
    return s.append(']').toString();
  }
}
