package dev.apimart.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Writes answers to the exchange — whole, cut off half way, or in pieces over time — and records
 * each call in the journal before its answer leaves, so a client that has its answer finds it
 * there.
 */
final class ResponseWriter {

  private final CallJournal journal;
  private final Pauses pauses;

  ResponseWriter(CallJournal journal, Pauses pauses) {
    this.journal = journal;
    this.pauses = pauses;
  }

  void send(HttpExchange exchange, Call call, Answer answer) throws IOException {
    journal.record(call, answer.status());
    writeHeaders(exchange, call, answer, answer.body().length);
    if (answer.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  /** Announces the whole body, sends half of it, then drops the connection. */
  void sendTruncated(HttpExchange exchange, Call call, Answer answer) throws IOException {
    byte[] body = answer.body();
    journal.record(call, answer.status());
    writeHeaders(exchange, call, answer, Math.max(2, body.length));
    OutputStream out = exchange.getResponseBody();
    out.write(body, 0, Math.max(1, body.length / 2));
    out.flush();
    throw new Drop();
  }

  /** Sends the body in up to 20 pieces spread over {@code total}. */
  void sendSlowly(HttpExchange exchange, Call call, Answer answer, Duration total)
      throws IOException {
    byte[] body = answer.body();
    journal.record(call, answer.status());
    writeHeaders(exchange, call, answer, body.length);
    int pieces = Math.max(1, Math.min(20, body.length));
    Duration gap = total.dividedBy(pieces);
    OutputStream out = exchange.getResponseBody();
    int offset = 0;
    for (int i = 0; i < pieces; i++) {
      int end = i == pieces - 1 ? body.length : (int) ((long) body.length * (i + 1) / pieces);
      out.write(body, offset, end - offset);
      out.flush();
      offset = end;
      if (i < pieces - 1 && !pauses.pause(gap)) {
        throw new Drop();
      }
    }
    out.close();
  }

  /** Records the call as dropped; throw the result to close the connection unanswered. */
  Drop drop(Call call) {
    journal.record(call, 0);
    return new Drop();
  }

  /** A last-resort 500 in the envelope, when answering failed before any header left. */
  void sendInternalError(HttpExchange exchange, Call call, Throwable failure) throws IOException {
    Answer answer =
        Answer.error(500, "FakeApiMart internal error: " + failure.getClass().getName());
    journal.recordOnce(call, 500);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(500, answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  private static void writeHeaders(HttpExchange exchange, Call call, Answer answer, long length)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", answer.contentType());
    answer.headers().forEach(headers::set);
    call.headersSent = true;
    exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : length);
  }
}
