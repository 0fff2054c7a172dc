package dev.apimart.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The request validator against an independent reference model of the capability table, over 20,000
 * generated requests: for each, the set of fields the validator reports must be exactly the set the
 * model says is wrong, every violation must say something, and the validator never throws.
 *
 * <p>The model is written again here from the documents, not from {@code ImageModel}'s data:
 * api-contract.md §1 (fields per model, the ratios and tiers, prompt ≤ 800 and negative prompt ≤
 * 500 characters, n 1–6, public http(s) image URLs only) and docs/adr/0003 (characters are code
 * points; z-image-turbo takes n = 1 only and no negative prompt or image URLs; prompt_extend only
 * on z-image-turbo; at most 3 reference images; which hosts are not public). The leniency the
 * public API documents is part of the model: model ids and tiers match ignoring case, and
 * surrounding blanks of model, ratio and tier are ignored.
 *
 * <p>Image URLs are drawn from parts whose verdict the ADR states (schemes, host kinds, address
 * ranges). A fully qualified name ({@code localhost.}) is the same host as without its final dot,
 * and an address written in another form than a.b.c.d ({@code 127.1}, {@code 0x7f.0.0.1}, {@code
 * 0177.0.0.1}, {@code 2130706433}) is still that literal address to the resolvers that read it, so
 * neither may slip past the rules. Where the ADR is not specific (documentation and benchmark
 * address ranges, other "0/8" addresses, ports out of range, {@code ;base64,} inside an https URL)
 * nothing is generated.
 */
class RequestValidatorPropertyTest {

  private static final int RUNS = 20_000;
  private static final long SEED = Long.getLong("apimart.fuzz.seed", 20261121L);

  /** One model's row of the table. */
  record Row(
      boolean countOneToSix, boolean negativePrompt, int maxReferenceImages, boolean extend) {}

  static final Map<String, Row> TABLE =
      Map.of(
          "z-image-turbo", new Row(false, false, 0, true),
          "qwen-image-2.0", new Row(true, true, 3, false),
          "qwen-image-2.0-pro", new Row(true, true, 3, false));

  static final Set<String> RATIOS = Set.of("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3");
  static final Set<String> TIERS = Set.of("1K", "2K");
  static final int PROMPT_MAX = 800;
  static final int NEGATIVE_MAX = 500;

  static final List<String> FIELD_ORDER =
      List.of(
          "model",
          "prompt",
          "size",
          "resolution",
          "n",
          "negative_prompt",
          "image_urls",
          "prompt_extend");

  @Test
  void validatorReportsExactlyTheFieldsTheReferenceModelRejects() {
    RequestValidator validator = RequestValidator.instance();
    int valid = 0;
    for (int i = 0; i < RUNS; i++) {
      long seed = SEED * 1_000_003L + i;
      Generated generated = generate(new SplittableRandom(seed));
      Set<String> expected = expectedFields(generated);
      GenerationRequest request = generated.request();
      List<Violation> violations;
      try {
        violations = validator.validate(request);
      } catch (RuntimeException e) {
        throw new AssertionError("validate threw for seed " + seed + ": " + generated, e);
      }
      Set<String> actual = new LinkedHashSet<>();
      violations.forEach(v -> actual.add(v.field()));
      assertThat(actual)
          .as("fields reported for seed %d: %s", seed, generated)
          .containsExactlyInAnyOrderElementsOf(expected);
      for (Violation v : violations) {
        assertThat(v.message()).as("message of %s", v.field()).isNotBlank();
      }
      assertThat(violations.stream().map(v -> rank(v.field())).toList())
          .as("violations in field order")
          .isSorted();
      if (expected.isEmpty()) {
        valid++;
        assertThat(validator.requireValid(request)).isSameAs(request);
      } else {
        try {
          validator.requireValid(request);
          throw new AssertionError("requireValid accepted an invalid request, seed " + seed);
        } catch (InvalidRequestException e) {
          assertThat(e.violations()).isEqualTo(violations);
        }
      }
    }
    // The generator must exercise both sides.
    assertThat(valid).isBetween(RUNS / 20, RUNS - RUNS / 20);
  }

  // ------------------------------------------------------------------------------ the model

  static Set<String> expectedFields(Generated g) {
    Set<String> fields = new LinkedHashSet<>();
    Row row = null;
    if (g.model() == null || g.model().isBlank()) {
      fields.add("model");
    } else {
      row = TABLE.get(g.model().strip().toLowerCase(Locale.ROOT));
    }
    // A model outside the catalog gets only the rules every request shares (ADR 0012): a prompt,
    // n of at least 1, non-blank size and tier, usable reference URLs.
    boolean listed = row != null;
    if (g.prompt() == null
        || g.prompt().trim().isEmpty()
        || (listed && codePoints(g.prompt()) > PROMPT_MAX)) {
      fields.add("prompt");
    }
    if (g.size() != null
        && (g.size().isBlank() || (listed && !RATIOS.contains(g.size().strip())))) {
      fields.add("size");
    }
    if (g.resolution() != null
        && (g.resolution().isBlank()
            || (listed && !TIERS.contains(g.resolution().strip().toUpperCase(Locale.ROOT))))) {
      fields.add("resolution");
    }
    if (g.n() != null
        && (g.n() < 1 || (listed && (g.n() > 6 || (!row.countOneToSix() && g.n() != 1))))) {
      fields.add("n");
    }
    if (g.negativePrompt() != null
        && listed
        && (codePoints(g.negativePrompt()) > NEGATIVE_MAX || !row.negativePrompt())) {
      fields.add("negative_prompt");
    }
    if (Boolean.TRUE.equals(g.promptExtend()) && listed && !row.extend()) {
      fields.add("prompt_extend");
    }
    List<LabeledUrl> urls = g.urls();
    if (!urls.isEmpty()) {
      if (listed && row.maxReferenceImages() == 0) {
        // The model takes no reference images at all: one problem, the URLs themselves are moot.
        fields.add("image_urls");
      } else {
        if (listed && urls.size() > row.maxReferenceImages()) {
          fields.add("image_urls");
        }
        for (int i = 0; i < urls.size(); i++) {
          if (!urls.get(i).usable()) {
            fields.add("image_urls[" + i + "]");
          }
        }
      }
    }
    return fields;
  }

  private static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  private static int rank(String field) {
    int bracket = field.indexOf('[');
    return FIELD_ORDER.indexOf(bracket < 0 ? field : field.substring(0, bracket));
  }

  // ------------------------------------------------------------------------------ the generator

  /** An image URL and whether ADR 0003 says the service can fetch it. */
  record LabeledUrl(String url, boolean usable) {
    @Override
    public String toString() {
      return (usable ? "+" : "-") + url;
    }
  }

  record Generated(
      @Nullable String model,
      @Nullable String prompt,
      @Nullable String size,
      @Nullable String resolution,
      @Nullable Integer n,
      @Nullable String negativePrompt,
      List<LabeledUrl> urls,
      @Nullable Boolean promptExtend) {

    GenerationRequest request() {
      GenerationRequest.Builder b =
          GenerationRequest.builder()
              .model(model)
              .prompt(prompt)
              .size(size)
              .resolution(resolution)
              .n(n)
              .negativePrompt(negativePrompt)
              .promptExtend(promptExtend);
      urls.forEach(u -> b.addImageUrl(u.url()));
      return b.build();
    }

    @Override
    public String toString() {
      return "model="
          + model
          + ", prompt="
          + (prompt == null ? null : codePoints(prompt) + " code points")
          + ", size="
          + size
          + ", resolution="
          + resolution
          + ", n="
          + n
          + ", negative="
          + (negativePrompt == null ? null : codePoints(negativePrompt) + " code points")
          + ", urls="
          + urls
          + ", promptExtend="
          + promptExtend;
    }
  }

  static Generated generate(SplittableRandom r) {
    // Mostly plausible requests, so that valid ones are common and single faults stand out.
    boolean tidy = r.nextInt(3) == 0;
    String model =
        tidy
            ? pick(r, "z-image-turbo", "qwen-image-2.0", "qwen-image-2.0-pro")
            : pick(
                r,
                null,
                "",
                "  ",
                "z-image-turbo",
                "qwen-image-2.0",
                "qwen-image-2.0-pro",
                "Z-Image-Turbo",
                " qwen-image-2.0 ",
                "QWEN-IMAGE-2.0-PRO",
                "qwen-image-3",
                "dall-e-3",
                "z-image",
                "qwen-image-2.0-pro-max");
    String prompt = tidy ? text(r, between(r, 1, 300)) : prompt(r);
    String size =
        r.nextBoolean()
            ? null
            : pick(
                r,
                "1:1",
                "4:3",
                "3:4",
                "16:9",
                "9:16",
                "3:2",
                "2:3",
                " 16:9 ",
                "16:10",
                "21:9",
                "square",
                "",
                "1024x1024",
                "1:1:1");
    String resolution =
        r.nextBoolean() ? null : pick(r, "1K", "2K", "1k", "2k", " 2K ", "4K", "", "1080p", "2 K");
    Integer n =
        r.nextBoolean() ? null : pick(r, -1, 0, 1, 1, 2, 3, 4, 5, 6, 7, 100, Integer.MIN_VALUE);
    String negative = r.nextInt(3) > 0 ? null : text(r, pick(r, 0, 1, 20, 499, 500, 501, 700));
    Boolean extend = pick(r, null, null, true, false);
    List<LabeledUrl> urls = new ArrayList<>();
    int count = r.nextInt(2) == 0 ? 0 : pick(r, 1, 1, 2, 3, 4, 5);
    for (int i = 0; i < count; i++) {
      urls.add(url(r));
    }
    if (tidy) {
      // Keep tidy requests within what every model takes, mostly.
      if (r.nextInt(4) > 0) {
        negative = null;
        extend = null;
        n = null;
      }
      if (r.nextInt(4) > 0) {
        urls.clear();
      }
    }
    return new Generated(model, prompt, size, resolution, n, negative, urls, extend);
  }

  private static String prompt(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> null;
      case 1 -> pick(r, "", " ", "\t\n ");
      case 2 -> text(r, pick(r, 799, 800, 801));
      case 3 -> text(r, between(r, 801, 1200));
      default -> text(r, between(r, 1, 400));
    };
  }

  /** Text of exactly {@code codePoints} code points: ASCII, Chinese, emoji, combining marks. */
  private static String text(SplittableRandom r, int codePoints) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      switch (r.nextInt(6)) {
        case 0 -> s.appendCodePoint(between(r, 0x4E00, 0x9FFF));
        case 1 -> s.appendCodePoint(between(r, 0x1F300, 0x1F5FF));
        case 2 -> s.appendCodePoint(i == 0 ? 'a' : 0x0301);
        default -> s.append((char) between(r, 'a', 'z'));
      }
    }
    return s.toString();
  }

  static LabeledUrl url(SplittableRandom r) {
    switch (r.nextInt(10)) {
      case 0:
        return new LabeledUrl(
            pick(
                r,
                "",
                "   ",
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==",
                "DATA:image/jpeg;base64,/9j/4AAQ",
                "images.example.com/a.png",
                "//images.example.com/a.png",
                "/relative/a.png",
                "https://exa mple.com/a.png",
                "https://[::1/a.png",
                "https:///a.png",
                "http://",
                "ftp://images.example.com/a.png",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "ws://images.example.com/a.png"),
            false);
      default:
        break;
    }
    Host host = host(r);
    String scheme = pick(r, "https", "https", "http", "HTTPS", "Http");
    String port = pick(r, "", "", ":8443", ":80");
    String path = pick(r, "/a.png", "/img/2026/cat.jpg", "", "/x/y/z.webp");
    String query = pick(r, "", "", "?X-Amz-Signature=abc123&X-Amz-Expires=3600", "?w=512");
    String fragment = pick(r, "", "", "#top");
    return new LabeledUrl(scheme + "://" + host.text + port + path + query + fragment, host.usable);
  }

  record Host(String text, boolean usable) {}

  static Host host(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0:
        return new Host(
            pick(
                r,
                "images.example.com",
                "cdn.apimart.ai",
                "a-b.example.org",
                "xn--fiqs8s.example.cn",
                "IMAGES.Example.COM",
                "[2606:4700:4700::1111]",
                "[2a00:1450:4001:81b::200e]"),
            true);
      case 1:
        return new Host(
            pick(
                r,
                "localhost",
                "LOCALHOST",
                "api.localhost",
                "printer.local",
                "db.internal",
                "nas.lan",
                "router.home.arpa",
                "intranet",
                "localhost.",
                "printer.local.",
                "[::1]",
                "[::]",
                "[fe80::1]",
                "[fc00::1]",
                "[fd12:3456:789a::1]",
                "[ff02::1]",
                "[::ffff:10.0.0.1]",
                "[::ffff:127.0.0.1]",
                "127.1",
                "0x7f.0.0.1",
                "0177.0.0.1",
                "010.0.0.1",
                "2130706433",
                "10.1",
                "0x0a000001",
                "1.2.3.4.5"),
            false);
      default:
        return ipv4(r);
    }
  }

  /** A literal IPv4 address and whether it is public, by the ranges ADR 0003 names. */
  static Host ipv4(SplittableRandom r) {
    while (true) {
      int a = r.nextInt(256);
      int b = r.nextInt(256);
      int c = r.nextInt(256);
      int d = r.nextInt(256);
      if (r.nextInt(3) == 0) {
        // Aim at the interesting ranges more often than chance would.
        int[][] starts = {
          {10},
          {127},
          {172, 16 + r.nextInt(16)},
          {192, 168},
          {169, 254},
          {100, 64 + r.nextInt(64)},
          {224 + r.nextInt(16)},
          {240 + r.nextInt(16)},
          {8},
          {172, 32}
        };
        int[] start = starts[r.nextInt(starts.length)];
        a = start[0];
        b = start.length > 1 ? start[1] : b;
      }
      String text = a + "." + b + "." + c + "." + d;
      if (ambiguous(a, b, c, d)) {
        continue;
      }
      boolean unusable =
          (a == 0 && b == 0 && c == 0 && d == 0) // unspecified
              || a == 127 // loopback
              || a == 10 // RFC 1918
              || (a == 172 && b >= 16 && b <= 31)
              || (a == 192 && b == 168)
              || (a == 169 && b == 254) // link-local, cloud metadata
              || (a == 100 && b >= 64 && b <= 127) // CGNAT
              || (a >= 224 && a <= 239) // multicast
              || a >= 240; // reserved, broadcast
      return new Host(text, !unusable);
    }
  }

  /** Ranges the ADR does not decide on: not generated. */
  private static boolean ambiguous(int a, int b, int c, int d) {
    return (a == 0 && (b | c | d) != 0)
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || (a == 192 && b == 88 && c == 99);
  }

  private static int between(SplittableRandom r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
