package dev.apimart.langchain4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.langchain4j.PublicUploadUrls;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import dev.langchain4j.data.image.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of this module's README is in one of this package's sources (white space aside),
 * which the build compiles, and the examples run here against the fake.
 */
class ReadmeExamplesTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Path SOURCES = Path.of("src/test/java/dev/apimart/langchain4j/readme");

  @Test
  void everyJavaBlockOfTheReadmeIsInACompiledSource() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> !f.endsWith("ReadmeExamplesTest.java")).toList()) {
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
    assertThat(count).as("Java blocks in the README").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theQuickStartGetsTwoImagesFromOneTask() {
    // The example's client polls at the default pace (first poll after 2 s): the fake runs 1000
    // times faster than real time, so the task is done by then.
    try (FakeApiMart fake = FakeApiMart.builder().realTime(1000).start()) {
      List<Image> images = QuickStartExample.cats(fake.baseUrl().toString(), fake.apiKey());

      assertThat(images).hasSize(2).allSatisfy(i -> assertThat(i.url()).isNotNull());
      assertThat(fake.journal().submissions()).hasSize(1);
      assertThat(fake.journal().submissions().get(0).jsonBody())
          .containsEntry("n", 2)
          .containsEntry("size", "16:9")
          .containsEntry("resolution", "2K");
    }
  }

  @Test
  void theEditExampleSendsTheImageAndTheMask() {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = fake.clientBuilder().build()) {
      Image edited = EditExample.edited(client);

      assertThat(edited.url()).isEqualTo(fake.lastTask().imageUrls().get(0));
      assertThat(fake.journal().submissions().get(0).jsonBody())
          .containsEntry("image_urls", List.of("https://example.com/room.png"))
          .containsEntry("mask_url", "https://example.com/room-mask.png");
    }
  }

  @Test
  void theLocalEditExampleUploadsTheImageAndTheMaskThenSubmits(@TempDir Path dir)
      throws IOException {
    Path room = dir.resolve("room.png");
    assertThat(
            ImageIO.write(
                new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB), "png", room.toFile()))
        .isTrue();
    ByteArrayOutputStream mask = new ByteArrayOutputStream();
    assertThat(ImageIO.write(new BufferedImage(16, 9, BufferedImage.TYPE_INT_ARGB), "png", mask))
        .isTrue();
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = PublicUploadUrls.clientBuilder(fake).build()) {
      Image edited = LocalEditExample.edited(client, room, mask.toByteArray());

      assertThat(edited.url()).isEqualTo(fake.lastTask().imageUrls().get(0));
      List<FakeUpload> uploads = fake.uploads();
      assertThat(uploads).hasSize(2);
      assertThat(uploads.get(0).bytes()).isEqualTo(Files.size(room));
      assertThat(uploads.get(1).bytes()).isEqualTo(mask.size());
      assertThat(fake.journal().submissions().get(0).jsonBody())
          .containsEntry("image_urls", List.of(PublicUploadUrls.publicUrl(fake, uploads.get(0))))
          .containsEntry("mask_url", PublicUploadUrls.publicUrl(fake, uploads.get(1)));
    }
  }

  /** The text without any white space: formatting may differ, the code may not. */
  private static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }
}
