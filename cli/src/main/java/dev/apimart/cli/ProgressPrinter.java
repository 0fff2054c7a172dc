package dev.apimart.cli;

import dev.apimart.core.client.ProgressEvent;
import dev.apimart.core.client.ProgressListener;
import dev.apimart.core.model.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Shows waiting progress on standard error: a bar redrawn in place on a terminal, plain lines (only
 * when status or the tens of percent change) when the output is a file or pipe.
 */
final class ProgressPrinter implements ProgressListener {

  private static final int BAR_WIDTH = 24;

  private final PrintStream err;
  private final boolean terminal;
  private @Nullable TaskStatus lastStatus;
  private int lastDecile = -1;
  private boolean drewBar;

  ProgressPrinter(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onProgress(ProgressEvent event) {
    if (terminal) {
      err.print("\r" + bar(event));
      err.flush();
      drewBar = true;
      return;
    }
    int decile = event.progress() / 10;
    if (event.status() != lastStatus || decile != lastDecile) {
      err.println(line(event));
      lastStatus = event.status();
      lastDecile = decile;
    }
  }

  /** Ends the bar's line so that what follows starts on a fresh one. */
  synchronized void finish() {
    if (drewBar) {
      err.println();
      drewBar = false;
    }
  }

  static String bar(ProgressEvent event) {
    int filled = event.progress() * BAR_WIDTH / 100;
    return String.format(
        Locale.ROOT,
        "[%s%s] %-10s %3d%%  %s%s   ",
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled),
        status(event.status()),
        event.progress(),
        Durations.clock(event.elapsed()),
        estimate(event.estimatedTime()));
  }

  static String line(ProgressEvent event) {
    return String.format(
        Locale.ROOT,
        "%s: %s %d%% (%s elapsed%s)",
        event.taskId(),
        status(event.status()),
        event.progress(),
        Durations.clock(event.elapsed()),
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
