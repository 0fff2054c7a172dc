package dev.apimart.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.PixelSize;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class PngImagesTest {

  @Test
  void writesWellFormedChunksWithCorrectChecksums() {
    byte[] png = PngImages.png(new PixelSize(2048, 2048), 42, "FakeApiMart test");

    ByteBuffer buffer = ByteBuffer.wrap(png);
    buffer.position(8);
    List<String> types = new ArrayList<>();
    while (buffer.hasRemaining()) {
      int length = buffer.getInt();
      byte[] typeAndData = new byte[4 + length];
      buffer.get(typeAndData);
      CRC32 crc = new CRC32();
      crc.update(typeAndData);
      assertThat(buffer.getInt()).isEqualTo((int) crc.getValue());
      types.add(new String(typeAndData, 0, 4, StandardCharsets.US_ASCII));
    }

    assertThat(types).containsExactly("IHDR", "PLTE", "tEXt", "IDAT", "IEND");
    assertThat(png.length).isLessThan(32 * 1024);
  }

  @Test
  void sameSeedSameImageOtherSeedOtherColours() {
    PixelSize size = new PixelSize(720, 1280);

    assertThat(PngImages.png(size, 1, "c")).isEqualTo(PngImages.png(size, 1, "c"));
    assertThat(PngImages.png(size, 1, "c")).isNotEqualTo(PngImages.png(size, 2, "c"));
  }

  @Test
  void oddSizesAreExact() {
    byte[] png = PngImages.png(new PixelSize(3, 7), 0, "tiny");

    assertThat(ByteBuffer.wrap(png, 16, 8).getInt()).isEqualTo(3);
    assertThat(ByteBuffer.wrap(png, 20, 4).getInt()).isEqualTo(7);
  }
}
