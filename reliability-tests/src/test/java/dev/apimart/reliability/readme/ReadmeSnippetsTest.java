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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Java snippet of the root README and of the testkit's and the transports' READMEs is
 * compiled and run by the build: each block must appear (white space aside) in one of this
 * package's sources, which the build compiles, and the tests here run them — MyServiceTest,
 * GenerationTest and the other test classes run as the tests they are. Their properties blocks can
 * be pasted (no inline comments) and their ApiMart dependencies name a version. (The starter's
 * README is checked by the starter's own tests, which have Spring Boot.)
 */
class ReadmeSnippetsTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Path SOURCES = Path.of("src/test/java/dev/apimart/reliability/readme");

  @ParameterizedTest
  @CsvSource({
    "README.md, 4",
    "testkit/README.md, 7",
    "transport-jdkhttp/README.md, 3",
    "transport-feign/README.md, 2"
  })
  void everyJavaBlockOfTheReadmeIsInACompiledSource(String readmeFile, int atLeast)
      throws IOException {
    String readme = Files.readString(Path.of("..", readmeFile), StandardCharsets.UTF_8);
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
          .as("%s block %d, compiled in %s:%n%s", readmeFile, count, SOURCES, block)
          .anySatisfy(
              source -> {
                assertThat(source).contains(body);
                imports.forEach(i -> assertThat(source).contains(i));
              });
    }
    assertThat(count).as("Java blocks in %s", readmeFile).isGreaterThanOrEqualTo(atLeast);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "README.md",
        "testkit/README.md",
        "transport-jdkhttp/README.md",
        "transport-feign/README.md"
      })
  void propertiesBlocksCanBePastedAndApiMartDependenciesNameTheirVersion(String file)
      throws IOException {
    String readme = Files.readString(Path.of("..", file), StandardCharsets.UTF_8);
    Matcher properties =
        Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    while (properties.find()) {
      for (String line : properties.group(1).split("\\n")) {
        // '#' starts a comment only at the start of a line; elsewhere it joins the value.
        if (!line.stripLeading().startsWith("#")) {
          assertThat(line).as("a value line in %s", file).doesNotContain("#");
        }
      }
    }
    Matcher dependencies =
        Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(readme);
    while (dependencies.find()) {
      if (dependencies.group(1).contains("<groupId>dev.apimart</groupId>")) {
        assertThat(dependencies.group(1))
            .as("a dependency in %s", file)
            .containsPattern("<version>[0-9][^<]*</version>");
      }
    }
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
