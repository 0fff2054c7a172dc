package dev.apimart.benchmarks.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG files for the download benchmark. A generated photo of 2048×2048 pixels is several megabytes;
 * {@link #noise} is the worst case of that size: random RGB pixels that do not compress, about 12
 * MiB, a valid PNG.
 */
public final class PngFixtures {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngFixtures() {}

  /** A valid 8-bit RGB PNG of random pixels (fixed seed), stored without compression. */
  public static byte[] noise(int width, int height) {
    Random random = new Random(20260101L);
    int stride = width * 3 + 1;
    byte[] raw = new byte[stride * height];
    random.nextBytes(raw);
    for (int y = 0; y < height; y++) {
      raw[y * stride] = 0; // filter type "None"
    }
    Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream idat = new ByteArrayOutputStream(raw.length + raw.length / 1000 + 64);
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      int n = deflater.deflate(buffer);
      idat.write(buffer, 0, n);
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 128);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    out.writeBytes(length);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] sum = new byte[4];
    putInt(sum, 0, (int) crc.getValue());
    out.writeBytes(sum);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
