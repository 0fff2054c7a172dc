package dev.apimart.spring.boot.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.testing.Hermetic;
import dev.apimart.spring.boot.webhook.ApiMartWebhookAutoConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The starter README's blocks hold as written, on whichever Boot line runs this (the test is
 * shared): each Java block appears (white space aside) in a source of this package, which the build
 * compiles — {@code PostersTest} runs as the test it is; each properties or YAML block, pasted into
 * an application, starts it; every ApiMart dependency names its version.
 */
class ReadmeSnippetsTest {

  private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
  private static final Path SOURCES = Path.of("src/test/java/dev/apimart/spring/boot/readme");
  private static final Path SHARED_SOURCES =
      Path.of("../spring-boot-starter/src/test/java/dev/apimart/spring/boot/readme");

  private final ApplicationContextRunner application =
      Hermetic.runner()
          .withConfiguration(
              AutoConfigurations.of(
                  ApiMartAutoConfiguration.class, ApiMartWebhookAutoConfiguration.class))
          // What the webhook block reads from the environment, which Hermetic hides.
          .withPropertyValues(
              "APIMART_WEBHOOK_SECRET=5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b");

  /** The starter README and, on the Boot 3 line, its own README too. */
  private static List<String> readmes() throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    files.add(Path.of("../spring-boot-starter/README.md").toRealPath());
    files.add(Path.of("README.md").toRealPath());
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      texts.add(Files.readString(file, StandardCharsets.UTF_8));
    }
    return texts;
  }

  private static Map<String, List<String>> blocks() throws IOException {
    Map<String, List<String>> byLanguage = new LinkedHashMap<>();
    for (String readme : readmes()) {
      Matcher blocks = BLOCK.matcher(readme);
      while (blocks.find()) {
        byLanguage.computeIfAbsent(blocks.group(1), l -> new ArrayList<>()).add(blocks.group(2));
      }
    }
    return byLanguage;
  }

  @Test
  void everyJavaBlockIsInACompiledSource() throws IOException {
    Path dir = Files.isDirectory(SOURCES) ? SOURCES : SHARED_SOURCES;
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> !f.endsWith("ReadmeSnippetsTest.java")).toList()) {
        sources.add(squeeze(Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    List<String> java = blocks().getOrDefault("java", List.of());
    assertThat(java).as("Java blocks of the starter README").hasSizeGreaterThanOrEqualTo(2);
    for (String block : java) {
      assertThat(sources)
          .as("README block, compiled in %s:%n%s", dir, block)
          .anySatisfy(source -> assertThat(source).contains(squeeze(block)));
    }
  }

  @Test
  void everyPropertiesBlockHasNoInlineCommentsAndStartsAnApplication() throws IOException {
    List<String> blocks = blocks().getOrDefault("properties", List.of());
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
    for (String block : blocks) {
      for (String line : block.split("\n")) {
        // In a properties file '#' starts a comment only at the start of a line; elsewhere it
        // becomes part of the value.
        if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
          assertThat(line).as("a value line of%n%s", block).doesNotContain("#");
        }
      }
      Properties properties = new Properties();
      properties.load(new java.io.StringReader(block));
      List<String> pairs = new ArrayList<>();
      properties.forEach((name, value) -> pairs.add(name + "=" + value));
      application
          .withPropertyValues("apimart.api-key=sk-readme-test")
          .withPropertyValues(pairs.toArray(String[]::new))
          .run(
              context -> {
                assertThat(context).as("started with%n%s", block).hasNotFailed();
                assertThat(context).hasSingleBean(ApiMartClient.class);
              });
    }
  }

  @Test
  void everyYamlBlockStartsAnApplication() throws IOException {
    List<String> blocks = blocks().getOrDefault("yaml", List.of());
    assertThat(blocks).isNotEmpty();
    for (String block : blocks) {
      List<PropertySource<?>> sources =
          new YamlPropertySourceLoader()
              .load("README", new ByteArrayResource(block.getBytes(StandardCharsets.UTF_8)));
      List<String> pairs = new ArrayList<>();
      for (PropertySource<?> source : sources) {
        EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
        for (String name : enumerable.getPropertyNames()) {
          pairs.add(name + "=" + enumerable.getProperty(name));
        }
      }
      application
          .withPropertyValues("apimart.api-key=sk-readme-test")
          .withPropertyValues(pairs.toArray(String[]::new))
          .run(context -> assertThat(context).as("started with%n%s", block).hasNotFailed());
    }
  }

  @Test
  void everyApiMartDependencyNamesItsVersion() throws IOException {
    List<String> blocks = blocks().getOrDefault("xml", List.of());
    assertThat(blocks).isNotEmpty();
    Pattern dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    for (String block : blocks) {
      Matcher each = dependency.matcher(block);
      while (each.find()) {
        if (each.group(1).contains("<groupId>dev.apimart</groupId>")) {
          assertThat(each.group(1)).as("a dependency in%n%s", block).contains("<version>");
        }
      }
    }
  }

  /** The text without any white space: formatting may differ, the code may not. */
  private static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }
}
