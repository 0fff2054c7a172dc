package dev.apimart.cli;

import dev.apimart.core.client.ProgressEvent;
import dev.apimart.core.client.ProgressListener;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Shows waiting progress on standard error. On a terminal (standard error itself, checked by the
 * caller) a bar with the task id is redrawn in place at every poll and on a tick every second in
 * between, its elapsed time counted from the same instant as the summary's; to a file or pipe,
 * plain lines, only when the status or the tens of percent change, and never a carriage return.
 */
final class ProgressPrinter implements ProgressListener {

  /** How often the bar is redrawn between polls. */
  static final Duration TICK = Duration.ofSeconds(1);

  private static final int BAR_WIDTH = 24;

  /** Runs a task every period until closed; injected so tests tick by hand. */
  @FunctionalInterface
  interface Ticker {
    AutoCloseable every(Duration period, Runnable tick);

    /** A daemon thread ticking on the machine's time. */
    static Ticker daemon() {
      return (period, tick) -> {
        ScheduledExecutorService s =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "apimart-progress");
                  t.setDaemon(true);
                  return t;
                });
        s.scheduleAtFixedRate(tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return s::shutdownNow;
      };
    }
  }

  private final PrintStream err;
  private final boolean terminal;
  private final Clock clock;
  private final Instant started;
  private final Ticker ticker;
  private @Nullable ProgressEvent last;
  private @Nullable TaskId submitted;
  private @Nullable AutoCloseable ticking;
  private @Nullable TaskStatus lastStatus;
  private int lastDecile = -1;
  private boolean drewBar;
  private boolean finished;

  /**
   * @param terminal whether {@code err} is a terminal
   * @param started when the command started; the summary counts from the same instant
   */
  ProgressPrinter(PrintStream err, boolean terminal, Clock clock, Instant started, Ticker ticker) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.started = started;
    this.ticker = ticker;
  }

  @Override
  public synchronized void onProgress(ProgressEvent event) {
    if (finished) {
      return;
    }
    last = event;
    if (terminal) {
      draw();
      if (ticking == null) {
        ticking = ticker.every(TICK, this::tick);
      }
      return;
    }
    int decile = event.progress() / 10;
    if (event.status() != lastStatus || decile != lastDecile) {
      err.println(line(event, elapsed()));
      lastStatus = event.status();
      lastDecile = decile;
    }
  }

  /**
   * The task exists: on a terminal the bar starts at once (status {@code submitted}) and ticks
   * until the first poll's answer replaces it, instead of appearing only then.
   */
  synchronized void submitted(TaskId id) {
    if (finished || !terminal) {
      return;
    }
    submitted = id;
    draw();
    if (ticking == null) {
      ticking = ticker.every(TICK, this::tick);
    }
  }

  /** One redraw between polls, so the elapsed time moves every second. */
  synchronized void tick() {
    if (!finished && (last != null || submitted != null)) {
      draw();
    }
  }

  private void draw() {
    String text =
        last != null
            ? bar(last, elapsed())
            : String.format(
                Locale.ROOT,
                "%s [%s] %-10s %3d%%  %s   ",
                submitted,
                "-".repeat(BAR_WIDTH),
                "submitted",
                0,
                Durations.clock(elapsed()));
    err.print("\r" + text);
    err.flush();
    drewBar = true;
  }

  private Duration elapsed() {
    Duration d = Duration.between(started, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Stops ticking and ends the bar's line so that what follows starts on a fresh one. */
  synchronized void finish() {
    finished = true;
    if (ticking != null) {
      try {
        ticking.close();
      } catch (Exception e) {
        // stopping a ticker cannot fail in a way worth telling
      }
      ticking = null;
    }
    if (drewBar) {
      err.println();
      drewBar = false;
    }
  }

  static String bar(ProgressEvent event, Duration elapsed) {
    int filled = Math.max(0, Math.min(100, event.progress())) * BAR_WIDTH / 100;
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %-10s %3d%%  %s%s   ",
        event.taskId(),
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled),
        status(event.status()),
        event.progress(),
        Durations.clock(elapsed),
        estimate(event.estimatedTime()));
  }

  static String line(ProgressEvent event, Duration elapsed) {
    return String.format(
        Locale.ROOT,
        "%s: %s %d%% (%s elapsed%s)",
        event.taskId(),
        status(event.status()),
        event.progress(),
        Durations.clock(elapsed),
        event.estimatedTime() == null
            ? ""
            : ", ~" + Durations.clock(event.estimatedTime()) + " estimated");
  }

  private static String estimate(@Nullable Duration estimated) {
    return estimated == null ? "" : " / ~" + Durations.clock(estimated);
  }

  private static String status(TaskStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
