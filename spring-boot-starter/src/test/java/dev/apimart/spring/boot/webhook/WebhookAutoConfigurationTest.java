package dev.apimart.spring.boot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.web.servlet.function.RouterFunction;

/** When the endpoint exists, and the start-up reports when it cannot. */
class WebhookAutoConfigurationTest {

  private static final String SECRET =
      "b7e1c9a2f4d6083e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d1f";

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withInitializer(
              context ->
                  context
                      .getEnvironment()
                      .getPropertySources()
                      .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
          .withConfiguration(AutoConfigurations.of(ApiMartWebhookAutoConfiguration.class));

  @Test
  void withoutEnablingItThereIsNoEndpoint() {
    web.withPropertyValues("apimart.webhook.secret=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ApiMartWebhooks.class);
              assertThat(context).doesNotHaveBean(RouterFunction.class);
            });
  }

  @Test
  void enabledInAServletApplicationItServesTheRoute() {
    web.withPropertyValues("apimart.webhook.enabled=true", "apimart.webhook.secret=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ApiMartWebhooks.class);
              assertThat(context).hasSingleBean(RouterFunction.class);
              assertThat(context.getBean(ApiMartWebhooks.class).path())
                  .isEqualTo("/apimart/webhook");
            });
  }

  @Test
  void withoutSpringMvcTheUrlHelperStaysButNoRouteIsMade() {
    web.withClassLoader(new FilteredClassLoader(RouterFunction.class))
        .withPropertyValues("apimart.webhook.enabled=true", "apimart.webhook.secret=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(ApiMartWebhooks.class);
              assertThat(context).doesNotHaveBean("apiMartWebhookRoute");
            });
  }

  @Test
  void outsideAWebApplicationNoRouteIsMade() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApiMartWebhookAutoConfiguration.class))
        .withPropertyValues("apimart.webhook.enabled=true", "apimart.webhook.secret=" + SECRET)
        .run(context -> assertThat(context).doesNotHaveBean("apiMartWebhookRoute"));
  }

  @Test
  void enabledWithoutASecretFailsStartUpWithAReportNamingTheProperty() {
    web.withPropertyValues("apimart.webhook.enabled=true")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyse(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .startsWith("The ApiMart webhook endpoint cannot start:")
                  .contains("apimart.webhook.secret is not set")
                  .contains("not signed");
              assertThat(analysis.getAction())
                  .contains("'apimart.webhook.secret'")
                  .contains("at least 32 characters")
                  .contains("apimart.webhook.enabled=false");
            });
  }

  @Test
  void aShortSecretFailsStartUpWithoutShowingIt() {
    web.withPropertyValues("apimart.webhook.enabled=true", "apimart.webhook.secret=hunter2hunter2")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyse(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("has 14 characters; at least 32 are needed")
                  .doesNotContain("hunter2");
            });
  }

  @Test
  void aSecretThatIsNotUrlSafeFailsStartUp() {
    web.withPropertyValues(
            "apimart.webhook.enabled=true",
            "apimart.webhook.secret=" + SECRET.substring(0, 20) + "/?" + SECRET.substring(20))
        .run(
            context ->
                assertThat(analyse(context.getStartupFailure()).getDescription())
                    .contains("only A-Z, a-z, 0-9, '-' and '_'"));
  }

  @Test
  void aPublicBaseUrlWithAQueryFailsStartUpNamingTheProperty() {
    web.withPropertyValues(
            "apimart.webhook.enabled=true",
            "apimart.webhook.secret=" + SECRET,
            "apimart.webhook.public-base-url=https://app.example.com/?x=1")
        .run(
            context -> {
              FailureAnalysis analysis = analyse(context.getStartupFailure());
              assertThat(analysis.getDescription()).contains("must not carry user info, a query");
              assertThat(analysis.getAction()).contains("'apimart.webhook.public-base-url'");
            });
  }

  @Test
  void aPathWithAPatternFailsStartUp() {
    web.withPropertyValues(
            "apimart.webhook.enabled=true",
            "apimart.webhook.secret=" + SECRET,
            "apimart.webhook.path=/hooks/{x}")
        .run(
            context ->
                assertThat(analyse(context.getStartupFailure()).getAction())
                    .contains("'apimart.webhook.path'"));
  }

  @Test
  void theFailureAnalyzerIsRegisteredWithSpringBoot() {
    List<String> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            // Boot's own analyzers need a bean factory to be created; only the names matter here.
            .load(FailureAnalyzer.class, (type, name, failure) -> {})
            .stream()
            .map(analyzer -> analyzer.getClass().getName())
            .toList();

    assertThat(analyzers).contains(ApiMartWebhookFailureAnalyzer.class.getName());
  }

  private static FailureAnalysis analyse(Throwable failure) {
    FailureAnalysis analysis = new ApiMartWebhookFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    return analysis;
  }
}
