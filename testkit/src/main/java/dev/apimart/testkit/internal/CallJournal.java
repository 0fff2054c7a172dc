package dev.apimart.testkit.internal;

import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.nio.charset.StandardCharsets;

/** Writes a finished call into the {@link RequestLog} the journal reads, once. */
final class CallJournal {

  private final RequestLog log;
  private final int bodyLimit;

  CallJournal(RequestLog log, int bodyLimit) {
    this.log = log;
    this.bodyLimit = bodyLimit;
  }

  /** Records the call with the status it was answered (0: dropped, or the client went away). */
  void record(Call call, int status) {
    call.recorded = true;
    log.record(
        new RecordedRequest(
            call.sequence,
            call.arrivedAt,
            call.method,
            call.path,
            call.query,
            call.headers,
            body(call),
            call.bodyLength,
            call.route,
            call.taskId,
            call.keyAccepted,
            status,
            call.fault));
  }

  /** Records the call unless it already was. */
  void recordOnce(Call call, int status) {
    if (!call.recorded) {
      record(call, status);
    }
  }

  private String body(Call call) {
    if (call.route == Route.UPLOAD_IMAGE) {
      return UploadStore.describe(call.contentType, call.body);
    }
    String text = new String(call.body, StandardCharsets.UTF_8);
    return text.length() <= bodyLimit ? text : text.substring(0, bodyLimit);
  }
}
