package dev.apimart.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * The fake's one HTTP handler: reads the exchange ({@link RequestReader}), answers it as an armed
 * fault or the endpoint says ({@link FaultResponder}, {@link Endpoints}), writes the answer and
 * journals the call ({@link ResponseWriter}, {@link CallJournal}). Never lets an exception or stack
 * trace reach the client: a bug in the fake is answered 500 in the service's envelope and logged.
 *
 * <p>To drop a connection it throws out of {@link #handle}: the JDK server then closes the socket
 * without writing anything more, so the client sees the connection end (EOF) instead of an answer.
 *
 * <p>Public only because {@code FakeApiMart} (another package) wires it to the server; not API.
 */
public final class ApiHandler implements HttpHandler {

  private final RequestReader reader;
  private final FaultResponder responder;
  private final ResponseWriter writer;
  private final CallJournal journal;
  private final Pauses pauses;

  /**
   * Wires the handler to the fake's state.
   *
   * @param uploads serves the upload endpoint; without one, uploads are answered 404
   * @param webhooks registers the webhooks of accepted submissions; without one they are ignored
   * @param pauses how fault delays and slow bodies wait
   */
  public ApiHandler(
      FakeSettings settings,
      TaskStore store,
      FaultPlan faults,
      RequestLog log,
      FakeClock clock,
      IdempotencyKeys idempotency,
      @Nullable UploadStore uploads,
      @Nullable WebhookDispatcher webhooks,
      Pauses pauses) {
    this.pauses = pauses;
    this.journal = new CallJournal(log, settings.journalBodyLimit());
    this.reader = new RequestReader(settings, log, clock, new ApiKeys(settings.apiKeys()));
    this.writer = new ResponseWriter(journal, pauses);
    this.responder =
        new FaultResponder(
            faults, new Endpoints(settings, store, idempotency, uploads, webhooks), writer, pauses);
  }

  /** Ends every delay early and at once: the server is shutting down. */
  public void stopping() {
    pauses.stop();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Call call = null;
    try {
      call = reader.read(exchange);
      responder.respond(exchange, call);
    } catch (Drop drop) {
      throw new IOException("FakeApiMart dropped the connection", drop);
    } catch (IOException e) {
      // The client went away mid-exchange; the server closes the connection.
      if (call != null) {
        journal.recordOnce(call, 0);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      RequestReader.Log.LOG.log(
          Level.WARNING, "FakeApiMart failed to answer a request; answering 500", e);
      if (call != null && !call.headersSent) {
        writer.sendInternalError(exchange, call, e);
      } else {
        throw new IOException("FakeApiMart failed while answering", e);
      }
    } finally {
      exchange.close();
    }
  }
}
