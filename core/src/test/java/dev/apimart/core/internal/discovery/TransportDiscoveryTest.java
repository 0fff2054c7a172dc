package dev.apimart.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.testing.FakeTransport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportDiscoveryTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private static TransportProvider provider(String name, int priority) {
    return new TransportProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public String artifact() {
        return "dev.apimart:apimart-transport-" + name;
      }

      @Override
      public HttpTransport create(TransportSettings settings) {
        return new FakeTransport(name);
      }
    };
  }

  private TransportDiscovery discovery(TransportProvider... providers) {
    return new TransportDiscovery(properties::get, environment::get, () -> List.of(providers));
  }

  @Test
  void highestPriorityWinsWhenNothingIsNamed() {
    TransportDiscovery d = discovery(provider("feign", 50), provider("jdk", 100));
    assertThat(d.select(null).provider().name()).isEqualTo("jdk");
  }

  @Test
  void equalPrioritiesAreBrokenByNameForAStableChoice() {
    TransportDiscovery d = discovery(provider("zeta", 10), provider("alpha", 10));
    assertThat(d.select(null).provider().name()).isEqualTo("alpha");
  }

  @Test
  void environmentVariableOverridesPriority() {
    environment.put("APIMART_TRANSPORT", "feign");
    TransportDiscovery d = discovery(provider("feign", 50), provider("jdk", 100));
    TransportDiscovery.Selection s = d.select(null);
    assertThat(s.provider().name()).isEqualTo("feign");
    assertThat(s.reason()).contains("APIMART_TRANSPORT");
  }

  @Test
  void systemPropertyOverridesTheEnvironment() {
    environment.put("APIMART_TRANSPORT", "jdk");
    properties.put("apimart.transport", " FEIGN ");
    TransportDiscovery d = discovery(provider("feign", 50), provider("jdk", 100));
    assertThat(d.select(null).provider().name()).isEqualTo("feign");
  }

  @Test
  void anExplicitNameOverridesEverything() {
    properties.put("apimart.transport", "feign");
    TransportDiscovery d = discovery(provider("feign", 50), provider("jdk", 100));
    assertThat(d.select("jdk").provider().name()).isEqualTo("jdk");
  }

  @Test
  void noProviderNamesTheArtifactsToAdd() {
    assertThatThrownBy(() -> discovery().select(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("No HTTP transport")
        .hasMessageContaining("dev.apimart:apimart-transport-jdkhttp")
        .hasMessageContaining("dev.apimart:apimart-transport-feign")
        .hasMessageContaining(".transport(");
  }

  @Test
  void aNamedButAbsentTransportListsThoseAvailable() {
    properties.put("apimart.transport", "okhttp");
    assertThatThrownBy(() -> discovery(provider("jdk", 100), provider("feign", 50)).select(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'okhttp'")
        .hasMessageContaining("system property apimart.transport")
        .hasMessageContaining("jdk (dev.apimart:apimart-transport-jdk, priority 100)")
        .hasMessageContaining("feign (dev.apimart:apimart-transport-feign, priority 50)");
  }

  @Test
  void theRealServiceLoaderFindsNothingInCoreAlone() {
    assertThat(TransportDiscovery.standard().providers()).isEmpty();
  }
}
