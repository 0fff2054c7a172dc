package dev.apimart.testkit;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A rate limit the fake enforces, as a throttled API key meets it: requests on the limited routes
 * (by default submissions only) beyond {@code perSecond} are answered {@code 429} with the
 * service's error envelope and a {@code Retry-After} in whole seconds (at least 1) — the time until
 * the next request would be accepted, rounded up. Refused requests have no effect and do not count
 * against the limit.
 *
 * <pre>{@code
 * FakeApiMart fake = FakeApiMart.builder().rateLimit(RateLimit.perSecond(10)).start();
 * fake.limitRate(RateLimit.perSecond(2).withBurst(1));          // or later, at run time
 * long refused = fake.rateLimitedRequests();
 * }</pre>
 *
 * <p>It is a token bucket: {@code burst} requests may come at once (default: one second's worth),
 * and the bucket refills at {@code perSecond}. Seconds are the fake's: in virtual time the limit
 * refills only as {@link FakeApiMart#advance} moves the clock; in real time at speed {@code s} it
 * allows {@code perSecond × s} per real second. A request hit by a {@link Fault} is answered by the
 * fault and not counted. Immutable.
 */
public final class RateLimit {

  private final double perSecond;
  private final int burst;
  private final Set<Route> routes;

  private RateLimit(double perSecond, int burst, Set<Route> routes) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.routes = routes;
  }

  /**
   * At most {@code perSecond} submissions per second of the fake's time (a fraction such as 0.5 for
   * one every two seconds), with a burst of one second's worth.
   */
  public static RateLimit perSecond(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be positive and finite, got " + perSecond);
    }
    int burst = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond)));
    return new RateLimit(perSecond, burst, Set.of(Route.SUBMIT_GENERATION));
  }

  /** The same limit allowing {@code burst} requests at once (at least 1). */
  public RateLimit withBurst(int burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    }
    return new RateLimit(perSecond, burst, routes);
  }

  /** The same limit counting requests on these routes together (default: submissions only). */
  public RateLimit on(Route... routes) {
    Objects.requireNonNull(routes, "routes");
    if (routes.length == 0) {
      throw new IllegalArgumentException("routes must name at least one route");
    }
    Set<Route> set = EnumSet.noneOf(Route.class);
    set.addAll(Arrays.asList(routes));
    return new RateLimit(perSecond, burst, Collections.unmodifiableSet(set));
  }

  /** Requests per second of the fake's time. */
  public double perSecond() {
    return perSecond;
  }

  /** Requests that may come at once. */
  public int burst() {
    return burst;
  }

  /** The routes it counts. */
  public Set<Route> routes() {
    return routes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit r
        && Double.compare(perSecond, r.perSecond) == 0
        && burst == r.burst
        && routes.equals(r.routes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(perSecond, burst, routes);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RateLimit[%s/s, burst %d, on %s]", perSecond, burst, routes);
  }
}
