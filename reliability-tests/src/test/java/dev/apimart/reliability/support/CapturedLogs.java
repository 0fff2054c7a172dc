package dev.apimart.reliability.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Every line any SLF4J logger writes while capturing is on, at every level down to TRACE, fully
 * formatted, with the stack trace of a logged exception (its messages and its causes'). Off, the
 * loggers are disabled and cost nothing, so long runs are not slowed down. Filled by {@link
 * CapturingSlf4jProvider}, the only SLF4J provider on this module's test class path.
 */
public final class CapturedLogs {

  private static final AtomicBoolean CAPTURING = new AtomicBoolean();
  private static final List<String> LINES = new ArrayList<>();

  private CapturedLogs() {}

  /** Starts capturing, forgetting earlier lines. */
  public static void start() {
    synchronized (LINES) {
      LINES.clear();
    }
    CAPTURING.set(true);
  }

  /** Stops capturing and returns what was captured. */
  public static List<String> stop() {
    CAPTURING.set(false);
    synchronized (LINES) {
      return List.copyOf(LINES);
    }
  }

  static boolean capturing() {
    return CAPTURING.get();
  }

  static void add(String line) {
    if (capturing()) {
      synchronized (LINES) {
        LINES.add(line);
      }
    }
  }

  /** A logger that writes into the captured lines. */
  static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return capturing();
    }

    @Override
    public boolean isDebugEnabled() {
      return capturing();
    }

    @Override
    public boolean isInfoEnabled() {
      return capturing();
    }

    @Override
    public boolean isWarnEnabled() {
      return capturing();
    }

    @Override
    public boolean isErrorEnabled() {
      return capturing();
    }

    @Override
    protected @Nullable String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String messagePattern,
        Object @Nullable [] arguments,
        @Nullable Throwable throwable) {
      StringBuilder line =
          new StringBuilder(level.name())
              .append(' ')
              .append(name)
              .append(" - ")
              .append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
      if (throwable != null) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        line.append('\n').append(trace);
      }
      add(line.toString());
    }
  }
}
