package dev.apimart.testkit.internal;

import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.RefusalStyle;
import dev.apimart.testkit.Route;
import dev.apimart.testkit.SubmissionShape;
import dev.apimart.testkit.UnknownTaskAnswer;
import dev.apimart.testkit.internal.SubmissionParser.InvalidSubmission;
import dev.apimart.testkit.internal.SubmissionParser.Submission;
import dev.apimart.testkit.internal.TaskStore.Created;
import dev.apimart.testkit.internal.TaskStore.ImageExpired;
import dev.apimart.testkit.internal.TaskStore.ImageFound;
import dev.apimart.testkit.internal.TaskStore.ImageLookup;
import dev.apimart.testkit.internal.TaskStore.InsufficientBalance;
import dev.apimart.testkit.internal.TaskStore.SubmitResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service's endpoints: what each route answers to a call that no fault intercepted — size
 * limit, then the key (except on image files and uploaded files, which a CDN serves without one),
 * then the endpoint itself. Has the side effects the service has: a submission creates (and later
 * bills) a task, an upload is stored.
 */
final class Endpoints {

  private final FakeSettings settings;
  private final TaskStore store;
  private final IdempotencyKeys idempotency;
  private final @Nullable UploadStore uploads;
  private final @Nullable WebhookDispatcher webhooks;

  Endpoints(
      FakeSettings settings,
      TaskStore store,
      IdempotencyKeys idempotency,
      @Nullable UploadStore uploads,
      @Nullable WebhookDispatcher webhooks) {
    this.settings = settings;
    this.store = store;
    this.idempotency = idempotency;
    this.uploads = uploads;
    this.webhooks = webhooks;
  }

  Answer answer(Call call) {
    if (call.tooLarge && call.route != Route.UPLOAD_IMAGE) {
      return Answer.error(
          413,
          "Request body is larger than "
              + settings.maxRequestBodyBytes()
              + " bytes: a generation request is a small JSON object");
    }
    switch (call.route) {
      case UNMATCHED:
        return unmatched(call);
      case IMAGE_FILE:
        return image(call);
      case UPLOADED_FILE:
        return uploaded(call);
      default:
        break;
    }
    String authProblem = call.authProblem;
    if (authProblem != null) {
      return Answer.error(401, authProblem);
    }
    return switch (call.route) {
      case SUBMIT_GENERATION -> submit(call);
      case UPLOAD_IMAGE -> upload(call);
      case GET_USAGE -> {
        UsageReport.Reply reply = UsageReport.answer(call.query, store.all());
        yield Answer.json(reply.status(), reply.body()).withHeader("X-Usage-Cache", "MISS");
      }
      case GET_TASK -> task(call);
      case GET_BALANCE, GET_USER_BALANCE -> {
        TaskStore.BalanceView view = store.balance();
        yield Answer.json(200, Responses.balance(view.remaining(), view.used()));
      }
      default -> unmatched(call);
    };
  }

  private Answer submit(Call call) {
    if (settings.strict()) {
      String type = call.contentType;
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        return Answer.error(
            400,
            "Content-Type must be application/json, got "
                + (type == null ? "none" : "'" + type + "'"));
      }
    }
    Submission submission;
    try {
      submission =
          SubmissionParser.parse(
              uploads == null ? call.body : uploads.withPublicUploadUrls(call.body),
              settings.strict(),
              settings.models(),
              settings.anyModel());
    } catch (InvalidSubmission e) {
      boolean buildFailed =
          settings.refusalStyle() == RefusalStyle.BUILD_REQUEST_FAILED
              && e.model().isPresent()
              && !e.model().get().isSeed();
      return buildFailed
          ? Answer.error(500, "build_request_failed: " + String.join("; ", e.problems()))
          : Answer.error(400, "Invalid request: " + String.join("; ", e.problems()));
    }
    String key = call.idempotencyKey;
    IdempotencyKeys.Outcome outcome =
        idempotency.submit(
            key,
            key == null
                ? Map.of()
                : JsonSupport.toPlainObject(new String(call.body, StandardCharsets.UTF_8)),
            () -> store.submit(submission),
            r -> r instanceof Created created ? created.taskId() : null);
    if (outcome instanceof IdempotencyKeys.Reused) {
      return Answer.json(
          409,
          Responses.idempotencyError(
              409,
              "idempotency_key_reused",
              "Idempotency-Key was already used for a different request; this one was not"
                  + " executed"));
    }
    if (outcome instanceof IdempotencyKeys.Replay replay) {
      call.taskId = replay.taskId();
      return submitted(replay.taskId()).withHeader("Idempotent-Replayed", "true");
    }
    SubmitResult result = (SubmitResult) ((IdempotencyKeys.Executed<?>) outcome).result();
    if (result instanceof InsufficientBalance poor) {
      return Answer.error(
          402,
          "Insufficient balance: this request costs "
              + poor.cost().toPlainString()
              + " ("
              + submission.n()
              + " image(s) of "
              + submission.model().id()
              + ") but only "
              + poor.available().toPlainString()
              + " is available; top up or ask for fewer images");
    }
    String taskId = ((Created) result).taskId();
    call.taskId = taskId;
    WebhookDispatcher dispatcher = webhooks;
    if (dispatcher != null) {
      Object hook =
          JsonSupport.toPlainObject(new String(call.body, StandardCharsets.UTF_8)).get("webhook");
      if (hook instanceof String url) {
        dispatcher.register(taskId, url);
      }
    }
    return submitted(taskId);
  }

  private Answer submitted(String taskId) {
    SubmissionShape shape = settings.submissionShape();
    return Answer.json(
        Responses.submittedStatus(shape),
        Responses.submitted(
            shape, settings.statusWords(), store.peek(taskId).orElse(null), taskId));
  }

  private Answer upload(Call call) {
    UploadStore store = uploads;
    if (store == null) {
      return unmatched(call);
    }
    UploadStore.Reply reply = store.accept(call.contentType, call.body, call.tooLarge);
    return new Answer(reply.status(), reply.contentType(), reply.body(), Map.of());
  }

  private Answer uploaded(Call call) {
    UploadStore store = uploads;
    if (store == null || call.taskId == null) {
      return unmatched(call);
    }
    UploadStore.Reply reply = store.serve(call.taskId);
    return new Answer(reply.status(), reply.contentType(), reply.body(), Map.of());
  }

  private Answer task(Call call) {
    String language = "en";
    List<String> languages = call.query.get("language");
    if (languages != null && !languages.isEmpty()) {
      language = languages.get(0);
      if (!Messages.supports(language)) {
        return Answer.error(
            400,
            "language '"
                + abbreviate(language)
                + "' is not supported: use one of "
                + Messages.LANGUAGES);
      }
    }
    String taskId = call.taskId == null ? "" : call.taskId;
    Optional<FakeTask> task = store.poll(taskId);
    if (task.isEmpty()) {
      return settings.unknownTaskAnswer() == UnknownTaskAnswer.INVALID_TASK_ID
          ? Answer.error(400, "invalid task ID: " + abbreviate(taskId))
          : Answer.error(404, Messages.taskNotFound(language, abbreviate(taskId)));
    }
    return Answer.json(
        200,
        Responses.task(
            task.get(),
            store.urlShape(taskId),
            settings.imageLifetime(),
            settings.statusWords(),
            settings.reportCost()));
  }

  private Answer image(Call call) {
    String taskId = call.taskId == null ? "" : call.taskId;
    ImageLookup lookup = store.image(taskId, call.imageIndex);
    if (lookup instanceof ImageFound found) {
      return new Answer(
          200,
          "image/png",
          PngImages.png(found.size(), found.seed(), found.comment()),
          Map.of("Cache-Control", "public, max-age=86400"));
    }
    if (lookup instanceof ImageExpired) {
      return Answer.cdnError(403, "AccessDenied", "Request has expired.", call.path);
    }
    return Answer.cdnError(404, "NoSuchKey", "The specified key does not exist.", call.path);
  }

  private Answer unmatched(Call call) {
    if (call.allowed != null) {
      return Answer.error(
              405,
              "Method " + call.method + " is not allowed on " + call.path + "; use " + call.allowed)
          .withHeader("Allow", call.allowed);
    }
    String hint = settings.strict() ? " (FakeApiMart strict mode: no such route)" : "";
    return Answer.error(
        404, "Invalid URL (" + call.method + " " + abbreviate(call.path) + ")" + hint);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
