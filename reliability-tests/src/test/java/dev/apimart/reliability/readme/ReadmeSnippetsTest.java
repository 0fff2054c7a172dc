package dev.apimart.reliability.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.ImageModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the root README is compiled and run by the build: each block must appear
 * (white space aside) in one of this package's sources, which the build compiles, and the tests
 * here run them — MyServiceTest runs as the test it is.
 */
class ReadmeSnippetsTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Path SOURCES = Path.of("src/test/java/dev/apimart/reliability/readme");

  @Test
  void everyJavaBlockOfTheReadmeIsInACompiledSource() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> !f.endsWith("ReadmeSnippetsTest.java")).toList()) {
        sources.add(squeeze(Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    Matcher blocks = JAVA_BLOCK.matcher(readme);
    int count = 0;
    while (blocks.find()) {
      count++;
      String block = blocks.group(1);
      StringBuilder code = new StringBuilder();
      List<String> imports = new ArrayList<>();
      for (String line : block.split("\n")) {
        if (line.startsWith("import ")) {
          imports.add(squeeze(line));
        } else {
          code.append(line).append('\n');
        }
      }
      String body = squeeze(code.toString());
      assertThat(sources)
          .as("README block %d, compiled in %s:%n%s", count, SOURCES, block)
          .anySatisfy(
              source -> {
                assertThat(source).contains(body);
                imports.forEach(i -> assertThat(source).contains(i));
              });
    }
    assertThat(count).as("Java blocks in the README").isGreaterThanOrEqualTo(4);
  }

  @Test
  void thePlainJavaExampleExplainsAMissingKeyInsteadOfThrowing() {
    assumeTrue(System.getenv("APIMART_API_KEY") == null, "APIMART_API_KEY is set here");

    assertThatCode(() -> PlainJavaExample.main(new String[0])).doesNotThrowAnyException();
  }

  @Test
  void theModelsExamplesBuildTheirEntriesAndTheTeapotIsValid() {
    try (ApiMartClient client = ModelsExample.builder().apiKey("sk-readme-test").build()) {
      assertThat(client.modelCatalog().find("acme-image-2")).isPresent();
      assertThat(client.modelCatalog().require(ImageModel.GPT_IMAGE_2).maxImages()).isEqualTo(8);
    }
    assertThat(ModelsExample.teapot()).isEmpty();
  }

  /** The text without any white space: formatting may differ, the code may not. */
  private static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }
}
