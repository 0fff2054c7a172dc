package dev.apimart.testkit.internal;

import dev.apimart.core.model.TaskStatus;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.WebhookDelivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Delivers the fake's task callbacks as ApiMart documents them (docs.apimart.ai/en/api-reference/
 * tasks/webhook): once a task submitted with a {@code webhook} is final ({@code completed} or
 * {@code failed}), a {@code POST} of the status query's answer to the URL with {@code /callback}
 * appended; on a 5xx or no answer within 10 seconds, up to 3 retries about 10, 30 and 60 seconds
 * later; none after a 4xx. Time is the fake's: attempts fall due as its clock moves, and go out
 * when {@link #pump()} runs (on {@code advance}, {@code completeNow}, {@code failNow} and {@code
 * deliverWebhooks}), on the calling thread. Only loopback URLs are called — the fake never posts to
 * the network (the real service, conversely, refuses loopback URLs). Thread-safe.
 */
public final class WebhookDispatcher {

  private static final Duration[] RETRY_DELAYS = {
    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)
  };
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private static final class Pending {
    final String taskId;
    final URI callback;
    int attempts;
    @Nullable Instant due;
    boolean done;

    Pending(String taskId, URI callback) {
      this.taskId = taskId;
      this.callback = callback;
    }
  }

  private final FakeClock clock;
  private final Function<String, @Nullable FakeTask> tasks;
  private final Function<FakeTask, byte[]> payload;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final List<WebhookDelivery> deliveries = new ArrayList<>();
  private volatile boolean twice;
  private volatile @Nullable HttpClient http;

  /**
   * @param clock the fake's clock
   * @param tasks reads a task without counting a poll, or {@code null} when unknown
   * @param payload the status answer for a task
   */
  WebhookDispatcher(
      FakeClock clock,
      Function<String, @Nullable FakeTask> tasks,
      Function<FakeTask, byte[]> payload) {
    this.clock = clock;
    this.tasks = tasks;
    this.payload = payload;
  }

  /**
   * A dispatcher for the fake's tasks, posting each task's status answer as the fake's settings
   * shape it.
   */
  public static WebhookDispatcher forTasks(
      FakeClock clock, TaskStore store, FakeSettings settings) {
    return new WebhookDispatcher(
        clock,
        id -> store.peek(id).orElse(null),
        t ->
            Responses.task(
                t,
                store.urlShape(t.id()),
                settings.imageLifetime(),
                settings.statusWords(),
                settings.reportCost()));
  }

  /** The callback URL ApiMart posts to for a webhook: the URL with {@code /callback} appended. */
  public static URI callbackUrl(URI webhook) {
    String s = webhook.toString();
    int query = s.indexOf('?');
    String base = query < 0 ? s : s.substring(0, query);
    String rest = query < 0 ? "" : s.substring(query);
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/callback" + rest);
  }

  /** Remembers a task's webhook, when it is an http(s) URL on a loopback address. */
  public synchronized void register(String taskId, String webhook) {
    URI uri;
    try {
      uri = new URI(webhook.strip());
    } catch (java.net.URISyntaxException e) {
      return;
    }
    if (!isLoopback(uri)) {
      return;
    }
    pending.putIfAbsent(taskId, new Pending(taskId, callbackUrl(uri)));
  }

  /** Deliver each successful callback a second time, as ApiMart may. */
  public void twice(boolean twice) {
    this.twice = twice;
  }

  /** Every delivery attempt so far, oldest first. */
  public synchronized List<WebhookDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Sends every callback attempt that is due at the fake clock's time. */
  public void pump() {
    List<Pending> due = new ArrayList<>();
    Instant now = clock.now();
    synchronized (this) {
      for (Pending p : pending.values()) {
        if (p.done) {
          continue;
        }
        FakeTask task = tasks.apply(p.taskId);
        if (task == null) {
          p.done = true;
          continue;
        }
        boolean fin = task.status() == TaskStatus.COMPLETED || task.status() == TaskStatus.FAILED;
        if (!fin) {
          continue;
        }
        if (p.due == null) {
          p.due = task.completed() != null ? task.completed() : now;
        }
        if (!now.isBefore(p.due)) {
          due.add(p);
        }
      }
    }
    for (Pending p : due) {
      deliver(p);
    }
  }

  private void deliver(Pending p) {
    FakeTask task = tasks.apply(p.taskId);
    if (task == null) {
      return;
    }
    byte[] body = payload.apply(task);
    int status = post(p.callback, body);
    Instant at = clock.now();
    String text = new String(body, StandardCharsets.UTF_8);
    synchronized (this) {
      p.attempts++;
      deliveries.add(
          new WebhookDelivery(p.taskId, p.callback, p.attempts, at, status, false, text));
      boolean success = status >= 200 && status <= 299;
      boolean clientError = status >= 400 && status <= 499;
      if (success || clientError || p.attempts > RETRY_DELAYS.length) {
        p.done = true;
      } else {
        p.due = at.plus(RETRY_DELAYS[p.attempts - 1]);
      }
      if (!success || !twice) {
        return;
      }
    }
    int again = post(p.callback, body);
    synchronized (this) {
      deliveries.add(
          new WebhookDelivery(p.taskId, p.callback, p.attempts, clock.now(), again, true, text));
    }
  }

  private int post(URI url, byte[] body) {
    try {
      HttpResponse<Void> response =
          client()
              .send(
                  HttpRequest.newBuilder(url)
                      .timeout(ANSWER_TIMEOUT)
                      .header("Content-Type", "application/json")
                      .header("User-Agent", "FakeApiMart-webhook")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private HttpClient client() {
    HttpClient c = http;
    if (c == null) {
      synchronized (this) {
        c = http;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(5))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          http = c;
        }
      }
    }
    return c;
  }

  private static boolean isLoopback(URI uri) {
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return false;
    }
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
        return false; // a name other than localhost: never resolved
      }
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Forgets every webhook and delivery. */
  public synchronized void reset() {
    pending.clear();
    deliveries.clear();
    twice = false;
  }
}
