package dev.apimart.core.internal.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Seeded generators for the wire fuzz tests: JSON that ApiMart could send (valid answers whose
 * meaning is known, error envelopes), JSON it should not (wrong types, random trees), mutations of
 * both (cut, flipped, spliced), non-JSON bodies and raw bytes, statuses and headers. The same seed
 * always gives the same input, so a failure is reproduced from its seed.
 *
 * <p>Written for this project instead of using jqwik: jqwik's engine (1.10.x, the latest) is built
 * on JUnit Platform 1.x and does not run on the JUnit Platform 6 this build uses.
 */
final class FuzzInputs {

  /** Text shaped like an API key; bodies carry it so that redaction can be checked. */
  static final String SECRET = "sk-FUZZSECRET0123456789abcdef";

  /** Documented task statuses (api-contract.md §2). */
  static final List<String> STATUSES =
      List.of("pending", "processing", "completed", "failed", "cancelled");

  private static final List<String> KEYS =
      List.of(
          "code",
          "data",
          "error",
          "message",
          "msg",
          "type",
          "status",
          "task_id",
          "id",
          "progress",
          "result",
          "images",
          "url",
          "expires_at",
          "created",
          "completed",
          "estimated_time",
          "actual_time",
          "success",
          "remain_balance",
          "used_balance",
          "unlimited_quota",
          "detail");

  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "-0",
    "1e999",
    "-1e-999",
    "0x1F",
    "NaN",
    "Infinity",
    "\\u0000",
    "\\ud800",
    "\\",
    "/*",
    "\u0000",
    "\uFEFF",
    "9".repeat(300),
    "\"\\uDFFF\"",
    "[[[[[[[[",
    "]]]]",
    "{\"a\":",
    "\"code\":",
    "\"data\":",
    "\"url\":"
  };

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  final SplittableRandom random;

  FuzzInputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  // ---------------------------------------------------------------- primitives

  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  @SafeVarargs
  final <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  /** Text of up to {@code max} characters: ASCII, CJK, emoji, controls, quotes and backslashes. */
  String text(int max) {
    int length = between(0, max);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(10)) {
        case 0 -> s.appendCodePoint(between(0x4E00, 0x9FFF));
        case 1 -> s.appendCodePoint(between(0x1F300, 0x1FAFF));
        case 2 -> s.append(pick('"', '\\', '/', '\n', '\t', '\u0001', '\u2028', '<', '>', '&'));
        default -> s.append((char) between(0x20, 0x7E));
      }
    }
    return s.toString();
  }

  /** Plain words, for texts whose exact value is checked (no secrets, no escapes needed). */
  String words(int maxWords) {
    int n = between(1, maxWords);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(pick("image", "prompt", "refused", "quota", "模型", "失败", "server", "busy", "ok"));
      s.append(between(0, 99));
    }
    return s.toString();
  }

  /** A task id the SDK accepts: {@code [A-Za-z0-9_.:-]{1,128}}. */
  String safeId() {
    String alphabet = "ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";
    int length = chance(0.8) ? between(8, 40) : between(1, 128);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** A public https image URL, sometimes signed with a query. */
  String imageUrl() {
    String url =
        pick("https://", "http://", "HTTPS://")
            + pick(
                "cdn.apimart.ai", "upload.example.com", "img-01.example.org:8443", "[2001:db8::7]")
            + "/"
            + safeId()
            + pick(".png", ".jpg", "", "/image.webp");
    return chance(0.5)
        ? url + "?X-Amz-Signature=" + safeId() + "&expires=" + between(0, 9999)
        : url;
  }

  static String quote(String text) {
    StringBuilder s = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  /** Whitespace JSON allows between tokens, sometimes none. */
  String ws() {
    return chance(0.7) ? "" : pick(" ", "\n", "\t", "  ", "\r\n ");
  }

  /** A JSON object from ordered members, with optional whitespace and unknown extra members. */
  String object(Map<String, String> members, boolean extras) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(members.entrySet());
    if (extras && chance(0.5)) {
      int n = between(1, 3);
      for (int i = 0; i < n; i++) {
        entries.add(
            between(0, entries.size()),
            Map.entry("x_" + safeId().replace(':', '_'), randomJson(2)));
      }
    }
    StringBuilder s = new StringBuilder("{").append(ws());
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        s.append(',').append(ws());
      }
      s.append(quote(entries.get(i).getKey())).append(ws()).append(':').append(ws());
      s.append(entries.get(i).getValue());
    }
    return s.append(ws()).append('}').toString();
  }

  /** Any JSON value, nested up to {@code depth}, with keys the SDK looks for among others. */
  String randomJson(int depth) {
    int kind = random.nextInt(depth <= 0 ? 6 : 8);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> pick("true", "false");
      case 2 -> number();
      case 3, 4 -> quote(chance(0.3) ? pick(STATUSES) : text(20));
      case 5 ->
          quote(pick(imageUrl(), "ftp://x/y", "/relative.png", "", " ", "javascript:alert(1)"));
      case 6 -> {
        int n = between(0, 4);
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
          s.append(i > 0 ? "," : "").append(randomJson(depth - 1));
        }
        yield s.append(']').toString();
      }
      default -> {
        Map<String, String> members = new LinkedHashMap<>();
        int n = between(0, 5);
        for (int i = 0; i < n; i++) {
          members.put(chance(0.7) ? pick(KEYS) : text(8), randomJson(depth - 1));
        }
        yield object(members, false);
      }
    };
  }

  /** A number as JSON: small, large, negative, fractional, exponent, or a numeric string. */
  String number() {
    return switch (random.nextInt(9)) {
      case 0 -> Integer.toString(between(-5, 105));
      case 1 -> Long.toString(random.nextLong());
      case 2 -> String.format(Locale.ROOT, "%.3f", random.nextDouble() * 1000 - 100);
      case 3 -> between(1, 9) + "e" + between(-400, 400);
      case 4 -> "9".repeat(between(15, 199));
      case 5 -> quote(Integer.toString(between(0, 200)));
      case 6 -> quote(pick("12.5", "-1", "abc", "", "1e3", " 7 "));
      case 7 ->
          Long.toString(
              Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + between(-1000, 1000));
      default -> "0";
    };
  }

  /** A body mutated one to three times: cut, a byte changed, a range dropped or doubled, junk. */
  byte[] mutate(byte[] body) {
    byte[] out = body;
    int n = between(1, 3);
    for (int i = 0; i < n; i++) {
      out = mutateOnce(out);
    }
    return out;
  }

  private byte[] mutateOnce(byte[] body) {
    if (body.length == 0) {
      return pick(TOKENS).getBytes(StandardCharsets.UTF_8);
    }
    int at = random.nextInt(body.length);
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] cut = new byte[at];
        System.arraycopy(body, 0, cut, 0, at);
        return cut;
      }
      case 1 -> {
        byte[] copy = body.clone();
        copy[at] = (byte) random.nextInt(256);
        return copy;
      }
      case 2 -> {
        int end = Math.min(body.length, at + between(1, 16));
        return splice(body, at, end, new byte[0]);
      }
      case 3 -> {
        int end = Math.min(body.length, at + between(1, 32));
        byte[] range = new byte[end - at];
        System.arraycopy(body, at, range, 0, range.length);
        return splice(body, at, at, range);
      }
      case 4 -> {
        return splice(body, at, at, pick(TOKENS).getBytes(StandardCharsets.UTF_8));
      }
      default -> {
        byte[] junk = new byte[between(1, 4)];
        for (int i = 0; i < junk.length; i++) {
          junk[i] =
              (byte) (int) pick(0xC0, 0xC1, 0xE0, 0xED, 0xF0, 0xF5, 0xFF, 0x80, 0xBF, 0x00, 0x7F);
        }
        return splice(body, at, at, junk);
      }
    }
  }

  private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
    byte[] out = new byte[body.length - (to - from) + insert.length];
    System.arraycopy(body, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(body, to, out, from + insert.length, body.length - to);
    return out;
  }

  /** Raw bytes: noise, a BOM, UTF-16, or a long run. */
  byte[] rawBytes() {
    return switch (random.nextInt(4)) {
      case 0 -> {
        byte[] b = new byte[between(0, 64)];
        random.nextBytes(b);
        yield b;
      }
      case 1 -> ("\uFEFF" + randomJson(2)).getBytes(StandardCharsets.UTF_8);
      case 2 -> randomJson(2).getBytes(StandardCharsets.UTF_16);
      default -> "{\"data\":".repeat(between(1, 200)).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** Bodies that are not JSON: proxy pages, plain text, nothing. */
  byte[] notJson() {
    String body =
        pick(
            "",
            " ",
            "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            "<!DOCTYPE html><html><title>" + text(30) + "</title></html>",
            "Service Unavailable",
            "upstream connect error or disconnect/reset before headers",
            "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>",
            text(200));
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** An HTTP status: mostly 200, else any class, a few impossible ones. */
  int status() {
    if (chance(0.6)) {
      return 200;
    }
    return pick(
        0, 100, 201, 202, 204, 206, 299, 301, 302, 304, 400, 401, 402, 403, 404, 405, 408, 409, 413,
        418, 422, 429, 451, 499, 500, 501, 502, 503, 504, 507, 520, 599, 600, 999, -1);
  }

  /** An error status the service documents, or one it does not. */
  int errorStatus() {
    return pick(
        400, 401, 402, 403, 404, 422, 429, 500, 502, 503, 504, 405, 409, 418, 451, 599, 301);
  }

  /** Response headers: none, or a {@code Retry-After} in any shape and case, and others. */
  Map<String, List<String>> headers(Instant now) {
    Map<String, List<String>> headers = new TreeMap<>();
    if (chance(0.3)) {
      return headers;
    }
    headers.put(
        pick("Content-Type", "content-type"), List.of(pick("application/json", "text/html")));
    if (chance(0.6)) {
      headers.put(pick("Retry-After", "retry-after", "RETRY-AFTER"), List.of(retryAfterValue(now)));
    }
    return headers;
  }

  String retryAfterValue(Instant now) {
    return switch (random.nextInt(8)) {
      case 0, 1 -> Integer.toString(between(0, 120));
      case 2 -> between(0, 9) + "." + between(0, 999);
      case 3 -> HTTP_DATE.format(now.plusSeconds(between(-3600, 3600)));
      case 4 -> "9".repeat(between(19, 60));
      case 5 -> pick("-5", "", " ", "soon", "1e3", "Wed, 31 Feb 2026 25:61:00 GMT", "NaN");
      case 6 -> " " + between(0, 60) + " ";
      default -> text(10);
    };
  }

  // ---------------------------------------------------------------- answers whose meaning is known

  /** A task answer and what it means. */
  record TaskAnswer(
      String body,
      String id,
      String rawStatus,
      @Nullable Integer progress,
      List<String> imageUrls,
      @Nullable Long expiresAt,
      @Nullable Long created,
      @Nullable Long completed,
      @Nullable Long estimated,
      @Nullable String errorCode,
      @Nullable String errorMessage) {}

  TaskAnswer task() {
    String id = safeId();
    boolean known = chance(0.85);
    String status = known ? pick(STATUSES) : "x_" + safeId().replace(':', '_');
    Map<String, String> data = new LinkedHashMap<>();
    data.put(chance(0.8) ? "id" : "task_id", quote(id));
    data.put("status", quote(status));
    Integer progress = null;
    if (chance(0.8)) {
      progress = chance(0.8) ? between(0, 100) : between(-50, 250);
      data.put("progress", chance(0.8) ? progress.toString() : quote(progress.toString()));
    }
    long base = Instant.parse("2026-06-01T00:00:00Z").getEpochSecond() + between(0, 100_000);
    Long created = chance(0.8) ? base : null;
    if (created != null) {
      data.put("created", created.toString());
    }
    Long estimated = chance(0.7) ? (long) between(0, 600) : null;
    if (estimated != null) {
      data.put("estimated_time", estimated.toString());
    }
    List<String> urls = new ArrayList<>();
    Long expiresAt = null;
    Long completed = null;
    String errorCode = null;
    String errorMessage = null;
    if (status.equals("completed")) {
      completed = base + between(1, 90);
      data.put("completed", completed.toString());
      data.put("actual_time", Long.toString(completed - base));
      expiresAt = chance(0.8) ? completed + 86_400 : null;
      int images = between(1, 6);
      boolean asArray = chance(0.5);
      StringBuilder list = new StringBuilder("[");
      for (int i = 0; i < images; i++) {
        String url = imageUrl();
        urls.add(url);
        Map<String, String> image = new LinkedHashMap<>();
        image.put("url", asArray ? "[" + quote(url) + "]" : quote(url));
        if (expiresAt != null) {
          image.put("expires_at", expiresAt.toString());
        }
        list.append(i > 0 ? "," : "").append(object(image, true));
      }
      list.append(']');
      data.put("result", object(Map.of("images", list.toString()), true));
    } else if (status.equals("failed")) {
      errorCode = chance(0.5) ? pick("content_policy_violation", "timeout", "500") : null;
      errorMessage = words(6);
      Map<String, String> error = new LinkedHashMap<>();
      if (errorCode != null) {
        error.put("code", errorCode.equals("500") ? "500" : quote(errorCode));
      }
      error.put("message", quote(errorMessage));
      data.put("error", object(error, false));
    }
    String dataJson = object(data, true);
    Map<String, String> envelope = new LinkedHashMap<>();
    if (chance(0.8)) {
      envelope.put("code", "200");
    }
    envelope.put("data", chance(0.8) ? dataJson : "[" + dataJson + "]");
    return new TaskAnswer(
        object(envelope, true),
        id,
        status,
        progress,
        urls,
        expiresAt,
        created,
        completed,
        estimated,
        errorCode,
        errorMessage);
  }

  /** A submission answer and the task id it carries. */
  record SubmissionAnswer(String body, String taskId) {}

  SubmissionAnswer submission() {
    String id = safeId();
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("status", quote("submitted"));
    entry.put(chance(0.85) ? "task_id" : "id", quote(id));
    String entryJson = object(entry, true);
    Map<String, String> envelope = new LinkedHashMap<>();
    envelope.put("code", "200");
    envelope.put("data", chance(0.8) ? "[" + entryJson + "]" : entryJson);
    return new SubmissionAnswer(object(envelope, true), id);
  }

  /** A balance answer and what it means; amounts are exact decimals. */
  record BalanceAnswer(
      String body,
      java.math.@Nullable BigDecimal remaining,
      java.math.BigDecimal used,
      boolean unlimited) {}

  BalanceAnswer balance() {
    boolean unlimited = chance(0.2);
    java.math.BigDecimal used = decimal();
    java.math.BigDecimal remaining = unlimited ? null : decimal();
    Map<String, String> members = new LinkedHashMap<>();
    members.put("success", "true");
    members.put("remain_balance", unlimited ? "-1" : amount(remaining));
    members.put("used_balance", amount(used));
    if (!unlimited || chance(0.7)) {
      members.put("unlimited_quota", Boolean.toString(unlimited));
    }
    return new BalanceAnswer(object(members, true), remaining, used, unlimited);
  }

  private java.math.BigDecimal decimal() {
    return java.math.BigDecimal.valueOf(random.nextLong(0, 10_000_000_000L), between(0, 6));
  }

  private String amount(java.math.BigDecimal value) {
    return chance(0.8) ? value.toPlainString() : quote(value.toPlainString());
  }

  /** An error envelope ({@code {"error":{…}}} or flat) and what it says. */
  record ErrorAnswer(
      String body,
      @Nullable String message,
      @Nullable String type,
      @Nullable String code,
      boolean carriesSecret) {}

  ErrorAnswer error(int code) {
    boolean secret = chance(0.3);
    String message =
        chance(0.9)
            ? (secret
                ? words(3)
                    + " "
                    + pick("Bearer ", "key ", "key=", "token: ")
                    + SECRET
                    + " "
                    + words(2)
                : words(8))
            : null;
    String type =
        chance(0.7)
            ? pick(
                "invalid_request_error",
                "authentication_error",
                "rate_limit_error",
                "server_error",
                "new_api_error")
            : null;
    Map<String, String> error = new LinkedHashMap<>();
    if (chance(0.8)) {
      error.put("code", chance(0.7) ? Integer.toString(code) : quote(Integer.toString(code)));
    }
    if (message != null) {
      error.put("message", quote(message));
    }
    if (type != null) {
      error.put("type", quote(type));
    }
    String codeText = error.containsKey("code") ? Integer.toString(code) : null;
    if (error.isEmpty() || chance(0.8)) {
      return new ErrorAnswer(
          object(Map.of("error", object(error, true)), true), message, type, codeText, secret);
    }
    Map<String, String> flat = new LinkedHashMap<>(error);
    if (message != null) {
      flat.remove("message");
      flat.put(pick("message", "msg"), quote(message));
    }
    return new ErrorAnswer(object(flat, true), message, type, codeText, secret);
  }
}
