package dev.apimart.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.apimart.testkit.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers a call as the fault armed for its route says — after the fault's delay — or normally
 * through the {@link Endpoints} when no fault hits it. Faults come before the key check, as a proxy
 * or an overloaded front end answers before the service sees the request.
 */
final class FaultResponder {

  private final FaultPlan faults;
  private final Endpoints endpoints;
  private final ResponseWriter writer;
  private final Pauses pauses;

  FaultResponder(FaultPlan faults, Endpoints endpoints, ResponseWriter writer, Pauses pauses) {
    this.faults = faults;
    this.endpoints = endpoints;
    this.writer = writer;
    this.pauses = pauses;
  }

  void respond(HttpExchange exchange, Call call) throws IOException {
    Fault fault = faults.take(call.route);
    call.fault = fault;
    if (fault == null) {
      writer.send(exchange, call, endpoints.answer(call));
      return;
    }
    if (!fault.delay().isZero() && !pauses.pause(fault.delay())) {
      throw writer.drop(call);
    }
    switch (fault.kind()) {
      case DELAY -> writer.send(exchange, call, endpoints.answer(call));
      case STATUS -> {
        int status = fault.status();
        writer.send(
            exchange,
            call,
            Answer.error(status, fault.message().orElse(Responses.defaultMessage(status)))
                .withRetryAfter(fault.retryAfter().orElse(null)));
      }
      case DROP_CONNECTION -> throw writer.drop(call);
      case DROP_CONNECTION_AFTER_PROCESSING -> {
        endpoints.answer(call);
        throw writer.drop(call);
      }
      case MALFORMED_JSON ->
          writer.send(exchange, call, Answer.json(200, Responses.malformedJson()));
      case HTML_ERROR_PAGE ->
          writer.send(
              exchange,
              call,
              new Answer(
                      fault.status(),
                      "text/html; charset=utf-8",
                      Responses.htmlErrorPage(fault.status()),
                      Map.of())
                  .withRetryAfter(fault.retryAfter().orElse(null)));
      case MISSING_IMAGE_FILE ->
          writer.send(
              exchange,
              call,
              Answer.cdnError(404, "NoSuchKey", "The specified key does not exist.", call.path));
      case TRUNCATED_BODY -> writer.sendTruncated(exchange, call, endpoints.answer(call));
      case SLOW_BODY ->
          writer.sendSlowly(exchange, call, endpoints.answer(call), fault.bodyDuration());
      case RESPONSE ->
          writer.send(
              exchange,
              call,
              new Answer(
                      fault.status(),
                      fault.contentType().orElse("text/plain"),
                      fault.body().orElse("").getBytes(StandardCharsets.UTF_8),
                      Map.of())
                  .withRetryAfter(fault.retryAfter().orElse(null)));
    }
  }
}
