package dev.apimart.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.apimart.testkit.Route;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Locale;

/**
 * Turns an arriving exchange into a {@link Call}: routes it, takes its journal sequence number,
 * reads the body up to the size limit (draining a larger one so the client can read the 413),
 * checks the key and keeps the headers redacted.
 */
final class RequestReader {

  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private final FakeSettings settings;
  private final RequestLog log;
  private final FakeClock clock;
  private final ApiKeys keys;

  RequestReader(FakeSettings settings, RequestLog log, FakeClock clock, ApiKeys keys) {
    this.settings = settings;
    this.log = log;
    this.clock = clock;
    this.keys = keys;
  }

  Call read(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = exchange.getRequestURI();
    String path = uri.getPath() == null ? "" : uri.getPath();
    Call call = new Call(method, path, Router.query(uri.getRawQuery()));
    call.arrivedAt = clock.now();
    Router.route(call);
    call.sequence = log.arrived(call.route);
    Headers headers = exchange.getRequestHeaders();
    call.contentType = headers.getFirst("Content-Type");
    call.authProblem = keys.problem(headers);
    call.keyAccepted = call.authProblem == null;
    readBody(exchange.getRequestBody(), call);
    call.headers = keys.redacted(headers);
    call.idempotencyKey = headers.getFirst("Idempotency-Key");
    if (call.route == Route.UNMATCHED && settings.strict()) {
      Log.LOG.log(
          Level.WARNING,
          "FakeApiMart (strict): no route for {0} {1}; this fails the test",
          method,
          path);
    }
    return call;
  }

  private void readBody(InputStream in, Call call) throws IOException {
    int max =
        call.route == Route.UPLOAD_IMAGE
            ? Math.max(UploadStore.MAX_BODY_BYTES, settings.maxRequestBodyBytes())
            : settings.maxRequestBodyBytes();
    byte[] body = in.readNBytes(max + 1);
    if (body.length > max) {
      call.tooLarge = true;
      call.bodyLength = body.length;
      // Read on (up to a limit) so the client finishes sending and can read the 413.
      long skipped = 0;
      byte[] sink = new byte[64 * 1024];
      int n;
      while (skipped < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
        skipped += n;
      }
      call.bodyLength = (int) Math.min(Integer.MAX_VALUE, body.length + skipped);
      call.body = new byte[0];
    } else {
      call.body = body;
      call.bodyLength = body.length;
    }
  }

  /** The logger, created on first use: initializing logging is slow and rarely needed. */
  static final class Log {
    static final System.Logger LOG = System.getLogger("dev.apimart.testkit.FakeApiMart");
  }
}
