package dev.apimart.core.internal.discovery;

import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.port.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a {@link TransportProvider}: the one named by the system property {@value #PROPERTY},
 * else by the environment variable {@value #ENV}, else the one with the highest priority (ties
 * broken by name). The sources are injectable so tests do not depend on the machine. Thread-safe.
 */
public final class TransportDiscovery {

  private static final Logger LOG = LoggerFactory.getLogger(TransportDiscovery.class);

  /** System property naming the transport. */
  public static final String PROPERTY = "apimart.transport";

  /** Environment variable naming the transport. */
  public static final String ENV = "APIMART_TRANSPORT";

  /** The transports this project ships, for the error message when none is present. */
  public static final List<String> KNOWN_ARTIFACTS =
      List.of(
          "dev.apimart:apimart-transport-jdkhttp (java.net.http, no further dependencies)",
          "dev.apimart:apimart-transport-feign (any feign.Client: default, OkHttp, Apache HC5)");

  private final Function<String, @Nullable String> systemProperties;
  private final Function<String, @Nullable String> environment;
  private final Supplier<List<TransportProvider>> providers;

  /**
   * @param systemProperties looks up a system property
   * @param environment looks up an environment variable
   * @param providers lists the providers present
   */
  public TransportDiscovery(
      Function<String, @Nullable String> systemProperties,
      Function<String, @Nullable String> environment,
      Supplier<List<TransportProvider>> providers) {
    this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.providers = Objects.requireNonNull(providers, "providers");
  }

  /** Looks at the real system properties, environment and class path. */
  public static TransportDiscovery standard() {
    return new TransportDiscovery(System::getProperty, System::getenv, TransportDiscovery::load);
  }

  /** The providers present, unordered. */
  public List<TransportProvider> providers() {
    return List.copyOf(providers.get());
  }

  /**
   * The chosen provider and why it was chosen.
   *
   * @param provider the provider
   * @param reason e.g. {@code "named by system property apimart.transport"}
   */
  public record Selection(TransportProvider provider, String reason) {}

  /**
   * Chooses a provider.
   *
   * @param explicitName a name given on the builder, which overrides property and environment
   * @throws ConfigurationException when none is present, or the named one is not
   */
  public Selection select(@Nullable String explicitName) {
    List<TransportProvider> present = new ArrayList<>(providers.get());
    present.sort(
        Comparator.comparingInt(TransportProvider::priority)
            .reversed()
            .thenComparing(TransportProvider::name));
    String name;
    String source;
    if (notBlank(explicitName)) {
      name = explicitName;
      source = "the builder's transportName";
    } else if (notBlank(systemProperties.apply(PROPERTY))) {
      name = systemProperties.apply(PROPERTY);
      source = "system property " + PROPERTY;
    } else if (notBlank(environment.apply(ENV))) {
      name = environment.apply(ENV);
      source = "environment variable " + ENV;
    } else {
      name = null;
      source = null;
    }
    if (name != null) {
      String wanted = name.strip().toLowerCase(Locale.ROOT);
      for (TransportProvider p : present) {
        if (p.name().toLowerCase(Locale.ROOT).equals(wanted)) {
          LOG.debug("Using transport '{}' named by {}", p.name(), source);
          return new Selection(p, "named by " + source);
        }
      }
      throw new ConfigurationException(
          "HTTP transport '"
              + name.strip()
              + "' was asked for by "
              + source
              + ", but "
              + (present.isEmpty()
                  ? "no transport is on the class path. " + howToAdd()
                  : "only these are on the class path: "
                      + describe(present)
                      + ". Add the artifact that provides '"
                      + name.strip()
                      + "', or name one of these."));
    }
    if (present.isEmpty()) {
      throw new ConfigurationException("No HTTP transport is on the class path. " + howToAdd());
    }
    TransportProvider chosen = present.get(0);
    LOG.debug("Using transport '{}', the highest priority of {}", chosen.name(), describe(present));
    return new Selection(chosen, "highest priority of " + describe(present));
  }

  private static String howToAdd() {
    return "Add one of these artifacts: "
        + String.join(" or ", KNOWN_ARTIFACTS)
        + "; or pass a transport with ApiMartClient.builder().transport(…) — the way to go when"
        + " shading or an application server drops META-INF/services.";
  }

  private static String describe(List<TransportProvider> providers) {
    return providers.stream()
        .map(p -> p.name() + " (" + p.artifact() + ", priority " + p.priority() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static boolean notBlank(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  private static List<TransportProvider> load() {
    List<TransportProvider> found = new ArrayList<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    loadFrom(context == null ? TransportProvider.class.getClassLoader() : context, found);
    if (found.isEmpty() && context != TransportProvider.class.getClassLoader()) {
      loadFrom(TransportProvider.class.getClassLoader(), found);
    }
    return found;
  }

  private static void loadFrom(@Nullable ClassLoader loader, List<TransportProvider> into) {
    Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class, loader).iterator();
    // A broken entry throws from hasNext/next; the bound keeps a loader that keeps failing from
    // looping forever.
    for (int broken = 0; broken < 32; ) {
      try {
        if (!it.hasNext()) {
          return;
        }
        into.add(it.next());
      } catch (ServiceConfigurationError e) {
        broken++;
        LOG.warn("Skipping a transport provider that cannot be loaded: {}", e.getMessage());
      }
    }
  }
}
