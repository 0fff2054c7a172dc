package dev.apimart.core.model;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /v1/usage} should report: a period of at most {@value #MAX_DAYS} days (the client
 * checks it before anything is sent), optionally one model, a grouping, the time zone days are
 * counted in, and whether the calling key or the whole account. Immutable; build with {@link
 * #builder()}.
 *
 * <p>The endpoint is known only from third-party notes quoting ApiMart's page (ADR 0016): the
 * parameter names {@code start}, {@code end}, {@code model}, {@code group_by}, {@code tz}, {@code
 * scope} are theirs; the dates are sent as ISO dates ({@code 2026-11-01}), both ends inclusive.
 */
public final class UsageQuery {

  /** The longest period the endpoint reports, in days (both ends included). */
  public static final int MAX_DAYS = 31;

  /** Whose spending: the calling API key's, or the whole account's. */
  public enum Scope {
    /** {@code scope=key}: the calling key only. */
    KEY("key"),
    /** {@code scope=account}: every key of the account. */
    ACCOUNT("account");

    private final String wireValue;

    Scope(String wireValue) {
      this.wireValue = wireValue;
    }

    /** The query parameter's value. */
    public String wireValue() {
      return wireValue;
    }
  }

  /** Grouping by day. */
  public static final String GROUP_BY_DAY = "day";

  /** Grouping by model. */
  public static final String GROUP_BY_MODEL = "model";

  private final LocalDate from;
  private final LocalDate to;
  private final @Nullable String model;
  private final @Nullable String groupBy;
  private final @Nullable ZoneId timeZone;
  private final @Nullable Scope scope;

  private UsageQuery(Builder b) {
    this.from = Objects.requireNonNull(b.from, "from");
    this.to = Objects.requireNonNull(b.to, "to");
    this.model = b.model;
    this.groupBy = b.groupBy;
    this.timeZone = b.timeZone;
    this.scope = b.scope;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The last {@code days} days up to and including {@code today}. */
  public static UsageQuery lastDays(int days, LocalDate today) {
    return builder().from(today.minusDays(days - 1L)).to(today).build();
  }

  /** The first day reported. */
  public LocalDate from() {
    return from;
  }

  /** The last day reported (included). */
  public LocalDate to() {
    return to;
  }

  /** The one model reported, when filtered. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** The grouping ({@code group_by}), e.g. {@link #GROUP_BY_DAY}. */
  public Optional<String> groupBy() {
    return Optional.ofNullable(groupBy);
  }

  /** The time zone days are counted in ({@code tz}). */
  public Optional<ZoneId> timeZone() {
    return Optional.ofNullable(timeZone);
  }

  /** Key or account ({@code scope}); the service's default when empty. */
  public Optional<Scope> scope() {
    return Optional.ofNullable(scope);
  }

  /** How many days the period covers, both ends included. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UsageQuery q
        && from.equals(q.from)
        && to.equals(q.to)
        && Objects.equals(model, q.model)
        && Objects.equals(groupBy, q.groupBy)
        && Objects.equals(timeZone, q.timeZone)
        && scope == q.scope;
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, model, groupBy, timeZone, scope);
  }

  @Override
  public String toString() {
    return "UsageQuery["
        + from
        + ".."
        + to
        + (model == null ? "" : ", model=" + model)
        + (groupBy == null ? "" : ", groupBy=" + groupBy)
        + (timeZone == null ? "" : ", tz=" + timeZone)
        + (scope == null ? "" : ", scope=" + scope.wireValue())
        + "]";
  }

  /** Builds a {@link UsageQuery}; {@link #build()} checks the period. Not thread-safe. */
  public static final class Builder {
    private @Nullable LocalDate from;
    private @Nullable LocalDate to;
    private @Nullable String model;
    private @Nullable String groupBy;
    private @Nullable ZoneId timeZone;
    private @Nullable Scope scope;

    private Builder() {}

    /** The first day (required). */
    public Builder from(LocalDate from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    /** The last day, included (required). */
    public Builder to(LocalDate to) {
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    /** Only this model. */
    public Builder model(@Nullable ImageModel model) {
      this.model = model == null ? null : model.id();
      return this;
    }

    /** Only this model, by its wire name. */
    public Builder model(@Nullable String model) {
      this.model = model == null || model.isBlank() ? null : model.strip();
      return this;
    }

    /** Group the figures, e.g. {@link #GROUP_BY_DAY} or {@link #GROUP_BY_MODEL}. */
    public Builder groupBy(@Nullable String groupBy) {
      this.groupBy =
          groupBy == null || groupBy.isBlank() ? null : groupBy.strip().toLowerCase(Locale.ROOT);
      return this;
    }

    /** Count days in this time zone (sent as its IANA id). */
    public Builder timeZone(@Nullable ZoneId timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    /** The calling key, or the whole account. */
    public Builder scope(@Nullable Scope scope) {
      this.scope = scope;
      return this;
    }

    /**
     * The query. The period's length (at most {@value #MAX_DAYS} days) and direction are checked by
     * the client before anything is sent ({@code InvalidRequestException}), not here.
     *
     * @throws IllegalStateException when a day is missing
     */
    public UsageQuery build() {
      if (from == null || to == null) {
        throw new IllegalStateException(
            "a usage query needs both from(...) and to(...): the first and last day");
      }
      return new UsageQuery(this);
    }
  }
}
