package dev.apimart.core.model.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's one redaction policy: what counts as a secret, and how it is hidden in text meant for
 * people — exception messages, the server's words and raw bodies kept in exceptions, log lines and
 * {@code toString()}. Never applied to values the program uses (a task id, an image URL to
 * download, a status): those are decoded as the service sent them.
 *
 * <p>Secrets are:
 *
 * <ul>
 *   <li>the client's own API key, as a literal, wherever it appears, whatever its shape — when it
 *       has at least {@link #MIN_LITERAL_SECRET_LENGTH} characters. A shorter "key" (a test's
 *       {@code "k"}) is no real key, and replacing it everywhere would rewrite ordinary words and
 *       ids character by character ({@code task_1} into {@code tas[REDACTED]_1});
 *   <li>anything shaped like an API key: {@code sk-} followed by at least six key characters;
 *   <li>bearer tokens: the word after {@code Bearer};
 *   <li>the query string of an http(s) URL, which holds the signature of a signed image link (also
 *       the user info and fragment when a whole {@link URI} is shown, see {@link #url}).
 * </ul>
 *
 * <p>Everything hidden becomes {@link #MARK} (a URL's query becomes {@code ?…}), keeping what says
 * what it was ({@code Bearer [REDACTED]}, {@code sk-[REDACTED]}). Immutable and thread-safe.
 */
public final class Redaction {

  /** What replaces a secret. */
  public static final String MARK = "[REDACTED]";

  /** A literal secret shorter than this is not treated as one (see the class description). */
  public static final int MIN_LITERAL_SECRET_LENGTH = 8;

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
  private static final Pattern SECRET_KEY = Pattern.compile("\\b(sk-)[A-Za-z0-9_\\-]{6,}");
  private static final Pattern URL_QUERY =
      Pattern.compile("(?i)(\\bhttps?://[^\\s\"'<>?#]+)\\?[^\\s\"'<>#]*");

  /** Header names whose values are credentials: hidden whole, their scheme word kept. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of(
          "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie");

  private static final Redaction SHAPES_ONLY = new Redaction(List.of());

  private final List<String> literals;

  private Redaction(List<String> literals) {
    this.literals = literals;
  }

  /** The policy without literal secrets: shapes, bearer tokens and URL queries only. */
  public static Redaction shapesOnly() {
    return SHAPES_ONLY;
  }

  /**
   * The policy that also hides the given literal secrets (the client's API key); {@code null},
   * blank ones and ones shorter than {@link #MIN_LITERAL_SECRET_LENGTH} are ignored.
   */
  public static Redaction withSecrets(Collection<String> secrets) {
    List<String> kept = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null
          && !secret.isBlank()
          && secret.strip().length() >= MIN_LITERAL_SECRET_LENGTH
          && !kept.contains(secret)) {
        kept.add(secret);
      }
    }
    // The longest first, so a key that contains another is hidden whole.
    kept.sort(Comparator.comparingInt(String::length).reversed());
    return kept.isEmpty() ? SHAPES_ONLY : new Redaction(List.copyOf(kept));
  }

  /** Text meant for people with every secret hidden; {@code null} stays {@code null}. */
  public @Nullable String text(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String literal : literals) {
      out = out.replace(literal, MARK);
    }
    out = replace(BEARER, out, "$1" + MARK);
    out = replace(SECRET_KEY, out, "$1" + MARK);
    return replace(URL_QUERY, out, "$1?…");
  }

  /**
   * A header value fit to show: a credential header's value (say {@code Authorization}) hidden
   * whole but for its scheme word ({@code Bearer [REDACTED]}), any other value as {@link #text}.
   */
  public String headerValue(String name, String value) {
    if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      int space = value.strip().indexOf(' ');
      return space > 0 ? value.strip().substring(0, space) + " " + MARK : MARK;
    }
    String shown = text(value);
    return shown == null ? "" : shown;
  }

  /**
   * A URL fit to show: scheme, host, port and path; a query string (a signed link's signature)
   * shows as {@code ?…}; user info and fragment are left out.
   */
  public static String url(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      sb.append("?…");
    }
    return sb.toString();
  }

  private static String replace(Pattern pattern, String text, String replacement) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.replaceAll(replacement) : text;
  }

  /** How many literal secrets it hides; never the secrets themselves. */
  @Override
  public String toString() {
    return "Redaction[" + literals.size() + " literal secrets]";
  }
}
