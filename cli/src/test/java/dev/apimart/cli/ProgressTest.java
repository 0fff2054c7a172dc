package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress bar: its ticks, its task id, its agreement with the summary, terminals only. */
class ProgressTest {

  @TempDir Path dir;

  private final FakeApiMart fake =
      FakeApiMart.builder().virtualTime().onlyClockMovesTasks().anyModel(true).start();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

  /** A ticker the test turns by hand. */
  private final CountDownLatch ticking = new CountDownLatch(1);

  private volatile Runnable tick;
  private final AtomicBoolean stopped = new AtomicBoolean();

  @AfterEach
  void stop() {
    fake.close();
  }

  private ApimartCli cli(boolean terminal) {
    return new ApimartCli(
        new HashMap<>(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        terminal,
        dir,
        clock,
        builder ->
            builder.pollingOptions(
                PollingOptions.builder()
                    .initialDelay(Duration.ofMillis(5))
                    .minInterval(Duration.ofMillis(5))
                    .maxInterval(Duration.ofMillis(20))
                    .build()),
        ModelCatalog.defaults(),
        (period, runnable) -> {
          assertThat(period).isEqualTo(Duration.ofSeconds(1));
          tick = runnable;
          ticking.countDown();
          return () -> stopped.set(true);
        },
        () -> new ByteArrayInputStream(new byte[0]));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onATerminalTheBarTicksEverySecondWithTheTaskIdAndAgreesWithTheSummary() throws Exception {
    fake.onNextTask(Outcome.neverFinishes());
    ApimartCli cli = cli(true);
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () ->
                cli.run(
                    new String[] {
                      "generate",
                      "--no-download",
                      "--base-url",
                      fake.baseUrl().toString(),
                      "--api-key",
                      fake.apiKey(),
                      "x"
                    }));
    assertThat(ticking.await(20, TimeUnit.SECONDS)).as(stderr()).isTrue();
    String id = fake.lastTask().id();
    assertThat(stderr()).as("the bar starts at the submission").contains("\r" + id + " [");

    clock.advance(Duration.ofSeconds(1));
    tick.run();
    assertThat(stderr()).contains("\r" + id + " [").contains("0:01");
    clock.advance(Duration.ofSeconds(61));
    tick.run();
    assertThat(stderr()).contains("1:02");

    fake.completeNow(id);
    assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(stopped).as("the ticker stops with the wait").isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("task " + id + ": 1 image in 62.0s");
  }

  @Test
  void toAFileOrPipeThereAreLinesWithTheTaskIdAndNoCarriageReturns() {
    ApimartCli cli = cli(false);
    int code;
    String id;
    try (FakeApiMart polled =
        FakeApiMart.builder().virtualTime().finishAfterPolls(3).anyModel(true).start()) {
      code =
          cli.run(
              new String[] {
                "generate",
                "--no-download",
                "--base-url",
                polled.baseUrl().toString(),
                "--api-key",
                polled.apiKey(),
                "x"
              });
      id = polled.lastTask().id();
    }

    assertThat(code).as(stderr()).isZero();
    assertThat(stderr()).doesNotContain("\r").contains(id + ": ");
    assertThat(ticking.getCount()).as("no ticker without a terminal").isEqualTo(1);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
