package dev.apimart.core.internal.wire;

import dev.apimart.core.error.UnexpectedResponseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One answer being decoded: what a decoder needs to build an error that points at it, with the raw
 * body kept (redacted) in the exception.
 */
final class Answer {

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Exchange exchange;
  private final AnswerReader reader;

  Answer(
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      Exchange exchange,
      AnswerReader reader) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.exchange = exchange;
    this.reader = reader;
  }

  int status() {
    return status;
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }

  Exchange exchange() {
    return exchange;
  }

  /**
   * The exception for an answer that could not be used.
   *
   * @param what why, e.g. "the task has no id"
   */
  UnexpectedResponseException problem(String what, @Nullable Throwable cause) {
    return reader.unexpected(
        status,
        headers,
        body,
        "ApiMart's answer to "
            + exchange.description()
            + " could not be used: "
            + what
            + " (HTTP "
            + status
            + "). The raw body is kept in the exception (rawBody())",
        cause);
  }
}
