package dev.apimart.testkit.internal;

/**
 * Unwinds the handler so the server closes the connection unanswered: the JDK server closes the
 * socket without writing anything more when the handler throws, so the client sees the connection
 * end (EOF) instead of an answer.
 */
final class Drop extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Drop() {
    super("connection dropped", null, false, false);
  }
}
