package dev.apimart.core.internal.download;

/** Recognizes the first bytes of the image formats a generation may come in. */
final class ImageSignatures {

  private ImageSignatures() {}

  /** Whether the first {@code length} bytes of {@code head} start a PNG, JPEG, GIF or WebP. */
  static boolean looksLikeImage(byte[] head, int length) {
    return startsWith(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)
        || startsWith(head, length, 0xFF, 0xD8, 0xFF)
        || startsWith(head, length, 'G', 'I', 'F', '8')
        || (startsWith(head, length, 'R', 'I', 'F', 'F')
            && length >= 12
            && head[8] == 'W'
            && head[9] == 'E'
            && head[10] == 'B'
            && head[11] == 'P');
  }

  private static boolean startsWith(byte[] head, int length, int... signature) {
    if (length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((head[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
