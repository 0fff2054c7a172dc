package dev.apimart.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's rules, one by one, with literal inputs and outputs. */
class RedactionTest {

  private final Redaction policy = Redaction.withSecrets(List.of("plainkey0123456789"));

  @Test
  void theClientsOwnKeyIsHiddenWhateverItsShape() {
    assertThat(policy.text("echo: plainkey0123456789!")).isEqualTo("echo: [REDACTED]!");
  }

  @Test
  void keyShapedWordsAndBearerTokensAreHiddenWithoutTheLiteral() {
    Redaction shapes = Redaction.shapesOnly();

    assertThat(shapes.text("key sk-live-0123456789 refused"))
        .isEqualTo("key sk-[REDACTED] refused");
    assertThat(shapes.text("header was Bearer abc.def-ghi, then"))
        .isEqualTo("header was Bearer [REDACTED], then");
  }

  @Test
  void aSignedLinksQueryIsHiddenInTextAndInUrls() {
    assertThat(policy.text("expired: \"https://cdn.example.com/a.png?sig=XYZ&e=1\" (sorry)"))
        .isEqualTo("expired: \"https://cdn.example.com/a.png?…\" (sorry)");
    assertThat(Redaction.url(URI.create("https://user:pw@cdn.example.com:8443/a.png?sig=XYZ#f")))
        .isEqualTo("https://cdn.example.com:8443/a.png?…");
  }

  @Test
  void literalsShorterThanTheFloorAreNotSecrets() {
    for (String tooShort : Arrays.asList("k", "sk", "1234567", "       k", null, "")) {
      Redaction p = Redaction.withSecrets(Arrays.asList(tooShort));
      assertThat(p.text("task_1 kept as is, 1234567")).isEqualTo("task_1 kept as is, 1234567");
    }
    assertThat(Redaction.withSecrets(List.of("12345678")).text("id 12345678"))
        .isEqualTo("id [REDACTED]");
  }

  @Test
  void aLongerKeyContainingAShorterOneIsHiddenWhole() {
    Redaction p = Redaction.withSecrets(List.of("abcdefgh", "abcdefgh-and-more"));

    assertThat(p.text("x abcdefgh-and-more y")).isEqualTo("x [REDACTED] y");
  }

  @Test
  void credentialHeadersKeepOnlyTheirScheme() {
    assertThat(policy.headerValue("Authorization", "Bearer plainkey0123456789"))
        .isEqualTo("Bearer [REDACTED]");
    assertThat(policy.headerValue("proxy-authorization", "Basic dXNlcjpwdw=="))
        .isEqualTo("Basic [REDACTED]");
    assertThat(policy.headerValue("cookie", "session")).isEqualTo("[REDACTED]");
    assertThat(policy.headerValue("x-request-id", "req-42")).isEqualTo("req-42");
  }

  @Test
  void theSecretsNeverShowInItsOwnToString() {
    assertThat(policy.toString()).doesNotContain("plainkey").contains("1 literal");
  }
}
