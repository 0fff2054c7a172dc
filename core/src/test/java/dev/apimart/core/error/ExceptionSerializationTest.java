package dev.apimart.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskError;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exception survives Java serialisation (as it must to cross an RMI, a Spark or a cache
 * boundary) with its message, details and own fields — not just its class.
 */
class ExceptionSerializationTest {

  private static final ErrorDetails ANSWERED =
      ErrorDetails.builder()
          .status(429)
          .requestId("req_42")
          .headers(
              Map.of(
                  "Retry-After", List.of("7"),
                  "X-RateLimit-Remaining", List.of("0"),
                  "Set-Cookie", List.of("s=1")))
          .serverMessage("slow down")
          .serverType("rate_limit_error")
          .serverCode("429")
          .rawBody("{\"error\":{\"message\":\"slow down\"}}")
          .build();

  private static final Task FAILED =
      Task.builder(TaskId.of("task_failed_1"), TaskStatus.FAILED)
          .rawStatus("failed")
          .progress(30)
          .createdAt(Instant.ofEpochSecond(1_700_000_000))
          .completedAt(Instant.ofEpochSecond(1_700_000_020))
          .estimatedTime(Duration.ofSeconds(25))
          .actualTime(Duration.ofSeconds(20))
          .error(new TaskError("content_policy_violation", "the prompt was refused"))
          .cost(BigDecimal.ZERO)
          .build();

  private static final Task RUNNING =
      Task.builder(TaskId.of("task_slow_2"), TaskStatus.PROCESSING)
          .progress(80)
          .images(
              List.of(
                  new GeneratedImage(
                      URI.create("https://cdn.test/a.png?sig=x"),
                      Instant.ofEpochSecond(1_700_003_600),
                      new PixelSize(1024, 768))))
          .build();

  private record Case(ApiMartException original, Consumer<ApiMartException> sameFields) {}

  private static Case of(ApiMartException e) {
    return new Case(e, copy -> {});
  }

  private static <T extends ApiMartException> Case of(T e, Class<T> type, Consumer<T> sameFields) {
    return new Case(e, copy -> sameFields.accept(type.cast(copy)));
  }

  static List<Case> cases() {
    return List.of(
        of(new AuthenticationException("bad key", ANSWERED)),
        of(new PermissionDeniedException("not allowed", ANSWERED)),
        of(new InsufficientBalanceException("top up", ANSWERED)),
        of(new NotFoundException("no such task", ANSWERED)),
        of(new RequestRejectedException("refused", ANSWERED)),
        of(new PayloadTooLargeException("too big", ANSWERED)),
        of(
            new UnexpectedResponseException("odd", ANSWERED, new IllegalStateException("parse")),
            UnexpectedResponseException.class,
            e -> assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)),
        of(
            new RateLimitedException("slow", ANSWERED, Duration.ofSeconds(7)),
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7))),
        of(
            new ServerException("busy", ANSWERED, Duration.ofMillis(1500)),
            ServerException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(1500))),
        of(
            new UsageUnavailableException("later", ANSWERED, Duration.ofSeconds(60)),
            UsageUnavailableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60))),
        of(
            new IdempotencyUnavailableException("later", ANSWERED, Duration.ofSeconds(2)),
            IdempotencyUnavailableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2))),
        of(
            new IdempotencyConflictException(
                "in progress",
                ANSWERED,
                IdempotencyConflictException.Reason.IN_PROGRESS,
                Duration.ofSeconds(3)),
            IdempotencyConflictException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(IdempotencyConflictException.Reason.IN_PROGRESS);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            }),
        of(
            new TaskFailedException(FAILED),
            TaskFailedException.class,
            e -> assertThat(e.task()).isEqualTo(FAILED)),
        of(
            new TaskCancelledException(FAILED.toBuilder().status(TaskStatus.CANCELLED).build()),
            TaskCancelledException.class,
            e ->
                assertThat(e.task())
                    .isEqualTo(FAILED.toBuilder().status(TaskStatus.CANCELLED).build())),
        of(
            new WaitTimeoutException(RUNNING.id(), Duration.ofMinutes(10), RUNNING),
            WaitTimeoutException.class,
            e -> {
              assertThat(e.taskId()).isEqualTo(TaskId.of("task_slow_2"));
              assertThat(e.lastSeen()).contains(RUNNING);
            }),
        of(
            new InvalidRequestException(
                List.of(
                    new Violation("n", 9, "at most 4"),
                    new Violation("end", LocalDate.of(2026, 1, 31), "after start"),
                    new Violation("file", Path.of("/tmp/cat.png"), "not an image"),
                    new Violation("prompt", null, "missing"))),
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation("n", 9, "at most 4"),
                        new Violation("end", LocalDate.of(2026, 1, 31), "after start"),
                        // A Path is not serialisable: it travels as its text.
                        new Violation("file", "/tmp/cat.png", "not an image"),
                        new Violation("prompt", null, "missing"))),
        of(new ConfigurationException("no API key")),
        of(
            new ClientClosedException(
                TaskId.of("task_cut_3"), false, null, new InterruptedException()),
            ClientClosedException.class,
            e -> {
              assertThat(e.taskId()).contains(TaskId.of("task_cut_3"));
              assertThat(e.submissionOutcomeUnknown()).isFalse();
              assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
            }),
        of(
            new ClientClosedException(null, true, "idem-key-4", null),
            ClientClosedException.class,
            e -> {
              assertThat(e.taskId()).isEmpty();
              assertThat(e.submissionOutcomeUnknown()).isTrue();
              assertThat(e.idempotencyKey()).contains("idem-key-4");
            }),
        of(
            new TransportException(TransportException.Kind.CONNECTION_LOST, "reset", null),
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION_LOST)),
        of(
            new DownloadException("expired", ErrorDetails.ofStatus(403), null),
            DownloadException.class,
            e -> assertThat(e.httpStatus()).hasValue(403)),
        of(
            new SubmissionOutcomeUnknownException(
                "unknown", ANSWERED, 2, new ServerException("502", ANSWERED, null), "idem-key-1"),
            SubmissionOutcomeUnknownException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(2);
              assertThat(e.idempotencyKey()).contains("idem-key-1");
              assertThat(e.getCause()).isInstanceOf(ServerException.class);
            }));
  }

  static Stream<Arguments> everyCase() {
    return cases().stream().map(c -> Arguments.of(c.original().getClass().getSimpleName(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCase")
  void survivesARoundTripWithItsFields(String name, Case c) throws Exception {
    ApiMartException copy = roundTrip(c.original());

    assertThat(copy).isExactlyInstanceOf(c.original().getClass());
    assertThat(copy.getMessage()).isEqualTo(c.original().getMessage());
    assertThat(copy.details()).isEqualTo(c.original().details());
    assertThat(copy.isTransient()).isEqualTo(c.original().isTransient());
    c.sameFields().accept(copy);
  }

  @Test
  void theDetailsKeepStatusRequestIdAndOnlyTheKeptHeaders() throws Exception {
    ErrorDetails copy = roundTrip(new RateLimitedException("x", ANSWERED, null)).details();

    assertThat(copy.status()).hasValue(429);
    assertThat(copy.requestId()).contains("req_42");
    assertThat(copy.headers()).containsOnlyKeys("retry-after", "x-ratelimit-remaining");
    assertThat(copy.serverCode()).contains("429");
    assertThat(copy.rawBody()).contains("{\"error\":{\"message\":\"slow down\"}}");
  }

  @Test
  void everyConcreteExceptionOfThePackageHasACase() {
    Set<String> covered =
        cases().stream().map(c -> c.original().getClass().getName()).collect(Collectors.toSet());
    Set<String> concrete =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.apimart.core.error")
                .stream()
                .filter(c -> c.isAssignableTo(ApiMartException.class))
                .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());

    assertThat(concrete).isNotEmpty();
    assertThat(covered).containsAll(concrete);
  }

  @Test
  void everyLeafSitsOnExactlyOneBranch() {
    for (Case c : cases()) {
      ApiMartException e = c.original();
      assertThat(e instanceof ApiMartServiceException ^ e instanceof ApiMartClientException)
          .as(e.getClass().getSimpleName())
          .isTrue();
    }
  }

  @Test
  void aTaskReadBackWithBrokenInvariantsIsRefused() throws Exception {
    byte[] bytes = serialize(RUNNING);
    // progress is stored as a 4-byte int just before the next field; find 80 and make it 140.
    byte[] tampered = replaceInt(bytes, 80, 140);

    assertThatThrownBy(() -> deserialize(tampered))
        .isInstanceOf(InvalidObjectException.class)
        .hasMessageContaining("progress");
  }

  private static byte[] replaceInt(byte[] bytes, int from, int to) {
    byte[] copy = bytes.clone();
    for (int i = 0; i + 4 <= copy.length; i++) {
      if (copy[i] == 0 && copy[i + 1] == 0 && copy[i + 2] == 0 && copy[i + 3] == (byte) from) {
        copy[i + 3] = (byte) to;
        return copy;
      }
    }
    throw new AssertionError("progress not found in the serial form");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Serializable> T roundTrip(T value) throws Exception {
    return (T) deserialize(serialize(value));
  }

  private static byte[] serialize(Serializable value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
