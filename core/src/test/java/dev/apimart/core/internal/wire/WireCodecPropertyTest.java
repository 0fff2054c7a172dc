package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.model.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the wire decoder and the error mapper over generated inputs (over 100,000 per run):
 * whatever a server or proxy sends, decoding ends in a valid result or an {@link ApiMartException}
 * — never a JSON library exception, {@code NullPointerException} or the like; answers whose meaning
 * is known decode to exactly that meaning; failed answers map to the documented exception by
 * status; and nothing shaped like a key survives into messages.
 *
 * <p>Inputs come from {@link FuzzInputs} with a fixed seed, so every run checks the same inputs and
 * a failure names the seed of its input. Explore further with {@code -Dapimart.fuzz.seed=<n>} (or
 * {@code random}) and {@code -Dapimart.fuzz.scale=<factor>}.
 */
class WireCodecPropertyTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final WireCodec CODEC = WireCodec.create(Clock.fixed(NOW, ZoneOffset.UTC));
  private static final long BASE_SEED = baseSeed();
  private static final double SCALE =
      Double.parseDouble(System.getProperty("apimart.fuzz.scale", "1"));
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  private static final AtomicLong INPUTS = new AtomicLong();

  private static long baseSeed() {
    String configured = System.getProperty("apimart.fuzz.seed", "20261121");
    return configured.equals("random") ? System.nanoTime() : Long.parseLong(configured);
  }

  @AfterAll
  static void checkedEnoughInputs() {
    System.out.println(
        "WireCodecPropertyTest: " + INPUTS.get() + " generated inputs, base seed " + BASE_SEED);
    if (SCALE >= 1) {
      assertThat(INPUTS.get()).as("generated inputs").isGreaterThanOrEqualTo(100_000);
    }
  }

  // ------------------------------------------------------------------------------ properties

  @Test
  void anyAnswerDecodesToAValidResultOrATypedException() {
    forAll(
        "any answer",
        15_000,
        1,
        gen -> {
          int status = gen.status();
          Map<String, java.util.List<String>> headers = gen.headers(NOW);
          byte[] body = anyBody(gen);
          for (Decoder decoder : Decoder.values()) {
            INPUTS.incrementAndGet();
            Object result;
            try {
              result = decoder.decode.apply(new Input(status, headers, body));
            } catch (ApiMartException e) {
              assertTypedFailure(e, status);
              continue;
            } catch (RuntimeException | Error e) {
              throw new AssertionError(
                  decoder + " threw " + e + " instead of an ApiMartException", e);
            }
            assertThat(status).as("only a 2xx answer can succeed").isBetween(200, 299);
            decoder.assertValid(result);
          }
        },
        gen -> "status and body of " + gen);
  }

  @Test
  void failedAnswersMapToTheDocumentedExceptionByStatus() {
    forAll(
        "error mapping",
        20_000,
        1,
        gen -> {
          INPUTS.incrementAndGet();
          int status = gen.errorStatus();
          Map<String, List<String>> headers = gen.headers(NOW);
          FuzzInputs.ErrorAnswer answer = gen.error(status);
          boolean mutated = gen.chance(0.3);
          byte[] body =
              mutated
                  ? gen.mutate(answer.body().getBytes(StandardCharsets.UTF_8))
                  : gen.chance(0.1)
                      ? gen.notJson()
                      : answer.body().getBytes(StandardCharsets.UTF_8);
          ApiMartException e = CODEC.errorFor(status, headers, body);

          assertThat(e).isInstanceOf(expectedType(status));
          assertThat(e.httpStatus()).hasValue(status);
          assertThat(e.getMessage()).isNotBlank();
          assertBounded(e);
          if (!mutated) {
            // Mutations may break a key's boundaries ("nullsk-…"); redaction goes by its shape.
            assertNoSecret(e);
          }
          Optional<Duration> retryAfter = plainSeconds(headers);
          if (e instanceof RateLimitedException r && retryAfter.isPresent()) {
            assertThat(r.retryAfter()).isEqualTo(retryAfter);
          }
          if (e instanceof ServerException s && retryAfter.isPresent()) {
            assertThat(s.retryAfter()).isEqualTo(retryAfter);
          }
          if (!mutated && body.length > 0 && body[0] == '{' && answer.message() != null) {
            String expected =
                answer.carriesSecret()
                    ? Redaction.shapesOnly().text(answer.message())
                    : answer.message();
            assertThat(e.serverMessage()).hasValue(expected);
            assertThat(e.serverType()).isEqualTo(Optional.ofNullable(answer.type()));
          }
        },
        gen -> "error answer of " + gen);
  }

  @Test
  void errorEnvelopeInsideAnOkAnswerIsTheFailureItsCodeNames() {
    forAll(
        "error envelope in a 2xx",
        6_000,
        1,
        gen -> {
          int code = gen.errorStatus();
          FuzzInputs.ErrorAnswer answer = gen.error(code);
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          for (Decoder decoder : Decoder.values()) {
            INPUTS.incrementAndGet();
            Throwable thrown = null;
            try {
              decoder.decode.apply(new Input(200, Map.of(), body));
            } catch (RuntimeException e) {
              thrown = e;
            }
            assertThat(thrown).as("an error envelope never decodes as a result").isNotNull();
            assertThat(thrown).isInstanceOf(ApiMartException.class);
            ApiMartException e = (ApiMartException) thrown;
            assertThat(e.httpStatus()).as("the real HTTP status is kept").hasValue(200);
            if (answer.code() != null && code >= 400 && code <= 599) {
              assertThat(e).isInstanceOf(expectedType(code));
            }
            assertNoSecret(e);
          }
        },
        gen -> "error envelope of " + gen);
  }

  @Test
  void taskAnswersDecodeToWhatTheySay() {
    forAll(
        "task round trip",
        12_000,
        1,
        gen -> {
          INPUTS.incrementAndGet();
          FuzzInputs.TaskAnswer answer = gen.task();
          Task task =
              CODEC.decodeTask(200, Map.of(), answer.body().getBytes(StandardCharsets.UTF_8));

          assertThat(task.id()).isEqualTo(TaskId.of(answer.id()));
          assertThat(task.rawStatus()).isEqualTo(answer.rawStatus());
          assertThat(task.status()).isEqualTo(documentedStatus(answer.rawStatus()));
          if (answer.progress() != null) {
            assertThat(task.progress()).isEqualTo(Math.max(0, Math.min(100, answer.progress())));
          } else {
            assertThat(task.progress()).isBetween(0, 100);
          }
          assertThat(task.images().stream().map(i -> i.url().toString()).toList())
              .isEqualTo(answer.imageUrls());
          for (GeneratedImage image : task.images()) {
            assertThat(image.expiresAt())
                .isEqualTo(
                    answer.expiresAt() == null ? null : Instant.ofEpochSecond(answer.expiresAt()));
          }
          assertThat(task.createdAt())
              .isEqualTo(answer.created() == null ? null : Instant.ofEpochSecond(answer.created()));
          assertThat(task.completedAt())
              .isEqualTo(
                  answer.completed() == null ? null : Instant.ofEpochSecond(answer.completed()));
          assertThat(task.estimatedTime())
              .isEqualTo(
                  answer.estimated() == null ? null : Duration.ofSeconds(answer.estimated()));
          if (answer.errorMessage() != null) {
            assertThat(task.error()).isNotNull();
            assertThat(task.error().message()).isEqualTo(answer.errorMessage());
            assertThat(task.error().code()).isEqualTo(answer.errorCode());
          } else {
            assertThat(task.error()).isNull();
          }
        },
        gen -> "task answer of " + gen);
  }

  @Test
  void submissionAndBalanceAnswersDecodeToWhatTheySay() {
    forAll(
        "submission and balance round trip",
        6_000,
        2,
        gen -> {
          INPUTS.incrementAndGet();
          FuzzInputs.SubmissionAnswer submission = gen.submission();
          assertThat(
                  CODEC.decodeSubmission(
                      200, Map.of(), submission.body().getBytes(StandardCharsets.UTF_8)))
              .isEqualTo(TaskId.of(submission.taskId()));

          INPUTS.incrementAndGet();
          FuzzInputs.BalanceAnswer answer = gen.balance();
          Balance balance =
              CODEC.decodeBalance(200, Map.of(), answer.body().getBytes(StandardCharsets.UTF_8));
          assertThat(balance.unlimited()).isEqualTo(answer.unlimited());
          assertThat(balance.used()).isEqualByComparingTo(answer.used());
          if (answer.remaining() != null) {
            assertThat(balance.remaining().orElseThrow()).isEqualByComparingTo(answer.remaining());
          } else {
            assertThat(balance.remaining()).isEmpty();
          }
        },
        gen -> "submission and balance of " + gen);
  }

  @Test
  void retryAfterIsReadOrIgnoredButNeverFails() {
    forAll(
        "Retry-After",
        5_000,
        1,
        gen -> {
          INPUTS.incrementAndGet();
          Map<String, List<String>> headers = gen.headers(NOW);
          Optional<Duration> wait = CODEC.retryAfter(headers);
          wait.ifPresent(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
          Optional<Duration> plain = plainSeconds(headers);
          if (plain.isPresent()) {
            assertThat(wait).isEqualTo(plain);
          }
        },
        gen -> "headers of " + gen);
  }

  // ------------------------------------------------------------------------------ the oracle

  /** api-contract.md §3 (by HTTP status first) and ADR 0004 (422 is an invalid request). */
  static Class<? extends ApiMartException> expectedType(int status) {
    return switch (status) {
      case 400, 422 -> RequestRejectedException.class;
      case 401 -> AuthenticationException.class;
      case 402 -> InsufficientBalanceException.class;
      case 403 -> PermissionDeniedException.class;
      case 404 -> NotFoundException.class;
      case 413 -> dev.apimart.core.error.PayloadTooLargeException.class; // contract §7 (uploads)
      case 429 -> RateLimitedException.class;
      default ->
          status >= 500 && status <= 599
              ? ServerException.class
              : UnexpectedResponseException.class;
    };
  }

  /** api-contract.md §2: the five documented statuses; anything else is kept as unknown. */
  static TaskStatus documentedStatus(String raw) {
    return switch (raw) {
      case "pending" -> TaskStatus.PENDING;
      case "processing" -> TaskStatus.PROCESSING;
      case "completed" -> TaskStatus.COMPLETED;
      case "failed" -> TaskStatus.FAILED;
      case "cancelled" -> TaskStatus.CANCELLED;
      default -> TaskStatus.UNKNOWN;
    };
  }

  /** A {@code Retry-After} of whole seconds (RFC 9110 delta-seconds), if that is what was sent. */
  static Optional<Duration> plainSeconds(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals("retry-after")) {
        String value = e.getValue().get(0).strip();
        if (value.matches("\\d{1,9}")) {
          return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
      }
    }
    return Optional.empty();
  }

  private static void assertTypedFailure(ApiMartException e, int status) {
    assertThat(e.getMessage()).isNotBlank();
    assertBounded(e);
    if (status < 200 || status > 299) {
      assertThat(e).isInstanceOf(expectedType(status));
    }
    if (status != 0) {
      assertThat(e.httpStatus()).hasValue(status);
    }
  }

  private static void assertBounded(ApiMartException e) {
    e.rawBody()
        .ifPresent(
            raw ->
                assertThat(raw.length())
                    .as("raw body kept")
                    .isLessThanOrEqualTo(ErrorDetails.MAX_RAW_BODY_CHARS + 40));
    assertThat(e.getMessage().length()).as("message length").isLessThan(4_000);
  }

  private static void assertNoSecret(ApiMartException e) {
    String secret = FuzzInputs.SECRET.substring(3);
    assertThat(e.getMessage()).doesNotContain(secret);
    assertThat(e.serverMessage().orElse("")).doesNotContain(secret);
    assertThat(e.rawBody().orElse("")).doesNotContain(secret);
  }

  // ------------------------------------------------------------------------------ plumbing

  private static byte[] anyBody(FuzzInputs gen) {
    return switch (gen.between(0, 9)) {
      case 0 -> gen.task().body().getBytes(StandardCharsets.UTF_8);
      case 1 -> gen.mutate(gen.task().body().getBytes(StandardCharsets.UTF_8));
      case 2 -> gen.mutate(gen.submission().body().getBytes(StandardCharsets.UTF_8));
      case 3 -> gen.mutate(gen.balance().body().getBytes(StandardCharsets.UTF_8));
      case 4 -> gen.error(gen.errorStatus()).body().getBytes(StandardCharsets.UTF_8);
      case 5 -> gen.randomJson(6).getBytes(StandardCharsets.UTF_8);
      case 6 -> gen.mutate(gen.randomJson(4).getBytes(StandardCharsets.UTF_8));
      case 7 -> gen.rawBytes();
      case 8 -> gen.notJson();
      default -> wrongTypes(gen).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The envelope's known members holding values of the wrong type. */
  private static String wrongTypes(FuzzInputs gen) {
    Map<String, String> data = new java.util.LinkedHashMap<>();
    data.put(
        gen.pick("id", "task_id"),
        gen.chance(0.5) ? FuzzInputs.quote(gen.safeId()) : gen.randomJson(1));
    data.put(
        "status",
        gen.chance(0.5) ? FuzzInputs.quote(gen.pick(FuzzInputs.STATUSES)) : gen.randomJson(1));
    data.put("progress", gen.randomJson(1));
    data.put(
        "result",
        gen.chance(0.5)
            ? "{\"images\":[{\"url\":"
                + gen.randomJson(2)
                + ",\"expires_at\":"
                + gen.number()
                + "}]}"
            : gen.randomJson(2));
    data.put("created", gen.number());
    data.put("error", gen.randomJson(2));
    data.put("remain_balance", gen.number());
    data.put("used_balance", gen.number());
    data.put("unlimited_quota", gen.randomJson(0));
    Map<String, String> envelope = new java.util.LinkedHashMap<>();
    envelope.put("code", gen.chance(0.7) ? "200" : gen.number());
    envelope.put("data", gen.chance(0.6) ? gen.object(data, true) : gen.randomJson(2));
    if (gen.chance(0.2)) {
      envelope.put("success", gen.randomJson(0));
    }
    return gen.object(envelope, true);
  }

  record Input(int status, Map<String, List<String>> headers, byte[] body) {}

  enum Decoder {
    SUBMISSION(i -> CODEC.decodeSubmission(i.status(), i.headers(), i.body())) {
      @Override
      void assertValid(Object result) {
        assertThat(((TaskId) result).value()).matches(SAFE_ID);
      }
    },
    TASK(i -> CODEC.decodeTask(i.status(), i.headers(), i.body())) {
      @Override
      void assertValid(Object result) {
        Task task = (Task) result;
        assertThat(task.id().value()).matches(SAFE_ID);
        assertThat(task.status()).isNotNull();
        assertThat(task.rawStatus()).isNotBlank();
        assertThat(task.progress()).isBetween(0, 100);
        for (GeneratedImage image : task.images()) {
          String scheme = image.url().getScheme().toLowerCase(Locale.ROOT);
          assertThat(scheme).isIn("http", "https");
          assertThat(image.url().getHost()).isNotBlank();
        }
        assertThat(task.toString()).isNotBlank();
      }
    },
    BALANCE(i -> CODEC.decodeBalance(i.status(), i.headers(), i.body())) {
      @Override
      void assertValid(Object result) {
        Balance balance = (Balance) result;
        assertThat(balance.used()).isNotNull();
        assertThat(balance.unlimited()).isEqualTo(balance.remaining().isEmpty());
      }
    };

    final Function<Input, Object> decode;

    Decoder(Function<Input, Object> decode) {
      this.decode = decode;
    }

    abstract void assertValid(Object result);
  }

  /** One property over {@code runs} generated cases, each from its own seed. */
  private static void forAll(
      String property,
      int runs,
      int salt,
      java.util.function.Consumer<FuzzInputs> check,
      Function<String, String> describe) {
    int scaled = (int) Math.max(1, runs * SCALE);
    for (int i = 0; i < scaled; i++) {
      long seed = BASE_SEED * 1_000_003L + property.hashCode() * 31L + (long) i * 7919L + salt;
      try {
        check.accept(new FuzzInputs(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "property '"
                + property
                + "' failed for "
                + describe.apply("seed " + seed)
                + ": "
                + e.getMessage()
                + "\n  input: "
                + replay(property, seed),
            e);
      }
    }
  }

  /** Regenerates the input of a seed for the failure message (the generators are pure). */
  private static String replay(String property, long seed) {
    FuzzInputs gen = new FuzzInputs(seed);
    String text =
        switch (property) {
          case "task round trip" -> gen.task().body();
          case "submission and balance round trip" -> gen.submission().body();
          default -> "(rerun the property with this seed in a debugger to see the bytes)";
        };
    return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
  }
}
