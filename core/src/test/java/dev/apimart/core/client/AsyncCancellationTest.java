package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.VirtualScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Cancelling an async operation abandons the HTTP exchange itself, not only a derived future. */
class AsyncCancellationTest {

  /** Answers nothing until told; keeps every exchange future it handed out. */
  static class PendingTransport implements HttpTransport {
    final List<CompletableFuture<TransportResponse>> exchanges = new CopyOnWriteArrayList<>();

    @Override
    public TransportResponse execute(TransportRequest request) {
      throw new UnsupportedOperationException("async only");
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      CompletableFuture<TransportResponse> exchange = new CompletableFuture<>();
      exchanges.add(exchange);
      return exchange;
    }

    @Override
    public String name() {
      return "pending";
    }
  }

  private final VirtualScheduler time = new VirtualScheduler();

  @Test
  void cancellingAStatusRequestCancelsTheTransportExchange() {
    PendingTransport transport = new PendingTransport();
    try (ApiMartClient client =
        TestClients.builder(new FakeTransport(), time).transport(transport).build()) {
      CompletableFuture<?> task = client.getTaskAsync(TaskId.of("task_1"));

      task.cancel(true);

      assertThat(transport.exchanges).singleElement().satisfies(e -> assertThat(e).isCancelled());
    }
  }

  @Test
  void cancellingABalanceReadCancelsTheTransportExchange() {
    PendingTransport transport = new PendingTransport();
    try (ApiMartClient client =
        TestClients.builder(new FakeTransport(), time).transport(transport).build()) {
      client.balanceAsync().cancel(true);

      assertThat(transport.exchanges).singleElement().satisfies(e -> assertThat(e).isCancelled());
    }
  }
}
