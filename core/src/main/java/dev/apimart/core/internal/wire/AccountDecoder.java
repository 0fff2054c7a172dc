package dev.apimart.core.internal.wire;

import dev.apimart.core.model.Balance;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.model.Usage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the account's answers: balance ({@code GET /v1/balance}, {@code /v1/user/balance}), usage
 * ({@code GET /v1/usage}) and image upload ({@code POST /v1/uploads/images}).
 */
final class AccountDecoder {

  private static final Set<String> METRICS =
      Set.of(
          "cost",
          "total_cost",
          "amount",
          "credits_cost",
          "credits",
          "total_credits",
          "tasks",
          "task_count",
          "count",
          "images",
          "image_count");

  private final Clock clock;

  /**
   * @param clock dates an upload whose answer does not say when it was made
   */
  AccountDecoder(Clock clock) {
    this.clock = clock;
  }

  Balance readBalance(JsonNode root, Answer answer) {
    JsonNode source = root;
    if (!root.has("remain_balance") && root.get("data") != null && root.get("data").isObject()) {
      source = root.get("data");
    }
    JsonNode unlimitedNode = source.get("unlimited_quota");
    Boolean unlimitedFlag =
        unlimitedNode != null && unlimitedNode.isBoolean() ? unlimitedNode.booleanValue() : null;
    BigDecimal remaining = JsonValues.decimal(source.get("remain_balance"));
    BigDecimal used = JsonValues.decimal(source.get("used_balance"));
    if (used == null) {
      throw answer.problem("it has no numeric used_balance", null);
    }
    boolean unlimited =
        Boolean.TRUE.equals(unlimitedFlag)
            || (unlimitedFlag == null
                && remaining != null
                && remaining.compareTo(BigDecimal.ONE.negate()) == 0);
    if (unlimited) {
      return Balance.unlimited(used);
    }
    if (remaining == null) {
      throw answer.problem("it has no numeric remain_balance", null);
    }
    return Balance.limited(remaining, used);
  }

  /** The usage marked as cached when the answer's {@code X-Usage-Cache} header says {@code HIT}. */
  static Usage withCacheMark(Usage usage, @Nullable Map<String, List<String>> headers) {
    List<String> cache = headers == null ? null : headerValues(headers, "x-usage-cache");
    boolean hit = cache != null && cache.stream().anyMatch(v -> v.strip().equalsIgnoreCase("hit"));
    if (!hit) {
      return usage;
    }
    Usage.Builder b =
        Usage.builder().total(usage.total()).currency(usage.currency().orElse(null)).cached(true);
    usage.groups().forEach(b::addGroup);
    return b.build();
  }

  private static @Nullable List<String> headerValues(
      Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  Usage readUsage(JsonNode root, Answer answer) {
    JsonNode totalNode = root.get("total");
    JsonNode data = root.get("data");
    JsonNode totalSource;
    if (totalNode != null && totalNode.isObject()) {
      totalSource = totalNode;
    } else if (data != null && data.isObject()) {
      totalSource =
          data.get("total") != null && data.get("total").isObject() ? data.get("total") : data;
    } else {
      totalSource = root;
    }
    JsonNode groupsNode = null;
    for (JsonNode candidate :
        new JsonNode[] {
          data, root.get("groups"), root.get("items"), data == null ? null : data.get("groups")
        }) {
      if (candidate != null && candidate.isArray()) {
        groupsNode = candidate;
        break;
      }
    }
    Usage.Group total = group(totalSource, false);
    Usage.Builder b = Usage.builder().total(total);
    if (groupsNode != null) {
      for (JsonNode entry : groupsNode) {
        if (entry != null && entry.isObject()) {
          b.addGroup(group(entry, true));
        }
      }
    }
    boolean any =
        total.cost().isPresent()
            || total.credits().isPresent()
            || total.tasks().isPresent()
            || total.images().isPresent()
            || groupsNode != null;
    if (!any) {
      throw answer.problem("it carries no usage figures", null);
    }
    String currency = JsonValues.text(root, "currency");
    return b.currency(currency).build();
  }

  private static Usage.Group group(JsonNode node, boolean withKeys) {
    LinkedHashMap<String, String> keys = new LinkedHashMap<>();
    if (withKeys) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        JsonNode value = field.getValue();
        if (!METRICS.contains(field.getKey()) && value != null && value.isString()) {
          keys.put(field.getKey(), value.stringValue());
        }
      }
    }
    BigDecimal cost = firstDecimal(node, "cost", "total_cost", "amount");
    BigDecimal credits = firstDecimal(node, "credits_cost", "credits", "total_credits");
    BigDecimal tasks = firstDecimal(node, "tasks", "task_count", "count");
    BigDecimal images = firstDecimal(node, "images", "image_count");
    return new Usage.Group(
        keys,
        cost,
        credits,
        tasks == null ? null : JsonValues.wholeValue(tasks),
        images == null ? null : JsonValues.wholeValue(images));
  }

  private static @Nullable BigDecimal firstDecimal(JsonNode node, String... names) {
    for (String name : names) {
      BigDecimal value = JsonValues.decimal(node.get(name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  UploadedImage readUpload(JsonNode root, Answer answer) {
    JsonNode source = root;
    if (!root.has("url") && root.get("data") != null && root.get("data").isObject()) {
      source = root.get("data");
    }
    String url = JsonValues.text(source, "url");
    if (url == null) {
      throw answer.problem("it has no \"url\"", null);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw answer.problem("its \"url\" is not a URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || !(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null) {
      throw answer.problem("its \"url\" is not an absolute http(s) URL", null);
    }
    Instant created = JsonValues.epochSeconds(source.get("created_at"));
    Instant expires = JsonValues.epochSeconds(source.get("expires_at"));
    BigDecimal size = JsonValues.decimal(source.get("bytes"));
    Long bytes = size == null ? null : JsonValues.wholeValue(size);
    String type = JsonValues.text(source, "content_type");
    return UploadedImage.builder()
        .url(uri)
        .createdAt(created == null ? clock.instant() : created)
        .expiresAt(expires)
        .bytes(bytes == null || bytes < 0 ? 0 : bytes)
        .contentType(type == null ? "application/octet-stream" : type)
        .fileName(JsonValues.text(source, "filename"))
        .build();
  }
}
