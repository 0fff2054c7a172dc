package dev.apimart.spring.boot.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.spring.boot.GenerationRequestDefaults;
import dev.apimart.spring.boot.webhook.ApiMartTaskFinishedEvent;
import dev.apimart.spring.boot.webhook.ApiMartWebhooks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** The starter README's webhook example: submit with the webhook URL, hear of the finished task. */
class Lighthouses {
  private final ApiMartClient client;
  private final GenerationRequestDefaults defaults;
  private final ApiMartWebhooks webhooks;
  final List<Task> finished = new CopyOnWriteArrayList<>();

  Lighthouses(ApiMartClient client, GenerationRequestDefaults defaults, ApiMartWebhooks webhooks) {
    this.client = client;
    this.defaults = defaults;
    this.webhooks = webhooks;
  }

  TaskId start() {
    GenerationRequest request =
        defaults.builder().prompt("a lighthouse at dawn").webhook(webhooks.webhookUri()).build();
    return client.submit(request);
  }

  @EventListener
  void finished(ApiMartTaskFinishedEvent event) {
    // The callback is unsigned: ask ApiMart before acting on money or data.
    Task task = client.getTask(event.taskId());
    if (task.status() == TaskStatus.COMPLETED) {
      save(task);
    }
  }

  private void save(Task task) {
    finished.add(task);
  }
}
