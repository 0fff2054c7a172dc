package dev.apimart.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour every {@link HttpTransport} must show, checked against a real {@link FakeApiMart}.
 * A transport's test extends this class and says how to build the transport:
 *
 * <pre>{@code
 * class JdkHttpTransportContractTest extends HttpTransportContract {
 *   @Override
 *   protected HttpTransport createTransport(TransportSettings settings) {
 *     return new JdkHttpTransport(settings);
 *   }
 * }
 * }</pre>
 *
 * <p>What it holds a transport to: it moves bytes unchanged (methods, headers, UTF-8 bodies); every
 * HTTP status is an answer, never an exception; a streamed request body arrives byte for byte with
 * its declared {@code Content-Length} (never chunked), from a fresh stream of its source on every
 * call, and a source that fails ends the call as "not sent" with every stream it opened closed; a
 * streamed body is read incrementally and the request timeout covers only the wait for the headers,
 * while a buffered answer must be complete within the timeout; a failure says whether the request
 * may have been sent ({@link TransportException.Kind}); a POST is never repeated on its own; the
 * async call completes, fails with a {@link TransportException} and can be cancelled; an
 * interrupted caller gets {@link TransportException.Kind#CANCELLED} with its interrupt flag kept,
 * and the connection of an abandoned exchange is released; redirects are returned, not followed;
 * headers the HTTP client sets itself are not taken from the request, and a header value HTTP
 * forbids is refused without being quoted; a closed transport refuses new calls and does not wait
 * for an unread download.
 *
 * <p>Faults a well-behaved server cannot produce (a reset, a body that stalls or ends before its
 * {@code Content-Length}) come from a {@link RawHttpServer}. Where clients legitimately differ, a
 * hook says how, and the contract checks the behaviour that follows from the answer: see {@link
 * #abortsABlockedExchange()}. It needs {@code junit-jupiter-api} (and an engine) on the test class
 * path; it uses no assertion library beyond JUnit's.
 */
public abstract class HttpTransportContract {

  /** The request timeout of requests that should succeed. */
  protected static final Duration GENEROUS = Duration.ofSeconds(20);

  /** The request timeout of requests meant to time out; the fake holds those for much longer. */
  protected static final Duration SHORT = Duration.ofMillis(500);

  private static final Duration HELD = Duration.ofSeconds(30);

  /**
   * How long to wait for a client to close the connection of an abandoned exchange: well beyond
   * {@link #SHORT}, well below {@link #GENEROUS}, so that a close caused by the request's timeout
   * cannot pass for an abort.
   */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final String JSON = "application/json";

  /** The fake the transport talks to; fresh for every test. */
  protected FakeApiMart fake;

  /** The transport under test; fresh for every test. */
  protected HttpTransport transport;

  /**
   * Builds the transport under test. Called once per test; the contract closes it afterwards.
   *
   * @param settings the settings to honour (connect timeout)
   */
  protected abstract HttpTransport createTransport(TransportSettings settings);

  /** The settings given to {@link #createTransport}; override to change the connect timeout. */
  protected TransportSettings transportSettings() {
    return TransportSettings.builder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Whether cancelling a call, or interrupting the thread blocked in {@link HttpTransport#execute},
   * aborts an exchange that waits for its answer at once, closing its connection. True by default.
   * Return false for a client that cannot be interrupted while it reads (such as {@code
   * HttpURLConnection}, OkHttp or Apache HttpClient 5 behind a blocking adapter): the contract then
   * checks that the connection is closed once the request's timeout has ended the read, so that an
   * abandoned exchange does not hold its connection for longer.
   */
  protected boolean abortsABlockedExchange() {
    return true;
  }

  @BeforeEach
  final void startFakeAndTransport() {
    fake = FakeApiMart.builder().workerThreads(6).start();
    transport = createTransport(transportSettings());
    assertNotNull(transport, "createTransport must return a transport");
  }

  @AfterEach
  final void closeTransportAndFake() {
    try {
      if (transport != null) {
        transport.close();
      }
    } finally {
      fake.close();
    }
  }

  // ------------------------------------------------------------------ moving bytes

  @Test
  void getSendsHeadersAndReturnsStatusHeadersAndBody() {
    TransportRequest request =
        request("GET", fake.url("/v1/balance"), null, GENEROUS, false, "x-contract-probe", "42");
    try (TransportResponse response = transport.execute(request)) {
      assertEquals(200, response.status());
      String contentType = response.header("Content-Type");
      assertNotNull(contentType, "the Content-Type header must be returned");
      assertTrue(contentType.startsWith(JSON), "Content-Type was " + contentType);
      assertTrue(
          text(response).contains("\"remain_balance\""), "the body must be returned unchanged");
    }
    RecordedRequest received = onlyRequest(Route.GET_BALANCE);
    assertEquals("GET", received.method());
    assertEquals("42", received.header("x-contract-probe"), "custom headers must be sent");
    assertTrue(received.apiKeyAccepted(), "the Authorization header must be sent as given");
  }

  @Test
  void postSendsAUtf8BodyByteForByte() {
    String prompt = "一只在阳光下打盹的橘猫，水墨画风格 — café ☕ 🐱";
    byte[] body =
        ("{\"model\":\"qwen-image-2.0\",\"prompt\":\"" + prompt + "\",\"n\":2}")
            .getBytes(StandardCharsets.UTF_8);
    try (TransportResponse response = transport.execute(submit(body, GENEROUS))) {
      assertEquals(200, response.status(), () -> "answer: " + text(response));
      assertTrue(text(response).contains("\"task_id\""));
    }
    RecordedRequest received = onlyRequest(Route.SUBMIT_GENERATION);
    assertEquals("POST", received.method());
    assertEquals(body.length, received.bodyLength(), "the body must arrive complete");
    assertEquals(new String(body, StandardCharsets.UTF_8), received.body());
    assertEquals(prompt, fake.lastTask().prompt(), "the prompt must survive as UTF-8");
  }

  @Test
  void postWithoutBodySendsAnEmptyBody() {
    TransportRequest request =
        request("POST", fake.url("/v1/images/generations"), null, GENEROUS, false);
    try (TransportResponse response = transport.execute(request)) {
      assertEquals(400, response.status(), "the fake refuses an empty submission");
    }
    assertEquals(0, onlyRequest(Route.SUBMIT_GENERATION).bodyLength());
  }

  @Test
  void everyStatusClassIsAnAnswerNotAnException() {
    Map<Integer, Fault> faults = new LinkedHashMap<>();
    faults.put(201, Fault.response(201, JSON, "{\"created\":true}"));
    faults.put(204, Fault.response(204, JSON, ""));
    faults.put(400, Fault.status(400));
    faults.put(402, Fault.status(402));
    faults.put(404, Fault.status(404));
    faults.put(429, Fault.status(429));
    faults.put(500, Fault.status(500));
    faults.put(503, Fault.status(503));
    for (Map.Entry<Integer, Fault> entry : faults.entrySet()) {
      fake.inject(entry.getValue());
      try (TransportResponse response = transport.execute(get("/v1/balance", GENEROUS))) {
        assertEquals(entry.getKey(), response.status());
        String body = text(response);
        if (entry.getKey() >= 400) {
          assertTrue(
              body.contains("\"error\"") && body.contains("\"code\":" + entry.getKey()),
              () -> "the error body must be returned, got: " + body);
        } else if (entry.getKey() == 204) {
          assertEquals("", body);
        }
      }
    }
  }

  @Test
  void retryableStatusesAreReturnedNotRetried() {
    // Some HTTP clients (Apache HttpClient 5 by default) repeat 429 and 503 on their own; core's
    // retry engine must see them, or retries multiply and budgets and Retry-After clamps are lost.
    for (int status : new int[] {429, 503}) {
      int before = fake.journal().received(Route.GET_BALANCE);
      fake.inject(Fault.status(status).withRetryAfter(Duration.ofSeconds(1)).on(Route.GET_BALANCE));
      try (TransportResponse response = transport.execute(get("/v1/balance", GENEROUS))) {
        assertEquals(status, response.status(), "the transport must return " + status + " as is");
      }
      assertEquals(
          before + 1,
          fake.journal().received(Route.GET_BALANCE),
          "the transport must not repeat a request on its own after " + status);
    }
  }

  @Test
  void serviceErrorsComeBackWithTheirBodies() {
    try (TransportResponse unauthorized =
        transport.execute(
            TransportRequest.builder()
                .method("GET")
                .uri(fake.url("/v1/balance"))
                .timeout(GENEROUS)
                .build())) {
      assertEquals(401, unauthorized.status());
      assertTrue(text(unauthorized).contains("authentication_error"));
    }
    try (TransportResponse missing = transport.execute(get("/v1/tasks/task_unknown", GENEROUS))) {
      assertEquals(404, missing.status());
      assertTrue(text(missing).contains("not_found_error"));
    }
    try (TransportResponse invalid =
        transport.execute(
            submit("{\"model\":\"z-image-turbo\"}".getBytes(StandardCharsets.UTF_8), GENEROUS))) {
      assertEquals(400, invalid.status());
      assertTrue(text(invalid).contains("prompt is required"));
    }
  }

  @Test
  void responseHeadersAreReturnedWithTheirValues() {
    fake.inject(Fault.status(429).withRetryAfter(Duration.ofSeconds(7)));
    try (TransportResponse response = transport.execute(get("/v1/balance", GENEROUS))) {
      assertEquals(429, response.status());
      assertEquals("7", response.header("Retry-After"));
      assertEquals("7", response.header("retry-after"), "header lookup is case-insensitive");
    }
    fake.inject(Fault.htmlErrorPage(502));
    try (TransportResponse page = transport.execute(get("/v1/balance", GENEROUS))) {
      assertEquals(502, page.status());
      assertTrue(String.valueOf(page.header("content-type")).startsWith("text/html"));
      assertTrue(text(page).contains("502 Bad Gateway"), "a non-JSON body is returned as is");
    }
  }

  @Test
  void concurrentRequestsDoNotInterfere() throws Exception {
    List<CompletableFuture<TransportResponse>> futures = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String path = i % 2 == 0 ? "/v1/balance" : "/v1/tasks/task_c" + i + "x";
      futures.add(transport.executeAsync(get(path, GENEROUS)));
    }
    for (int i = 0; i < futures.size(); i++) {
      int index = i;
      try (TransportResponse response = futures.get(i).get(30, TimeUnit.SECONDS)) {
        assertEquals(i % 2 == 0 ? 200 : 404, response.status(), "answer " + i);
        String body = text(response);
        assertTrue(
            i % 2 == 0 ? body.contains("remain_balance") : body.contains("task_c" + index + "x"),
            () -> "every answer must belong to its own request: " + body);
      }
    }
  }

  // ------------------------------------------------------------------ bodies: streaming and
  // buffered

  @Test
  void streamsA2kPngDownload() throws IOException {
    URI imageUrl = completedImage("1:1", "2K");
    TransportRequest request = request("GET", imageUrl, null, GENEROUS, true);
    try (TransportResponse response = transport.execute(request);
        InputStream in = response.body()) {
      assertEquals(200, response.status());
      assertEquals("image/png", response.header("content-type"));
      byte[] head = in.readNBytes(24);
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(head, 8), "PNG signature");
      assertEquals("IHDR", new String(head, 12, 4, StandardCharsets.US_ASCII));
      assertEquals(2048, readInt(head, 16), "IHDR width");
      assertEquals(2048, readInt(head, 20), "IHDR height");
      long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
      String length = response.header("content-length");
      if (length != null) {
        assertEquals(Long.parseLong(length), 24 + rest, "the whole file must be readable");
      }
    }
  }

  @Test
  void bufferedDownloadHoldsTheWholeFile() {
    URI imageUrl = completedImage("16:9", "2K");
    try (TransportResponse response =
        transport.execute(request("GET", imageUrl, null, GENEROUS, false))) {
      byte[] png = response.bodyBytes();
      assertEquals(200, response.status());
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
      assertEquals(2048, readInt(png, 16));
      assertEquals(1152, readInt(png, 20));
      String length = response.header("content-length");
      if (length != null) {
        assertEquals(Long.parseLong(length), png.length);
      }
    }
  }

  @Test
  void streamingTimeoutCoversOnlyTheWaitForHeaders() throws IOException {
    URI imageUrl = completedImage("1:1", "1K");
    fake.inject(Fault.slowBody(SHORT.multipliedBy(3)).on(Route.IMAGE_FILE));
    TransportRequest request = request("GET", imageUrl, null, SHORT, true);
    try (TransportResponse response = transport.execute(request);
        InputStream in = response.body()) {
      assertEquals(200, response.status());
      byte[] png = in.readAllBytes();
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), "slow body read to the end");
      assertEquals(1024, readInt(png, 16));
    }
  }

  @Test
  void bufferedAnswerMustBeCompleteWithinTheTimeout() {
    // Each piece arrives well within the timeout, the whole body does not: a per-read timeout
    // alone is not enough.
    fake.inject(Fault.slowBody(SHORT.multipliedBy(6)).on(Route.GET_BALANCE));
    TransportException e =
        assertThrows(TransportException.class, () -> transport.execute(get("/v1/balance", SHORT)));
    assertEquals(TransportException.Kind.TIMEOUT, e.kind(), () -> describe(e));
  }

  @Test
  void truncatedBodyIsAFailureNotAShortAnswer() {
    fake.inject(Fault.truncatedBody().on(Route.GET_BALANCE).always());
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> {
              try (TransportResponse response = transport.execute(get("/v1/balance", GENEROUS))) {
                fail("a truncated body must not be returned as an answer: " + text(response));
              }
            });
    assertTrue(e.kind().maybeSent(), () -> describe(e));
    assertTrue(
        EnumSet.of(TransportException.Kind.CONNECTION_LOST, TransportException.Kind.OTHER)
            .contains(e.kind()),
        () -> describe(e));
  }

  // ------------------------------------------------------------------ failures and their kinds

  @Test
  void requestTimeoutIsReportedAsTimeout() {
    fake.inject(Fault.delay(HELD).on(Route.GET_BALANCE));
    TransportException e =
        assertThrows(TransportException.class, () -> transport.execute(get("/v1/balance", SHORT)));
    assertEquals(TransportException.Kind.TIMEOUT, e.kind(), () -> describe(e));
    assertTrue(e.kind().maybeSent());
  }

  @Test
  void timeoutAfterAPostWasSentIsReportedAsMaybeSent() {
    fake.inject(Fault.delay(HELD).on(Route.SUBMIT_GENERATION));
    byte[] body =
        "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}".getBytes(StandardCharsets.UTF_8);
    TransportException e =
        assertThrows(TransportException.class, () -> transport.execute(submit(body, SHORT)));
    assertEquals(TransportException.Kind.TIMEOUT, e.kind(), () -> describe(e));
    assertTrue(e.kind().maybeSent(), "the request did reach the server");
    assertTrue(fake.journal().awaitReceived(Route.SUBMIT_GENERATION, 1, GENEROUS));
  }

  @Test
  void refusedConnectionIsReportedAsNotSent() {
    URI closed = fake.url("/v1/balance");
    fake.close();
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> transport.execute(request("GET", closed, null, GENEROUS, false)));
    assertEquals(TransportException.Kind.CONNECT_FAILED, e.kind(), () -> describe(e));
    assertFalse(e.kind().maybeSent(), "a refused connection is safe to retry");
  }

  @Test
  void droppedConnectionIsReportedAsMaybeSentAndThePostIsNotRepeated() {
    fake.inject(Fault.dropConnection().on(Route.SUBMIT_GENERATION).always());
    byte[] body =
        "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}".getBytes(StandardCharsets.UTF_8);
    TransportException e =
        assertThrows(TransportException.class, () -> transport.execute(submit(body, GENEROUS)));
    assertTrue(
        EnumSet.of(TransportException.Kind.CONNECTION_LOST, TransportException.Kind.OTHER)
            .contains(e.kind()),
        () -> describe(e));
    assertTrue(e.kind().maybeSent());
    assertEquals(
        1,
        fake.journal().received(Route.SUBMIT_GENERATION),
        "a transport must never repeat a POST on its own: core decides what is safe to retry");
  }

  @Test
  void droppedConnectionOnAGetIsATransportException() {
    fake.inject(Fault.dropConnection().on(Route.GET_BALANCE).always());
    TransportException e =
        assertThrows(
            TransportException.class, () -> transport.execute(get("/v1/balance", GENEROUS)));
    assertTrue(e.kind().maybeSent(), () -> describe(e));
  }

  // ------------------------------------------------------------------ async and cancellation

  @Test
  void executeAsyncCompletesWithTheAnswer() throws Exception {
    CompletableFuture<TransportResponse> future =
        transport.executeAsync(get("/v1/user/balance", GENEROUS));
    try (TransportResponse response = future.get(30, TimeUnit.SECONDS)) {
      assertEquals(200, response.status());
      assertTrue(text(response).contains("\"success\":true"));
    }
  }

  @Test
  void executeAsyncFailsWithATransportException() throws Exception {
    URI closed = fake.url("/v1/balance");
    fake.close();
    CompletableFuture<TransportResponse> future =
        transport.executeAsync(request("GET", closed, null, GENEROUS, false));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
    TransportException cause = transportException(e);
    assertEquals(TransportException.Kind.CONNECT_FAILED, cause.kind(), () -> describe(cause));
  }

  @Test
  void executeAsyncTimesOutWithATransportException() throws Exception {
    fake.inject(Fault.delay(HELD).on(Route.GET_BALANCE));
    CompletableFuture<TransportResponse> future = transport.executeAsync(get("/v1/balance", SHORT));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
    TransportException cause = transportException(e);
    assertEquals(TransportException.Kind.TIMEOUT, cause.kind(), () -> describe(cause));
  }

  @Test
  void cancellingTheAsyncCallAbandonsTheExchange() throws Exception {
    fake.inject(Fault.delay(HELD).on(Route.GET_BALANCE));
    CompletableFuture<TransportResponse> future =
        transport.executeAsync(get("/v1/balance", GENEROUS));
    assertTrue(
        fake.journal().awaitReceived(Route.GET_BALANCE, 1, GENEROUS),
        "the request should reach the fake");
    assertTrue(future.cancel(true), "a pending call can be cancelled");
    assertTrue(future.isCancelled());
    assertThrows(CancellationException.class, () -> future.get(1, TimeUnit.SECONDS));
    try (TransportResponse next = transport.execute(get("/v1/user/balance", GENEROUS))) {
      assertEquals(200, next.status(), "the transport stays usable after a cancellation");
    }
  }

  @Test
  void interruptedCallerGetsCancelledWithItsInterruptFlagKept() throws Exception {
    fake.inject(Fault.delay(HELD).on(Route.GET_BALANCE));
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                transport.execute(get("/v1/balance", GENEROUS)).close();
                outcome.complete("answered");
              } catch (TransportException e) {
                outcome.complete(List.of(e.kind(), Thread.currentThread().isInterrupted()));
              } catch (RuntimeException e) {
                outcome.complete(e);
              }
            },
            "contract-interrupted-caller");
    caller.start();
    assertTrue(fake.journal().awaitReceived(Route.GET_BALANCE, 1, GENEROUS));
    caller.interrupt();
    Object result;
    try {
      result = outcome.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      caller.interrupt();
      throw new AssertionError("execute did not return after the caller was interrupted", e);
    }
    assertEquals(
        List.of(TransportException.Kind.CANCELLED, true),
        result,
        "expected TransportException(CANCELLED) with the interrupt flag restored");
  }

  // ------------------------------------------------------------------ faults of a raw server

  @TestFactory
  Stream<DynamicTest> redirectsAreReturnedNotFollowed() {
    return IntStream.of(301, 302, 303, 307, 308)
        .mapToObj(status -> dynamicTest(String.valueOf(status), () -> redirectIsReturned(status)));
  }

  private void redirectIsReturned(int status) {
    RawHttpServer.Script moved = RawHttpServer.answer(status, "moved", "Location", "/elsewhere");
    try (RawHttpServer server = RawHttpServer.start(moved)) {
      TransportRequest request = plain("GET", server.uri("/v1/tasks/t1"), null, GENEROUS, false);
      try (TransportResponse response = transport.execute(request)) {
        assertEquals(status, response.status());
        assertEquals("/elsewhere", response.header("location"));
        assertEquals("moved", text(response));
      }
      List<RawHttpServer.Request> seen = server.requests();
      assertEquals(1, seen.size(), () -> "core decides on redirects: " + seen);
      assertEquals("/v1/tasks/t1", seen.get(0).path());
    }
  }

  @Test
  void headersTheHttpClientSetsItselfAreNotTakenFromTheRequest() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("evil.example"));
    headers.put("Content-Length", List.of("999"));
    headers.put("Connection", List.of("close"));
    headers.put("Expect", List.of("100-continue"));
    headers.put("Upgrade", List.of("websocket"));
    headers.put("X-Kept", List.of("yes"));
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "ok"))) {
      TransportRequest request =
          TransportRequest.builder()
              .method("POST")
              .uri(server.uri("/h"))
              .headers(headers)
              .body(RequestBody.ofBytes(new byte[] {1, 2, 3}, "application/octet-stream"))
              .timeout(GENEROUS)
              .build();
      try (TransportResponse response = transport.execute(request)) {
        assertEquals(200, response.status(), "such headers are skipped, not refused");
      }
      RawHttpServer.Request seen = server.awaitRequest();
      assertNotEquals("evil.example", seen.header("host"));
      assertEquals("3", seen.header("content-length"));
      assertEquals("yes", seen.header("x-kept"), "other headers are sent as given");
      assertArrayEquals(new byte[] {1, 2, 3}, seen.body());
    }
  }

  @Test
  void invalidHeaderValueIsRefusedWithoutShowingIt() {
    Map<String, List<String>> headers =
        Map.of("Authorization", List.of("Bearer sk-secret\r\nX-Evil: 1"));
    TransportRequest request =
        TransportRequest.builder()
            .method("GET")
            .uri(fake.url("/v1/balance"))
            .headers(headers)
            .timeout(GENEROUS)
            .build();
    TransportException e = assertThrows(TransportException.class, () -> transport.execute(request));
    assertEquals(TransportException.Kind.CONNECT_FAILED, e.kind(), "nothing was sent");
    assertTrue(e.getMessage().contains("authorization"), "the message names the header");
    assertFalse(e.getMessage().contains("sk-secret"), "the value may be the API key");
    assertNull(e.getCause(), "a cause's message could quote the value");
    assertEquals(List.of(), fake.journal().requests());
  }

  @TestFactory
  Stream<DynamicTest> connectionBrokenAfterThePostWasSentIsConnectionLost() {
    Map<String, RawHttpServer.Script> faults = new LinkedHashMap<>();
    faults.put("closed without an answer", RawHttpServer.closeWithoutAnswer());
    faults.put("answer shorter than its Content-Length", RawHttpServer.truncatedBody());
    faults.put("connection reset", RawHttpServer.reset());
    return faults.entrySet().stream()
        .map(fault -> dynamicTest(fault.getKey(), () -> postIsConnectionLost(fault.getValue())));
  }

  private void postIsConnectionLost(RawHttpServer.Script fault) {
    try (RawHttpServer server = RawHttpServer.start(fault)) {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      TransportRequest request =
          plain("POST", server.uri("/v1/images/generations"), body, GENEROUS, false);
      TransportException e =
          assertThrows(TransportException.class, () -> transport.execute(request));
      assertEquals(TransportException.Kind.CONNECTION_LOST, e.kind(), () -> describe(e));
      assertTrue(e.kind().maybeSent());
    }
  }

  @Test
  void truncatedDownloadFailsInsteadOfEndingEarly() {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.truncatedBody());
        TransportResponse response =
            transport.execute(plain("GET", server.uri("/a.png"), null, GENEROUS, true))) {
      assertEquals(200, response.status());
      assertThrows(
          IOException.class,
          () -> response.body().readAllBytes(),
          "a body shorter than its Content-Length must not read as complete");
    }
  }

  @Test
  void bufferedBodyThatStallsIsATimeout() {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.stallBody())) {
      TransportRequest request = plain("GET", server.uri("/stall"), null, SHORT, false);
      TransportException e =
          assertThrows(TransportException.class, () -> transport.execute(request));
      assertEquals(TransportException.Kind.TIMEOUT, e.kind(), () -> describe(e));
      assertTrue(
          e.getMessage().contains(SHORT.toString()),
          () -> "the message names the timeout: " + e.getMessage());
    }
  }

  @Test
  void bufferedBodyThatStallsIsATimeoutForAnAsyncCallToo() {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.stallBody())) {
      CompletableFuture<TransportResponse> future =
          transport.executeAsync(plain("GET", server.uri("/stall"), null, SHORT, false));
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
      TransportException cause = transportException(e);
      assertEquals(TransportException.Kind.TIMEOUT, cause.kind(), () -> describe(cause));
    }
  }

  @Test
  void cancellingTheAsyncCallReleasesItsConnection() throws Exception {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.neverAnswer())) {
      CompletableFuture<TransportResponse> future =
          transport.executeAsync(
              plain("GET", server.uri("/v1/tasks/t1"), null, abandonedTimeout(), false));
      server.awaitRequest();

      assertTrue(future.cancel(true), "a pending call can be cancelled");

      assertTrue(server.awaitClientClose(CLOSE_WAIT), this::connectionKept);
    }
  }

  @Test
  void interruptingTheCallerReleasesItsConnection() throws Exception {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.neverAnswer())) {
      TransportRequest request =
          plain("GET", server.uri("/v1/tasks/t1"), null, abandonedTimeout(), false);
      CompletableFuture<Object> outcome = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  transport.execute(request).close();
                  outcome.complete("answered");
                } catch (TransportException e) {
                  outcome.complete(e.kind());
                } catch (RuntimeException e) {
                  outcome.complete(e);
                }
              },
              "contract-interrupted-caller");
      caller.start();
      server.awaitRequest();

      caller.interrupt();

      assertTrue(server.awaitClientClose(CLOSE_WAIT), this::connectionKept);
      assertEquals(TransportException.Kind.CANCELLED, outcome.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void alreadyInterruptedCallerIsCancelledAndSendsNothing() {
    TransportException e;
    boolean flagKept;
    Thread.currentThread().interrupt();
    try {
      e =
          assertThrows(
              TransportException.class, () -> transport.execute(get("/v1/balance", GENEROUS)));
      flagKept = Thread.currentThread().isInterrupted();
    } finally {
      Thread.interrupted();
    }
    assertEquals(TransportException.Kind.CANCELLED, e.kind(), () -> describe(e));
    assertTrue(flagKept, "the interrupt flag must be kept");
    try (TransportResponse next = transport.execute(get("/v1/user/balance", GENEROUS))) {
      assertEquals(200, next.status(), "the transport stays usable");
    }
    assertEquals(0, fake.journal().received(Route.GET_BALANCE), "nothing may be sent");
  }

  @Test
  void closedTransportRefusesNewRequests() {
    transport.close();
    transport.close();

    TransportException e =
        assertThrows(
            TransportException.class, () -> transport.execute(get("/v1/balance", GENEROUS)));
    assertEquals(TransportException.Kind.CANCELLED, e.kind(), () -> describe(e));
    CompletableFuture<TransportResponse> future =
        transport.executeAsync(get("/v1/balance", GENEROUS));
    assertTrue(future.isCompletedExceptionally(), "a closed transport refuses at once");
    TransportException cause =
        transportException(
            assertThrows(ExecutionException.class, () -> future.get(1, TimeUnit.SECONDS)));
    assertEquals(TransportException.Kind.CANCELLED, cause.kind(), () -> describe(cause));
    assertEquals(0, fake.journal().received(Route.GET_BALANCE), "nothing may be sent");
  }

  @Test
  void closeDoesNotWaitForAnUnreadDownload() throws Exception {
    TransportResponse unread;
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.stallBody())) {
      unread = transport.execute(plain("GET", server.uri("/a.png"), null, GENEROUS, true));

      CompletableFuture<Void> closing = CompletableFuture.runAsync(transport::close);

      closing.get(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    // Only now: some clients (Apache HttpClient 5) read the rest of a body when it is closed.
    unread.close();
  }

  // ------------------------------------------------------------------ streamed request bodies

  @Test
  void aStreamedBodyArrivesByteExactWithItsContentLengthAndIsResentWhole() {
    byte[] content = pseudoRandom(300 * 1024 + 7);
    TrackedSource source = new TrackedSource(content, content.length, null);
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "ok"))) {
      TransportRequest request =
          TransportRequest.builder()
              .method("POST")
              .uri(server.uri("/v1/uploads/images"))
              .body(RequestBody.ofSource(content.length, "image/png", source))
              .timeout(GENEROUS)
              .build();
      for (int attempt = 0; attempt < 2; attempt++) {
        try (TransportResponse response = transport.execute(request)) {
          assertEquals(200, response.status());
        }
      }
      List<RawHttpServer.Request> seen = server.requests();
      assertEquals(2, seen.size(), () -> "each call sends the body once: " + seen);
      for (RawHttpServer.Request received : seen) {
        assertEquals(Integer.toString(content.length), received.header("content-length"));
        assertNull(received.header("transfer-encoding"), "a declared length, never chunked");
        assertEquals("image/png", received.header("content-type"));
        assertArrayEquals(content, received.body(), "the body must arrive byte for byte");
      }
    }
    assertTrue(source.opened() >= 2, "every call opens a fresh stream of the source");
    assertEquals(source.opened(), source.closed(), "every stream opened must be closed");
  }

  @TestFactory
  Stream<DynamicTest> aBodySourceThatFailsIsNotSentAndItsStreamIsClosed() {
    Map<String, TrackedSource> faults = new LinkedHashMap<>();
    byte[] content = pseudoRandom(512 * 1024);
    faults.put(
        "fails after 64 KiB",
        new TrackedSource(content, 64 * 1024, new IOException("disk unplugged")));
    faults.put("ends before its declared length", new TrackedSource(content, 100_000, null));
    faults.put("cannot be opened", TrackedSource.unopenable(content.length));
    List<DynamicTest> tests = new ArrayList<>();
    faults.forEach(
        (name, source) -> {
          tests.add(dynamicTest(name, () -> bodySourceFails(source, content.length, false)));
          tests.add(
              dynamicTest(name + " (async)", () -> bodySourceFails(source, content.length, true)));
        });
    return tests.stream();
  }

  private void bodySourceFails(TrackedSource source, long declared, boolean async)
      throws Exception {
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "ok"))) {
      TransportRequest request =
          TransportRequest.builder()
              .method("POST")
              .uri(server.uri("/v1/uploads/images"))
              .body(RequestBody.ofSource(declared, "image/png", source))
              .timeout(GENEROUS)
              .build();
      TransportException e;
      if (async) {
        CompletableFuture<TransportResponse> future = transport.executeAsync(request);
        e =
            transportException(
                assertThrows(
                    ExecutionException.class,
                    () -> future.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)));
      } else {
        e = assertThrows(TransportException.class, () -> transport.execute(request));
      }
      assertEquals(TransportException.Kind.CONNECT_FAILED, e.kind(), () -> describe(e));
      assertFalse(e.kind().maybeSent(), "the server never received the whole request");
      assertTrue(e.getMessage().contains("body"), () -> "the message says why: " + describe(e));
      assertEquals(List.of(), server.requests(), "no complete request may reach the server");
    }
    assertEquals(source.opened(), source.closed(), "every stream opened must be closed");
  }

  /**
   * A body source that serves {@code content} up to {@code limit} bytes, then fails with {@code
   * failure} (or ends, when it is {@code null}), and counts the streams it opened and closed.
   */
  private static final class TrackedSource implements RequestBody.Source {
    private final byte[] content;
    private final int limit;
    private final @Nullable IOException failure;
    private final boolean openable;
    private final java.util.concurrent.atomic.AtomicInteger opened =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();

    TrackedSource(byte[] content, int limit, @Nullable IOException failure) {
      this(content, limit, failure, true);
    }

    private TrackedSource(
        byte[] content, int limit, @Nullable IOException failure, boolean openable) {
      this.content = content;
      this.limit = limit;
      this.failure = failure;
      this.openable = openable;
    }

    static TrackedSource unopenable(int length) {
      return new TrackedSource(new byte[length], 0, null, false);
    }

    int opened() {
      return opened.get();
    }

    int closed() {
      return closed.get();
    }

    @Override
    public InputStream open() throws IOException {
      if (!openable) {
        throw new IOException("no such file");
      }
      opened.incrementAndGet();
      return new InputStream() {
        private int position;
        private boolean done;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (position >= limit) {
            if (failure != null) {
              throw failure;
            }
            return -1;
          }
          int n = Math.min(len, limit - position);
          System.arraycopy(content, position, b, off, n);
          position += n;
          return n;
        }

        @Override
        public void close() {
          if (!done) {
            done = true;
            closed.incrementAndGet();
          }
        }
      };
    }
  }

  private static byte[] pseudoRandom(int length) {
    byte[] bytes = new byte[length];
    new java.util.Random(length).nextBytes(bytes);
    return bytes;
  }

  // ------------------------------------------------------------------ helpers

  /** A request to the fake with its API key and the given extra header pairs. */
  protected TransportRequest request(
      String method,
      URI uri,
      byte @Nullable [] body,
      Duration timeout,
      boolean streaming,
      String... headerPairs) {
    TransportRequest.Builder b =
        TransportRequest.builder()
            .method(method)
            .uri(uri)
            .header("authorization", "Bearer " + fake.apiKey())
            .header("accept", JSON)
            .body(body == null ? null : RequestBody.ofBytes(body, JSON))
            .timeout(timeout)
            .streaming(streaming);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      b.removeHeader(headerPairs[i]).header(headerPairs[i], headerPairs[i + 1]);
    }
    return b.build();
  }

  /** A request without headers, for a {@link RawHttpServer}. */
  private static TransportRequest plain(
      String method, URI uri, byte @Nullable [] body, Duration timeout, boolean streaming) {
    return TransportRequest.builder()
        .method(method)
        .uri(uri)
        .body(body == null ? null : RequestBody.ofBytes(body, "application/octet-stream"))
        .timeout(timeout)
        .streaming(streaming)
        .build();
  }

  /**
   * The timeout of an exchange the test abandons: one that outlasts the wait for the close when the
   * transport aborts (so only the abort can close it in time); when it does not, one short enough
   * for the close to come well within that wait, yet long enough that the test has certainly
   * cancelled or interrupted the call before it passes.
   */
  private Duration abandonedTimeout() {
    return abortsABlockedExchange() ? GENEROUS : SHORT.multipliedBy(2);
  }

  private String connectionKept() {
    return abortsABlockedExchange()
        ? "the exchange must be aborted at once, closing its connection (or override"
            + " abortsABlockedExchange() to return false)"
        : "the connection must be closed once the request's timeout ends the read";
  }

  private TransportRequest get(String path, Duration timeout) {
    return request("GET", fake.url(path), null, timeout, false);
  }

  private TransportRequest submit(byte[] body, Duration timeout) {
    return request("POST", fake.url("/v1/images/generations"), body, timeout, false);
  }

  private URI completedImage(String size, String resolution) {
    String json =
        "{\"model\":\"z-image-turbo\",\"prompt\":\"contract\",\"size\":\""
            + size
            + "\",\"resolution\":\""
            + resolution
            + "\"}";
    try (TransportResponse response =
        transport.execute(submit(json.getBytes(StandardCharsets.UTF_8), GENEROUS))) {
      assertEquals(200, response.status(), () -> "submission failed: " + text(response));
    }
    FakeTask task = fake.completeNow(fake.lastTask().id());
    return task.imageUrls().get(0);
  }

  private RecordedRequest onlyRequest(Route route) {
    List<RecordedRequest> requests = fake.journal().awaitRequests(route, 1, GENEROUS);
    assertEquals(1, requests.size(), () -> "expected exactly one request: " + requests);
    return requests.get(0);
  }

  private static String text(TransportResponse response) {
    try {
      return new String(response.bodyBytes(), StandardCharsets.UTF_8);
    } catch (UncheckedIOException e) {
      throw new AssertionError("reading the body failed", e);
    }
  }

  private static int readInt(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 24)
        | ((bytes[offset + 1] & 0xff) << 16)
        | ((bytes[offset + 2] & 0xff) << 8)
        | (bytes[offset + 3] & 0xff);
  }

  private static TransportException transportException(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return assertInstanceOf(
        TransportException.class, cause, "the future must fail with a TransportException");
  }

  private static String describe(TransportException e) {
    return "got "
        + e.kind()
        + ": "
        + e.getMessage()
        + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
  }
}
