package dev.apimart.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Other spellings of a local host must not slip past the image URL rules (found by {@link
 * RequestValidatorPropertyTest}): a fully qualified name with its final dot, and IPv4 addresses
 * written as resolvers also read them (short, octal, hex, a single number).
 */
class ImageUrlHostFormsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost./a.png",
        "https://printer.local./a.png",
        "https://db.internal../a.png",
        "http://127.1/a.png",
        "http://10.1/a.png",
        "http://0x7f.0.0.1/a.png",
        "http://0177.0.0.1/a.png",
        "http://010.0.0.1/a.png",
        "http://08.8.8.8/a.png",
        "http://2130706433/a.png",
        "http://0x7f000001/a.png",
        "http://1.2.3.4.5/a.png",
        "http://images.example.123/a.png"
      })
  void otherSpellingsOfALocalOrLiteralHostAreRefused(String url) {
    List<Violation> violations = RequestValidator.instance().validate(request(url));

    assertThat(violations).extracting(Violation::field).containsExactly("image_urls[0]");
    assertThat(violations.get(0).message()).doesNotContain("?");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://images.example.com/a.png",
        "https://8.8.8.8/a.png",
        "https://1.0.0.1/a.png",
        "https://cdn.example.com./a.png",
        "https://img-01.example.org:8443/a.png?X-Amz-Signature=1"
      })
  void publicHostsStayAccepted(String url) {
    assertThat(RequestValidator.instance().validate(request(url))).isEmpty();
  }

  private static GenerationRequest request(String url) {
    return GenerationRequest.builder()
        .model(ImageModel.QWEN_IMAGE_2_0)
        .prompt("the same cat, in winter")
        .addImageUrl(url)
        .build();
  }
}
