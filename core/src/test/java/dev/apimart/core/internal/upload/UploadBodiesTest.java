package dev.apimart.core.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.internal.upload.UploadBodies.ImageType;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.testing.Bodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local checks and the multipart body of an upload (issue 15). */
class UploadBodiesTest {

  @TempDir Path dir;

  private static byte[] hex(String hex) {
    return java.util.HexFormat.of().parseHex(hex);
  }

  @ParameterizedTest
  @CsvSource({
    "ffd8ffe000104a464946, JPEG",
    "89504e470d0a1a0a0000, PNG",
    "474946383761010001, GIF",
    "474946383961010001, GIF",
    "52494646000000005745425056503820, WEBP"
  })
  void theFirstBytesTellTheFormat(String head, ImageType type) {
    byte[] bytes = hex(head);
    assertThat(UploadBodies.sniff(bytes, bytes.length)).isEqualTo(type);
  }

  @ParameterizedTest
  @CsvSource({
    "3c3f786d6c", // <?xml (an SVG)
    "424d3a000000", // BMP
    "52494646000000004156492020", // RIFF....AVI
    "89504e47", // a cut PNG signature
    "ffd8" // a cut JPEG signature
  })
  void otherFirstBytesAreNoImage(String head) {
    byte[] bytes = hex(head);
    assertThat(UploadBodies.sniff(bytes, bytes.length)).isNull();
  }

  @Test
  void theBodyIsOneMultipartFieldNamedFileWithTheDetectedType() throws IOException {
    byte[] content = hex("89504e470d0a1a0a0102030405");
    Path file = Files.write(dir.resolve("my \"pic\".PNG"), content);

    UploadBodies.Prepared prepared = UploadBodies.fromFile(file);

    assertThat(prepared.type()).isEqualTo(ImageType.PNG);
    assertThat(prepared.fileBytes()).isEqualTo(content.length);
    String boundary = prepared.contentType().substring("multipart/form-data; boundary=".length());
    assertThat(boundary).matches("apimart-[0-9a-f]{32}");
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"my _pic_.PNG\"\r\n"
            + "Content-Type: image/png\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    assertThat(prepared.body().requestBody().isStreamed()).isTrue();
    byte[] body = Bodies.bytes(prepared.body().requestBody());
    assertThat(prepared.body().requestBody().contentLength()).isEqualTo(body.length);
    assertThat(new String(body, 0, head.length(), StandardCharsets.ISO_8859_1)).isEqualTo(head);
    byte[] middle = java.util.Arrays.copyOfRange(body, head.length(), body.length - tail.length());
    assertThat(middle).isEqualTo(content);
    assertThat(
            new String(
                body, body.length - tail.length(), tail.length(), StandardCharsets.ISO_8859_1))
        .isEqualTo(tail);
  }

  @Test
  void eachBodyHasItsOwnBoundary() throws IOException {
    Path file = Files.write(dir.resolve("a.gif"), "GIF89a".getBytes(StandardCharsets.US_ASCII));

    assertThat(UploadBodies.fromFile(file).contentType())
        .isNotEqualTo(UploadBodies.fromFile(file).contentType());
  }

  @Test
  void checksNameTheProblemWithoutReadingTheWholeFile() throws IOException {
    Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
    Path missing = dir.resolve("missing.png");
    Path text = Files.writeString(dir.resolve("text.jpg"), "hello");

    Violation emptyProblem = UploadBodies.check(empty, "file");
    Violation missingProblem = UploadBodies.check(missing, "referenceImages[2]");
    Violation textProblem = UploadBodies.check(text, "file");

    assertThat(emptyProblem).isNotNull();
    assertThat(emptyProblem.message()).isEqualTo("is empty");
    assertThat(missingProblem).isNotNull();
    assertThat(missingProblem.field()).isEqualTo("referenceImages[2]");
    assertThat(missingProblem.message()).startsWith("does not exist");
    assertThat(textProblem).isNotNull();
    assertThat(textProblem.message()).contains("not a JPEG, PNG, WebP or GIF");
    assertThat(textProblem.toString()).doesNotContain("hello");
  }

  @Test
  void anEndlessStreamIsAbandonedJustPastTheLimit() {
    AtomicLong served = new AtomicLong();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served.incrementAndGet();
            return 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0xff);
            served.addAndGet(len);
            return len;
          }
        };

    Throwable thrown = catchThrowable(() -> UploadBodies.fromStream(endless, "x.jpg"));

    assertThat(thrown)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("20 MB")
        .hasMessageStartingWith("Invalid upload (1 problem), nothing was sent:");
    assertThat(served.get())
        .isGreaterThan(UploadBodies.MAX_BYTES)
        .isLessThanOrEqualTo(UploadBodies.MAX_BYTES + 64 * 1024);
  }

  @Test
  void aStreamKeepsOnlyItsBaseName() {
    UploadBodies.Prepared prepared =
        UploadBodies.fromStream(
            new java.io.ByteArrayInputStream(hex("ffd8ffdb00")), "C:\\photos\\cat.jpg");

    assertThat(prepared.fileName()).isEqualTo("cat.jpg");
    assertThat(prepared.type()).isEqualTo(ImageType.JPEG);
  }

  @Test
  void aFileIsReadWhenTheBodyIsSentNotWhenItIsPrepared() throws IOException {
    byte[] before = hex("89504e470d0a1a0a00000000");
    byte[] after = hex("89504e470d0a1a0a11223344");
    Path file = Files.write(dir.resolve("late.png"), before);

    RequestBody body = UploadBodies.fromFile(file).body().requestBody();
    Files.write(file, after);

    byte[] sent = Bodies.bytes(body);
    assertThat(containsAt(sent, after)).isTrue();
    assertThat(Bodies.bytes(body)).as("every attempt reads the file again").isEqualTo(sent);
  }

  @Test
  void aFileThatGrowsAfterItsCheckFailsTheSendInsteadOfSendingAWrongLength() throws IOException {
    Path file =
        Files.write(dir.resolve("grows.gif"), "GIF89a-----".getBytes(StandardCharsets.US_ASCII));
    RequestBody body = UploadBodies.fromFile(file).body().requestBody();
    Files.write(file, "GIF89a----- and more".getBytes(StandardCharsets.US_ASCII));

    Throwable thrown = catchThrowable(body::toByteArray);

    assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("more than");
  }

  @Test
  void aLargeStreamIsSpooledResentIdenticallyAndReleasedWhenClosed() throws IOException {
    byte[] content = new byte[UploadBodies.IN_MEMORY_BYTES * 3 + 17];
    new java.util.Random(15).nextBytes(content);
    System.arraycopy(hex("ffd8ffe0"), 0, content, 0, 4);

    UploadBodies.Prepared prepared =
        UploadBodies.fromStream(new java.io.ByteArrayInputStream(content), "big.jpg");
    RequestBody body = prepared.body().requestBody();

    assertThat(prepared.fileBytes()).isEqualTo(content.length);
    byte[] first = Bodies.bytes(body);
    assertThat(first).hasSize((int) body.contentLength());
    assertThat(containsAt(first, content)).isTrue();
    assertThat(Bodies.bytes(body)).as("a retry sends the same bytes").isEqualTo(first);

    prepared.body().close();

    assertThat(catchThrowable(body::toByteArray))
        .as("a released spool cannot be sent again")
        .isInstanceOf(IOException.class);
  }

  @Test
  void aSmallStreamIsKeptInMemoryAndResentIdentically() throws IOException {
    byte[] content = hex("474946383961010001");
    UploadBodies.Prepared prepared =
        UploadBodies.fromStream(new java.io.ByteArrayInputStream(content), "a.gif");
    RequestBody body = prepared.body().requestBody();

    byte[] sent = Bodies.bytes(body);
    assertThat(containsAt(sent, content)).isTrue();
    prepared.body().close();
    assertThat(Bodies.bytes(body)).isEqualTo(sent);
  }

  @Test
  void aStreamThatIsNoImageIsRefusedAfterSpoolingAndNothingIsKept() {
    byte[] text = new byte[UploadBodies.IN_MEMORY_BYTES + 5];
    java.util.Arrays.fill(text, (byte) 'a');

    Throwable thrown =
        catchThrowable(
            () -> UploadBodies.fromStream(new java.io.ByteArrayInputStream(text), "t.png"));

    assertThat(thrown)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not a JPEG, PNG, WebP or GIF");
  }

  /** Whether {@code part} occurs in {@code whole} right after the multipart head. */
  private static boolean containsAt(byte[] whole, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= whole.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (whole[i + j] != part[j]) {
          continue outer;
        }
      }
      return i > 0 && whole[i - 1] == '\n' && whole[i - 2] == '\r';
    }
    return false;
  }
}
