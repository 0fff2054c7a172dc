package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.PixelSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageFilesTest {

  private final FakeApiMart fake = FakeApiMart.start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  /** The seed pages' table (api-contract §1), written out here rather than read from any code. */
  private static final Map<String, PixelSize> SEED_TABLE =
      Map.ofEntries(
          Map.entry("1:1@1K", new PixelSize(1024, 1024)),
          Map.entry("4:3@1K", new PixelSize(1152, 864)),
          Map.entry("3:4@1K", new PixelSize(864, 1152)),
          Map.entry("16:9@1K", new PixelSize(1280, 720)),
          Map.entry("9:16@1K", new PixelSize(720, 1280)),
          Map.entry("3:2@1K", new PixelSize(1248, 832)),
          Map.entry("2:3@1K", new PixelSize(832, 1248)),
          Map.entry("1:1@2K", new PixelSize(2048, 2048)),
          Map.entry("4:3@2K", new PixelSize(2048, 1536)),
          Map.entry("3:4@2K", new PixelSize(1536, 2048)),
          Map.entry("16:9@2K", new PixelSize(2048, 1152)),
          Map.entry("9:16@2K", new PixelSize(1152, 2048)),
          Map.entry("3:2@2K", new PixelSize(2048, 1360)),
          Map.entry("2:3@2K", new PixelSize(1360, 2048)));

  @Test
  void everyRatioAndTierGivesAPngOfExactlyTheDocumentedSize() {
    for (String tier : List.of("1K", "2K")) {
      for (String ratio : List.of("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3")) {
        String id =
            http.submitOk(
                "{\"model\":\"z-image-turbo\",\"prompt\":\"x\",\"size\":\""
                    + ratio
                    + "\",\"resolution\":\""
                    + tier
                    + "\"}");
        URI url = fake.completeNow(id).imageUrls().get(0);

        Http.Answer image = http.getUrl(url);

        PixelSize expected = SEED_TABLE.get(ratio + "@" + tier);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("content-type")).isEqualTo("image/png");
        assertThat(width(image.body())).as("%s %s", ratio, tier).isEqualTo(expected.width());
        assertThat(height(image.body())).as("%s %s", ratio, tier).isEqualTo(expected.height());
        assertThat(image.body().length).as("compact").isLessThan(64 * 1024);
      }
    }
  }

  @Test
  void pngsAreValidForAStandardDecoder() throws IOException {
    String id =
        http.submitOk(
            "{\"model\":\"z-image-turbo\",\"prompt\":\"x\",\"size\":\"9:16\",\"resolution\":\"2K\"}");
    byte[] png = http.getUrl(fake.completeNow(id).imageUrls().get(0)).body();

    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(decoded).isNotNull();
    assertThat(decoded.getWidth()).isEqualTo(1152);
    assertThat(decoded.getHeight()).isEqualTo(2048);
    assertThat(decoded.getRGB(0, 0)).isNotEqualTo(decoded.getRGB(0, 2047));
  }

  @Test
  void qwenTaskServesNDistinctImages() {
    String id = http.submitOk("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"n\":6}");
    FakeTask task = fake.completeNow(id);

    assertThat(task.imageUrls()).hasSize(6);
    byte[] first = http.getUrl(task.imageUrls().get(0)).body();
    byte[] last = http.getUrl(task.imageUrls().get(5)).body();
    assertThat(width(first)).isEqualTo(1024);
    assertThat(Arrays.equals(first, last)).isFalse();
    URI beyond = URI.create(fake.baseUrl() + "/files/" + id + "/7.png");
    assertThat(http.getUrl(beyond).status()).isEqualTo(404);
  }

  @Test
  void imagesOfUnfinishedOrUnknownTasksAre404() {
    String id = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");

    Http.Answer early = http.getUrl(URI.create(fake.baseUrl() + "/files/" + id + "/1.png"));
    Http.Answer unknown = http.getUrl(URI.create(fake.baseUrl() + "/files/task_nope/1.png"));

    assertThat(early.status()).isEqualTo(404);
    assertThat(early.text()).contains("<Code>NoSuchKey</Code>");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void scriptedMissingImagesAnswer404() {
    fake.onNextTask(Outcome.completes().withMissingImages());
    String id = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");
    FakeTask task = fake.completeNow(id);

    Http.Answer image = http.getUrl(task.imageUrls().get(0));

    assertThat(image.status()).isEqualTo(404);
    assertThat(image.header("content-type")).isEqualTo("application/xml");
  }

  @Test
  void imageUrlsExpireAfterTheirLifetime() {
    try (FakeApiMart shortLived =
        FakeApiMart.builder().imageLifetime(Duration.ofMinutes(10)).start()) {
      Http http = new Http(shortLived);
      String id = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");
      URI url = shortLived.completeNow(id).imageUrls().get(0);

      shortLived.advance(Duration.ofMinutes(9));
      assertThat(http.getUrl(url).status()).isEqualTo(200);
      shortLived.advance(Duration.ofMinutes(1));
      Http.Answer expired = http.getUrl(url);

      assertThat(expired.status()).isEqualTo(403);
      assertThat(expired.text()).contains("Request has expired.");
    }
  }

  private static int width(byte[] png) {
    return readInt(png, 16);
  }

  private static int height(byte[] png) {
    return readInt(png, 20);
  }

  private static int readInt(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 24)
        | ((b[offset + 1] & 0xff) << 16)
        | ((b[offset + 2] & 0xff) << 8)
        | (b[offset + 3] & 0xff);
  }
}
