package dev.apimart.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, for the {@code User-Agent}. */
public final class SdkVersion {

  private static final String VERSION = load();

  private SdkVersion() {}

  /** The version, e.g. {@code 0.1.0}, or {@code unknown} when the build did not record it. */
  public static String version() {
    return VERSION;
  }

  /** {@code apimart-java/<version>}. */
  public static String userAgent() {
    return "apimart-java/" + VERSION;
  }

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown").strip();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
