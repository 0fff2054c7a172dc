package dev.apimart.testkit.internal;

import dev.apimart.core.model.PixelSize;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes small, valid PNG files of an exact pixel size, fast: an 8-bit indexed image of horizontal
 * colour bands whose scan lines are filtered to (almost) all zeros, so a 2048×2048 image deflates
 * to a few kilobytes. The compressed pixel data depends only on the size and is computed once per
 * size (a pure function, so sharing it between servers is safe); each image gets its own palette,
 * so images of different tasks differ, and a text chunk naming the task.
 */
final class PngImages {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int BANDS = 8;
  private static final Map<PixelSize, byte[]> IDAT_CACHE = new ConcurrentHashMap<>();

  private PngImages() {}

  /**
   * A PNG of exactly this size.
   *
   * @param size width and height
   * @param seed picks the colours (same seed, same image)
   * @param comment written to a {@code tEXt} chunk (Latin-1; other characters become '?')
   */
  public static byte[] png(PixelSize size, long seed, String comment) {
    byte[] idat = IDAT_CACHE.computeIfAbsent(size, PngImages::compressedPixels);
    ByteArrayOutputStream out = new ByteArrayOutputStream(idat.length + 256);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, size.width());
    putInt(ihdr, 4, size.height());
    ihdr[8] = 8; // bit depth
    ihdr[9] = 3; // colour type: indexed
    chunk(out, "IHDR", ihdr);
    chunk(out, "PLTE", palette(seed));
    byte[] keyword = "Comment".getBytes(StandardCharsets.ISO_8859_1);
    byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
    byte[] textChunk = new byte[keyword.length + 1 + text.length];
    System.arraycopy(keyword, 0, textChunk, 0, keyword.length);
    System.arraycopy(text, 0, textChunk, keyword.length + 1, text.length);
    chunk(out, "tEXt", textChunk);
    chunk(out, "IDAT", idat);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] compressedPixels(PixelSize size) {
    int width = size.width();
    int height = size.height();
    // Filter "Sub" on a band's first line: the first byte is the colour index, the rest are 0.
    // Filter "Up" on every other line: identical to the line above, so all 0.
    byte[] up = new byte[width + 1];
    up[0] = 2;
    byte[] first = new byte[width + 1];
    first[0] = 1;
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    byte[] buffer = new byte[64 * 1024];
    int bandHeight = Math.max(1, (height + BANDS - 1) / BANDS);
    for (int y = 0; y < height; y++) {
      byte[] line;
      if (y % bandHeight == 0) {
        first[1] = (byte) (y / bandHeight);
        line = first;
      } else {
        line = up;
      }
      deflater.setInput(line);
      while (!deflater.needsInput()) {
        int n = deflater.deflate(buffer);
        out.write(buffer, 0, n);
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      int n = deflater.deflate(buffer);
      out.write(buffer, 0, n);
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] palette(long seed) {
    byte[] plte = new byte[BANDS * 3];
    long x = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    for (int i = 0; i < BANDS; i++) {
      x ^= x >>> 31;
      x *= 0xBF58476D1CE4E5B9L;
      x ^= x >>> 27;
      // Bands fade from dark to light so the picture reads as a gradient.
      int light = 40 + i * 25;
      plte[i * 3] = (byte) Math.min(255, light + (int) (x & 0x3f));
      plte[i * 3 + 1] = (byte) Math.min(255, light + (int) ((x >>> 8) & 0x3f));
      plte[i * 3 + 2] = (byte) Math.min(255, light + (int) ((x >>> 16) & 0x3f));
    }
    return plte;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    out.writeBytes(length);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] crcBytes = new byte[4];
    putInt(crcBytes, 0, (int) crc.getValue());
    out.writeBytes(crcBytes);
  }

  private static void putInt(byte[] target, int offset, int value) {
    target[offset] = (byte) (value >>> 24);
    target[offset + 1] = (byte) (value >>> 16);
    target[offset + 2] = (byte) (value >>> 8);
    target[offset + 3] = (byte) value;
  }
}
