package dev.apimart.cli;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TransportException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Messages in the command line's words: flags instead of builder methods, {@code 4s} instead of
 * {@code PT4S}, "connection refused by 127.0.0.1:9" instead of an exception chain.
 */
final class CliWords {

  private static final Pattern ISO_DURATION =
      Pattern.compile("\\bPT(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?\\b");
  private static final Pattern HOST =
      Pattern.compile("(?:connect to|answer from|connection to|request to) ([^\\s(;]+)");
  private static final Pattern RESUME_JAVA =
      Pattern.compile("waitFor\\(TaskId\\.of\\(\"([^\"]+)\"\\)\\)");

  /**
   * The SDK's note on a failure after the submission ("(task X was created … resume with …)"): the
   * command prints its own resume line then, with the output folder, so the note would say it
   * twice.
   */
  private static final Pattern CREATED_TASK_NOTE =
      Pattern.compile(
          " \\(task \\S+ was created and may still finish and be billed: resume with"
              + " waitFor\\(TaskId\\.of\\(\"[^\"]+\"\\)\\)\\)$");

  private CliWords() {}

  /** What went wrong with {@code e}, for a person at a shell. */
  static String describe(ApiMartException e) {
    TransportException transport = find(e, TransportException.class);
    if (transport != null) {
      String what = network(transport);
      if (e instanceof SubmissionOutcomeUnknownException) {
        return "the submission was sent but no usable answer came back ("
            + what
            + "), so the task may exist and may be billed; it was not sent again";
      }
      return what;
    }
    String message = e.getMessage();
    if (message != null && e.createdTask().isPresent()) {
      message = CREATED_TASK_NOTE.matcher(message).replaceFirst("");
    }
    return of(message);
  }

  /** A network failure: which host, what happened, and whether the request was sent. */
  static String network(TransportException e) {
    String host = host(e.getMessage());
    String notSent = "; nothing was sent";
    if (find(e, SSLException.class) != null) {
      return "the TLS handshake with "
          + host
          + " failed ("
          + of(find(e, SSLException.class).getMessage())
          + "); is it a plain http:// server? check --base-url"
          + notSent;
    }
    if (find(e, UnknownHostException.class) != null
        || find(e, UnresolvedAddressException.class) != null) {
      return "the host name of " + host + " could not be resolved" + notSent;
    }
    if (e.kind() == TransportException.Kind.CONNECT_FAILED) {
      Throwable connect = find(e, ConnectException.class);
      if (connect != null && connectTimedOut(connect)) {
        return "no connection to " + host + " in time" + notSent;
      }
      if (connect != null || find(e, NoRouteToHostException.class) != null) {
        return (find(e, NoRouteToHostException.class) != null
                ? "no route to "
                : "connection refused by ")
            + host
            + notSent;
      }
      return "could not connect to " + host + notSent;
    }
    return switch (e.kind()) {
      case TIMEOUT -> of(e.getMessage());
      case CONNECTION_LOST -> "the connection to " + host + " broke before the answer was complete";
      case CANCELLED -> "the request to " + host + " was cancelled";
      default -> of(e.getMessage());
    };
  }

  private static boolean connectTimedOut(Throwable connect) {
    String m = String.valueOf(connect.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("timed out");
  }

  private static String host(@Nullable String message) {
    if (message != null) {
      Matcher m = HOST.matcher(message);
      if (m.find()) {
        return m.group(1);
      }
    }
    return "the server";
  }

  /** Rewrites the Java words a library message may carry into the command line's. */
  static String of(@Nullable String message) {
    if (message == null) {
      return "(no message)";
    }
    String m = message;
    m = RESUME_JAVA.matcher(m).replaceAll("apimart wait $1");
    m =
        m.replace("call allowInsecureHttp(true)", "pass --allow-insecure-http")
            .replace("allowInsecureHttp(true)", "--allow-insecure-http")
            .replace("ApiMartClient.builder().apiKey(…)", "--api-key")
            .replace("apiKey(…)", "--api-key")
            .replace("APIMART_API_KEY / apiKey(...)", "--api-key / APIMART_API_KEY")
            .replace("apiKey(...)", "--api-key")
            .replace(
                "use RetryPolicy.builder().retryAmbiguousSubmissions(true)",
                "resume by task id once you find it");
    Matcher d = ISO_DURATION.matcher(m);
    StringBuilder sb = new StringBuilder();
    while (d.find()) {
      String replacement = d.group();
      try {
        if (d.group().length() > 2) {
          replacement = Durations.words(Duration.parse(d.group()));
        }
      } catch (DateTimeParseException ignored) {
        // not a duration after all
      }
      d.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    d.appendTail(sb);
    return sb.toString();
  }

  /** A file system failure as a sentence: which path, and what is wrong with it. */
  static String io(Throwable e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder: " + n.getFile();
    }
    if (e instanceof FileAlreadyExistsException f) {
      return "already exists: " + f.getFile();
    }
    if (e instanceof FileSystemException f) {
      return (f.getReason() == null ? "cannot use" : f.getReason()) + ": " + f.getFile();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A word as a shell reads it: quoted only when it needs to be. */
  static String quote(String word) {
    if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * Checks a base URL the way the client will, in flags: an absolute http(s) URL, no query or user
   * info, and plain http only to this machine unless {@code --allow-insecure-http}.
   */
  static void checkBaseUrl(String text, boolean allowInsecureHttp, List<String> problems) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      problems.add("--base-url: '" + text + "' is not a valid URL (" + e.getReason() + ")");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      problems.add(
          "--base-url: '"
              + text
              + "' must be an absolute http(s) URL such as https://api.apimart.ai");
      return;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
      problems.add("--base-url: must not carry a query, fragment or user info");
      return;
    }
    if (scheme.equals("http") && !allowInsecureHttp && !loopback(uri.getHost())) {
      problems.add(
          "--base-url: plain http to "
              + uri.getHost()
              + " would send the API key unencrypted; use https, or pass --allow-insecure-http if"
              + " this network is trusted");
    }
  }

  static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
