package dev.apimart.core.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /v1/usage} reported: totals for the period and, when grouped, one {@link Group}
 * per day, model or whatever the grouping named. Failed and refunded tasks are not counted (as the
 * endpoint is described). A figure the answer did not carry is empty, never zero: an absent cost is
 * not a zero cost. Immutable; build one (for tests) with {@link #builder()}.
 */
public final class Usage {

  /** The figures of one group, e.g. one day or one model. */
  public static final class Group {
    private final Map<String, String> keys;
    private final @Nullable BigDecimal cost;
    private final @Nullable BigDecimal credits;
    private final @Nullable Long tasks;
    private final @Nullable Long images;

    /**
     * @param keys what identifies the group, e.g. {@code {"date": "2026-11-02"}} or {@code
     *     {"model": "gpt-image-2"}}, in the answer's order
     * @param cost the spend (USD on ApiMart's pages), when reported
     * @param credits the spend in credits (10 credits = 1 USD on ApiMart's pages), when reported
     * @param tasks counted tasks, when reported
     * @param images counted images, when reported
     */
    public Group(
        Map<String, String> keys,
        @Nullable BigDecimal cost,
        @Nullable BigDecimal credits,
        @Nullable Long tasks,
        @Nullable Long images) {
      this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
      this.cost = cost;
      this.credits = credits;
      this.tasks = tasks;
      this.images = images;
    }

    /** What identifies the group. */
    public Map<String, String> keys() {
      return keys;
    }

    /** One key's value, e.g. {@code key("model")}. */
    public Optional<String> key(String name) {
      return Optional.ofNullable(keys.get(name));
    }

    /** The spend, when reported. */
    public Optional<BigDecimal> cost() {
      return Optional.ofNullable(cost);
    }

    /** The spend in credits, when reported. */
    public Optional<BigDecimal> credits() {
      return Optional.ofNullable(credits);
    }

    /** Counted tasks, when reported. */
    public OptionalLong tasks() {
      return tasks == null ? OptionalLong.empty() : OptionalLong.of(tasks);
    }

    /** Counted images, when reported. */
    public OptionalLong images() {
      return images == null ? OptionalLong.empty() : OptionalLong.of(images);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Group g
          && keys.equals(g.keys)
          && Objects.equals(cost, g.cost)
          && Objects.equals(credits, g.credits)
          && Objects.equals(tasks, g.tasks)
          && Objects.equals(images, g.images);
    }

    @Override
    public int hashCode() {
      return Objects.hash(keys, cost, credits, tasks, images);
    }

    @Override
    public String toString() {
      return "Group" + keys + "[cost=" + cost + ", credits=" + credits + ", tasks=" + tasks + "]";
    }
  }

  private final Group total;
  private final List<Group> groups;
  private final @Nullable String currency;
  private final boolean cached;

  private Usage(Builder b) {
    this.total = Objects.requireNonNull(b.total, "total");
    this.groups = List.copyOf(b.groups);
    this.currency = b.currency;
    this.cached = b.cached;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The totals of the period (its keys are empty). */
  public Group total() {
    return total;
  }

  /** The total spend, when reported. */
  public Optional<BigDecimal> totalCost() {
    return total.cost();
  }

  /** The groups, in the answer's order; empty when not grouped. */
  public List<Group> groups() {
    return groups;
  }

  /** The currency the answer named, when it named one. */
  public Optional<String> currency() {
    return Optional.ofNullable(currency);
  }

  /**
   * Whether the answer came from the service's cache ({@code X-Usage-Cache: HIT}); the endpoint is
   * described as caching answers for 60 seconds, so very recent tasks may be missing.
   */
  public boolean cached() {
    return cached;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Usage u
        && total.equals(u.total)
        && groups.equals(u.groups)
        && Objects.equals(currency, u.currency)
        && cached == u.cached;
  }

  @Override
  public int hashCode() {
    return Objects.hash(total, groups, currency, cached);
  }

  @Override
  public String toString() {
    return "Usage[total=" + total + ", groups=" + groups.size() + (cached ? ", cached" : "") + "]";
  }

  /** Builds a {@link Usage}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Group total;
    private final List<Group> groups = new ArrayList<>();
    private @Nullable String currency;
    private boolean cached;

    private Builder() {}

    /** The totals (required). */
    public Builder total(Group total) {
      this.total = Objects.requireNonNull(total, "total");
      return this;
    }

    /** Adds a group. */
    public Builder addGroup(Group group) {
      groups.add(Objects.requireNonNull(group, "group"));
      return this;
    }

    /** The currency named. */
    public Builder currency(@Nullable String currency) {
      this.currency = currency;
      return this;
    }

    /** Whether it came from the cache. */
    public Builder cached(boolean cached) {
      this.cached = cached;
      return this;
    }

    /** The usage. */
    public Usage build() {
      return new Usage(this);
    }
  }
}
