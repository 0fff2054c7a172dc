package dev.apimart.spring.boot.webhook;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.webhook.WebhookDeduplicator;
import dev.apimart.core.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What the webhook endpoint does with a callback, whichever web stack carries it: check the secret,
 * decode, de-duplicate, and hand the event to an executor so the answer goes back at once.
 * Thread-safe.
 */
final class WebhookReceiver {

  /** The largest body read: a status answer is a few kilobytes (images are URLs). */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final Log LOG = LogFactory.getLog(WebhookReceiver.class);

  /** The answers, as HTTP statuses. */
  enum Answer {
    /** A new finished task: its event is on its way. */
    ACCEPTED(200),
    /** A task already received: nothing published, and 2xx so that ApiMart stops repeating it. */
    DUPLICATE(200),
    /** Wrong or missing secret: answered as if nothing were there. */
    NOT_FOUND(404),
    /** Not a callback of a finished task. 4xx: ApiMart does not repeat it. */
    BAD_REQUEST(400),
    /** Larger than any callback. */
    TOO_LARGE(413),
    /** The event could not be queued: 5xx, so that ApiMart delivers it again. */
    BUSY(503);

    final int status;

    Answer(int status) {
      this.status = status;
    }
  }

  private final byte[] secretDigest;
  private final WebhookDeduplicator deduplicator;
  private final ApplicationEventPublisher publisher;
  private final Executor executor;
  private final Clock clock;

  WebhookReceiver(
      String secret,
      WebhookDeduplicator deduplicator,
      ApplicationEventPublisher publisher,
      Executor executor,
      Clock clock) {
    this.secretDigest = sha256(secret);
    this.deduplicator = deduplicator;
    this.publisher = publisher;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Whether the secret from the URL is the configured one, in time independent of where they
   * differ: both are hashed first, so even their lengths are compared in constant time.
   */
  boolean secretMatches(String given) {
    return MessageDigest.isEqual(sha256(given), secretDigest);
  }

  /** Handles a callback whose secret matched and whose body was read (at most the limit). */
  Answer receive(byte[] body) {
    WebhookEvent event;
    try {
      event = WebhookEvent.parse(body);
    } catch (ApiMartException | IllegalArgumentException e) {
      // The exception's message names what was wrong, never the body: a body may carry image
      // links, which are bearer URLs.
      LOG.warn(
          "Refused an ApiMart callback of "
              + body.length
              + " bytes with 400: it is not a task answer ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
      return Answer.BAD_REQUEST;
    }
    if (!event.status().isTerminal()) {
      LOG.warn(
          "Refused an ApiMart callback for task "
              + event.taskId()
              + " with 400: its status "
              + event.task().rawStatus()
              + " is not final (ApiMart calls back for completed and failed tasks only)");
      return Answer.BAD_REQUEST;
    }
    if (!deduplicator.firstDelivery(event)) {
      LOG.debug("ApiMart repeated the callback for task " + event.taskId() + "; handled once");
      return Answer.DUPLICATE;
    }
    ApiMartTaskFinishedEvent finished =
        ApiMartTaskFinishedEvent.builder().task(event.task()).receivedAt(clock.instant()).build();
    try {
      executor.execute(() -> publish(finished));
    } catch (RejectedExecutionException e) {
      deduplicator.forget(event.taskId());
      LOG.warn(
          "ApiMart reported task "
              + event.taskId()
              + " "
              + event.status()
              + ", but the webhook executor refused the event; answering 503 so that ApiMart"
              + " delivers it again (after about 10 s, 30 s and 60 s)",
          e);
      return Answer.BUSY;
    }
    return Answer.ACCEPTED;
  }

  private void publish(ApiMartTaskFinishedEvent event) {
    try {
      publisher.publishEvent(event);
    } catch (RuntimeException e) {
      LOG.error("A listener of " + event + " failed; ApiMart was answered 200 already", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
