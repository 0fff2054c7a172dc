package dev.apimart.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.Violation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks before an upload, and the naming of an upload's failure. */
class LocalImagesTest {

  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D
  };
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
  private static final byte[] GIF = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WEBP = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theFourFormatsAreRecognisedByTheirFirstBytesAndNothingElse() {
    assertThat(LocalImages.sniff(PNG)).isEqualTo("image/png");
    assertThat(LocalImages.sniff(JPEG)).isEqualTo("image/jpeg");
    assertThat(LocalImages.sniff(GIF)).isEqualTo("image/gif");
    assertThat(LocalImages.sniff(WEBP)).isEqualTo("image/webp");
    assertThat(LocalImages.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)))
        .isNull();
    assertThat(LocalImages.sniff("GIF8".getBytes(StandardCharsets.US_ASCII))).isNull();
    assertThat(LocalImages.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isNull();
    assertThat(LocalImages.sniff(new byte[0])).isNull();
  }

  @Test
  void aDeclaredTypeMustAgreeUnlessItDeclaresNothing() {
    assertThat(LocalImages.check(PNG, "image/png", "f", "image")).isNull();
    assertThat(LocalImages.check(PNG, "IMAGE/PNG; charset=binary", "f", "image")).isNull();
    assertThat(LocalImages.check(JPEG, "image/jpg", "f", "image")).isNull();
    assertThat(LocalImages.check(JPEG, "application/octet-stream", "f", "image")).isNull();
    assertThat(LocalImages.check(GIF, "image/*", "f", "image")).isNull();
    assertThat(LocalImages.check(WEBP, null, "f", "image")).isNull();

    Violation mismatch = LocalImages.check(PNG, "image/webp", "mask_url", "mask");
    assertThat(mismatch).isNotNull();
    assertThat(mismatch.field()).isEqualTo("mask_url");
    assertThat(mismatch.rejectedValue()).isEqualTo("mask (image/webp, 12 bytes)");
    assertThat(mismatch.message()).contains("declared image/webp but its bytes are image/png");
    assertThat(LocalImages.check(PNG, "text/plain", "f", "image")).isNotNull();
  }

  @Test
  void emptyAndOversizedBytesAreRefused() {
    assertThat(LocalImages.check(new byte[0], "image/png", "f", "image").message())
        .contains("empty");
    byte[] big = new byte[(int) LocalImages.MAX_BYTES + 1];
    System.arraycopy(PNG, 0, big, 0, PNG.length);
    assertThat(LocalImages.check(big, "image/png", "f", "image").message()).contains("20 MB");
    byte[] atLimit = new byte[(int) LocalImages.MAX_BYTES];
    System.arraycopy(PNG, 0, atLimit, 0, PNG.length);
    assertThat(LocalImages.check(atLimit, "image/png", "f", "image")).isNull();
  }

  @Test
  void filesAreCheckedFromTheirSizeAndFirstBytes(@TempDir Path dir) throws IOException {
    Path png = Files.write(dir.resolve("a.png"), PNG);
    assertThat(LocalImages.check(png, null, "f", "image")).isNull();
    assertThat(LocalImages.check(png, "image/jpeg", "f", "image").message())
        .contains("declared image/jpeg but the file is image/png");
    assertThat(LocalImages.check(dir, null, "f", "image").message()).contains("not a file");
    assertThat(LocalImages.check(dir.resolve("none.png"), null, "f", "image").message())
        .contains("not a file");
    assertThat(
            LocalImages.check(Files.createFile(dir.resolve("empty.png")), null, "f", "image")
                .message())
        .contains("empty");
    Path big = Files.write(dir.resolve("big.png"), PNG);
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(LocalImages.MAX_BYTES + 1);
    }
    assertThat(LocalImages.check(big, null, "f", "image").message()).contains("20 MB");
    Path text = Files.writeString(dir.resolve("notes.png"), "hello");
    assertThat(LocalImages.check(text, null, "f", "image").message())
        .contains("not a JPEG, PNG, WebP or GIF");
  }

  @Test
  void anUploadFailureKeepsItsTypeAndNamesTheImage() {
    RateLimitedException limited =
        new RateLimitedException("slow down", ErrorDetails.NONE, Duration.ofSeconds(7));
    ApiMartException named = LocalImages.naming(limited, "mask_url", "mask (file /tmp/m.png)");
    assertThat(named).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) named).retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(named.getMessage())
        .contains("mask (file /tmp/m.png)")
        .contains("nothing was submitted")
        .contains("slow down");
    assertThat(named.getSuppressed()).containsExactly(limited);

    TransportException reset =
        new TransportException(TransportException.Kind.values()[0], "reset", null);
    ApiMartException namedReset = LocalImages.naming(reset, "f", "image");
    assertThat(namedReset).isInstanceOf(TransportException.class).hasCause(reset);
    assertThat(((TransportException) namedReset).kind()).isEqualTo(reset.kind());

    InvalidRequestException refused =
        new InvalidRequestException(List.of(new Violation("file", "x.png", "unsupported format")));
    InvalidRequestException namedRefused =
        (InvalidRequestException) LocalImages.naming(refused, "image_urls[0]", "image (Base64)");
    assertThat(namedRefused.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("image_urls[0]");
              assertThat(v.rejectedValue()).isEqualTo("image (Base64)");
              assertThat(v.message()).contains("unsupported format");
            });

    NotFoundException other = new NotFoundException("gone", ErrorDetails.NONE);
    assertThat(LocalImages.naming(other, "f", "image")).isSameAs(other);
  }
}
