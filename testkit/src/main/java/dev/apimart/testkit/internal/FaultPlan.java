package dev.apimart.testkit.internal;

import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Route;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The armed faults, in the order they were injected. A request takes the first one aimed at its
 * route; a fault with a count is used up after that many requests. Thread-safe.
 */
public final class FaultPlan {

  private final List<Armed> armed = new ArrayList<>();
  private @Nullable RateLimiter limiter;

  /** Asks this limiter about requests no armed fault hits. */
  public synchronized void useRateLimiter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /** Arms a fault. */
  public synchronized void add(Fault fault) {
    armed.add(new Armed(fault, fault.times().orElse(-1)));
  }

  /** Takes the fault that hits a request on {@code route}, or {@code null} for none. */
  public synchronized @Nullable Fault take(Route route) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if (a.fault.appliesTo(route)) {
        if (a.remaining > 0 && --a.remaining == 0) {
          it.remove();
        }
        return a.fault;
      }
    }
    return limiter == null ? null : limiter.admit(route);
  }

  /** The faults still armed. */
  public synchronized List<Fault> pending() {
    return armed.stream().map(a -> a.fault).toList();
  }

  /** Disarms every fault. */
  public synchronized void clear() {
    armed.clear();
  }

  private static final class Armed {
    final Fault fault;
    int remaining;

    Armed(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }
}
