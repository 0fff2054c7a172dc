package dev.apimart.spring.ai.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.spring.ai.ApiMartImageModel;
import dev.apimart.spring.ai.PublicUploadUrls;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import io.micrometer.observation.ObservationRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
  private static final Path SOURCES = Path.of("src/test/java/dev/apimart/spring/ai/readme");

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
  void thePosterServiceGetsTwoImagesFromOneTask() {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = fake.clientBuilder().build()) {
      PosterService service = new PosterService(ApiMartImageModel.builder().client(client).build());

      List<String> posters = service.posters("Grand opening");

      assertThat(posters).hasSize(2).allMatch(p -> p.contains("1280x720"));
      assertThat(fake.journal().submissions()).hasSize(1);
    }
  }

  @Test
  void thePlainExampleReturnsTheImagesBytes() throws IOException {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = fake.clientBuilder().build()) {
      byte[] png = PlainSpringAiExample.wallpaper(client, ObservationRegistry.NOOP);

      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(2688);
      assertThat(image.getHeight()).isEqualTo(1152);
      assertThat(fake.journal().submissions().get(0).jsonBody())
          .containsEntry("size", "21:9")
          .containsEntry("resolution", "2k");
    }
  }

  @Test
  void theLocalReferenceExampleUploadsTheFileThenSubmitsItsUrl(@TempDir Path dir)
      throws IOException {
    Path street = dir.resolve("street.jpg");
    BufferedImage image = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
    assertThat(ImageIO.write(image, "jpg", street.toFile())).isTrue();
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = PublicUploadUrls.clientBuilder(fake).build()) {
      String url =
          LocalReferenceExample.atNight(ApiMartImageModel.builder().client(client).build(), street);

      assertThat(url).isEqualTo(fake.lastTask().imageUrls().get(0).toString());
      FakeUpload upload = fake.uploads().get(0);
      assertThat(fake.uploads()).hasSize(1);
      assertThat(upload.bytes()).isEqualTo(Files.size(street));
      assertThat(upload.contentType()).isEqualTo("image/jpeg");
      assertThat(fake.journal().submissions().get(0).jsonBody())
          .containsEntry("image_urls", List.of(PublicUploadUrls.publicUrl(fake, upload)));
    }
  }

  /** The text without any white space: formatting may differ, the code may not. */
  private static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }
}
