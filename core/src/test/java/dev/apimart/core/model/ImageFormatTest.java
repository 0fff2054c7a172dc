package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFormatTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void recognizesEachFormatByItsFirstBytes() {
    assertThat(ImageFormat.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0)))
        .contains(ImageFormat.PNG);
    assertThat(ImageFormat.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(ImageFormat.JPEG);
    assertThat(ImageFormat.detect(bytes('G', 'I', 'F', '8', '9', 'a'))).contains(ImageFormat.GIF);
    assertThat(ImageFormat.detect(bytes('R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P')))
        .contains(ImageFormat.WEBP);
    assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
  }

  @Test
  void refusesLookAlikesAndShortHeads() {
    assertThat(ImageFormat.detect(bytes('R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'A', 'V', 'E')))
        .isEmpty();
    assertThat(ImageFormat.detect("<html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEmpty();
    assertThat(ImageFormat.detect(bytes(0x89, 'P', 'N', 'G'))).isEmpty();
  }

  @Test
  void onlyTheFilledPartOfTheBufferCounts() {
    byte[] buffer = bytes(0xFF, 0xD8, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    assertThat(ImageFormat.detect(buffer, 2)).isEmpty();
    assertThat(ImageFormat.detect(buffer, 3)).contains(ImageFormat.JPEG);
  }
}
