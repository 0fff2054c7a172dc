package dev.apimart.spring.boot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.spring.boot.ApiMartProperties;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ApiMartWebhooksTest {

  private static final String SECRET = "0123456789abcdef0123456789ABCDEF-_xy";

  private static ApiMartWebhooks webhooks(String path, String base) {
    return webhooks(path, base, UnaryOperator.identity());
  }

  private static ApiMartWebhooks webhooks(
      String path, String base, UnaryOperator<String> placeholders) {
    ApiMartProperties.Webhook properties = new ApiMartProperties.Webhook();
    properties.setEnabled(true);
    properties.setSecret(SECRET);
    properties.setPath(path);
    properties.setPublicBaseUrl(base);
    return ApiMartWebhooks.from(properties, placeholders);
  }

  @Test
  void theUrlIsBasePathAndSecret() {
    assertThat(webhooks("/apimart/webhook", "https://app.example.com").webhookUri())
        .isEqualTo(URI.create("https://app.example.com/apimart/webhook/" + SECRET));
  }

  @Test
  void slashesAreNormalisedAndAContextPathKept() {
    ApiMartWebhooks webhooks = webhooks("hooks/apimart/", "https://app.example.com/shop/");

    assertThat(webhooks.path()).isEqualTo("/hooks/apimart");
    assertThat(webhooks.webhookUri())
        .isEqualTo(URI.create("https://app.example.com/shop/hooks/apimart/" + SECRET));
  }

  @Test
  void aBaseGivenAtRunTimeIsUsedAsGiven() {
    assertThat(webhooks("/h", null).webhookUri(URI.create("https://tenant.example.org:443")))
        .isEqualTo(URI.create("https://tenant.example.org:443/h/" + SECRET));
  }

  @Test
  void withoutABaseTheMessageNamesTheProperty() {
    assertThatThrownBy(() -> webhooks("/h", null).webhookUri())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apimart.webhook.public-base-url is not set");
  }

  @Test
  void aPlaceholderLeftAtStartUpIsResolvedWhenTheUrlIsBuilt() {
    ApiMartWebhooks webhooks =
        webhooks(
            "/h",
            "http://127.0.0.1:${local.server.port}",
            text -> text.replace("${local.server.port}", "8123"));

    assertThat(webhooks.webhookUri()).isEqualTo(URI.create("http://127.0.0.1:8123/h/" + SECRET));
  }

  @Test
  void aBaseThatIsNotHttpIsRefused() {
    assertThatThrownBy(() -> webhooks("/h", null).webhookUri(URI.create("ftp://example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute http or https URL");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    assertThat(webhooks("/h", "https://app.example.com").toString()).doesNotContain(SECRET);
    ApiMartProperties.Webhook properties = new ApiMartProperties.Webhook();
    properties.setSecret(SECRET);
    assertThat(properties.toString()).doesNotContain(SECRET).contains("secret=set");
  }

  @Test
  void basesTheRealServiceWouldRefuseAreRecognised() {
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("http://localhost:8080")))
        .isEqualTo("a loopback address");
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("http://127.0.0.1")))
        .isEqualTo("a loopback address");
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://[::1]")))
        .isEqualTo("a loopback address");
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://10.1.2.3")))
        .isEqualTo("a private address");
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://192.168.0.7")))
        .isEqualTo("a private address");
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://[fd12::1]")))
        .isEqualTo("a private address");
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://app.example.com:8443")))
        .isEqualTo("on port 8443");
  }

  @Test
  void publicBasesOnStandardPortsPass() {
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://app.example.com"))).isNull();
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("http://app.example.com:80"))).isNull();
    assertThat(ApiMartWebhooks.refusedByApiMart(URI.create("https://203.0.113.9:443"))).isNull();
  }
}
