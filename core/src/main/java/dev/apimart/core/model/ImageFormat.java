package dev.apimart.core.model;

import java.util.Optional;

/**
 * The image formats a generation may come in, recognized by their first bytes. Downloads use it to
 * accept an answer whose content type is missing or generic, and tools to name saved files.
 */
public enum ImageFormat {
  /** PNG. */
  PNG("png", "image/png", new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
  /** JPEG. */
  JPEG("jpg", "image/jpeg", new int[] {0xFF, 0xD8, 0xFF}),
  /** GIF (87a or 89a). */
  GIF("gif", "image/gif", new int[] {'G', 'I', 'F', '8'}),
  /** WebP: a RIFF container whose form type is {@code WEBP}. */
  WEBP("webp", "image/webp", new int[] {'R', 'I', 'F', 'F'});

  /** Bytes enough to recognize every format. */
  public static final int SIGNATURE_LENGTH = 12;

  private final String extension;
  private final String mimeType;
  private final int[] signature;

  ImageFormat(String extension, String mimeType, int[] signature) {
    this.extension = extension;
    this.mimeType = mimeType;
    this.signature = signature;
  }

  /** The MIME type, e.g. {@code image/png}: what an upload declares. */
  public String mimeType() {
    return mimeType;
  }

  /** The usual file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** The format whose signature the first bytes of {@code head} carry, if any. */
  public static Optional<ImageFormat> detect(byte[] head) {
    return detect(head, head.length);
  }

  /**
   * The format whose signature the first {@code length} bytes of {@code head} carry, if any.
   *
   * @param head a buffer holding the start of the content
   * @param length how many bytes of {@code head} are filled
   */
  public static Optional<ImageFormat> detect(byte[] head, int length) {
    for (ImageFormat format : values()) {
      if (format.matches(head, Math.min(length, head.length))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private boolean matches(byte[] head, int length) {
    if (length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((head[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return switch (this) {
      case WEBP ->
          length >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P';
      case GIF -> length >= 6 && (head[4] == '7' || head[4] == '9') && head[5] == 'a';
      default -> true;
    };
  }
}
