package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads end to end (issue 15, deliverable 1), through every transport against the fake, whose
 * upload endpoint parses the multipart body for real: what is checked before a byte is sent, what
 * arrives, how the endpoint's answers are typed, and that a generation with a local reference
 * validates, then uploads, then submits.
 */
class UploadTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  private static final long LIMIT = 20L * 1024 * 1024;

  @TempDir Path dir;

  private static ApiMartClient client(FakeApiMart fake, HttpTransport transport, VirtualTime time) {
    return ApiMartClient.builder()
        .apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl())
        .transport(transport)
        .scheduler(time)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(10))
                .jitter(0)
                .build())
        .build();
  }

  /** A file that starts like a PNG, followed by random bytes, {@code size} bytes in all. */
  private Path png(String name, int size) throws IOException {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    System.arraycopy(PNG_SIGNATURE, 0, content, 0, PNG_SIGNATURE.length);
    return Files.write(dir.resolve(name), content);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] fetch(URI url) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aFileArrivesWholeAndIsServedAtItsUrl(TransportKind kind) throws Exception {
    Path file = png("photo \"one\".png", 300_000);
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      UploadedImage uploaded = client.upload(file);

      byte[] sent = Files.readAllBytes(file);
      assertThat(uploaded.bytes()).isEqualTo(sent.length);
      assertThat(uploaded.contentType()).isEqualTo("image/png");
      assertThat(uploaded.expiresAt()).isEqualTo(uploaded.createdAt().plus(Duration.ofHours(72)));
      List<FakeUpload> uploads = fake.uploads();
      assertThat(uploads).hasSize(1);
      assertThat(uploads.get(0).sha256()).isEqualTo(sha256(sent));
      assertThat(uploads.get(0).fileName()).isEqualTo("photo _one_.png");
      assertThat(fetch(uploaded.url())).isEqualTo(sent);
      assertThat(fake.journal().uploads().get(0).body())
          .as("the journal describes the file, never its bytes")
          .startsWith("<multipart: file")
          .doesNotContain("PNG");
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void anUploadedImageIsAReferenceEvenWhenTheServiceIsOnThisMachine(TransportKind kind)
      throws Exception {
    Path file = png("street.png", 5_000);
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      UploadedImage uploaded = client.upload(file);
      GenerationRequest.Builder request =
          GenerationRequest.builder().model(ImageModel.QWEN_IMAGE_2_0).prompt("at night");

      Throwable asPlainUrl =
          catchThrowable(
              () ->
                  client.submit(
                      request.build().toBuilder().addImageUrl(uploaded.url().toString()).build()));
      TaskId id = client.submit(request.referenceImage(uploaded).build());

      assertThat(asPlainUrl)
          .as("a loopback URL given by hand is still refused before sending")
          .isInstanceOf(InvalidRequestException.class);
      assertThat(id.value()).isNotBlank();
      assertThat(fake.journal().submissions()).hasSize(1);
      assertThat(fake.journal().submissions().get(0).jsonBody())
          .containsEntry("image_urls", List.of(uploaded.url().toString()));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aFileJustUnderTheLimitIsUploaded(TransportKind kind) throws Exception {
    Path file = png("big.png", (int) (19.9 * 1024 * 1024));
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      UploadedImage uploaded = client.upload(file);

      assertThat(uploaded.bytes()).isEqualTo(Files.size(file));
      assertThat(fake.uploads().get(0).sha256()).isEqualTo(sha256(Files.readAllBytes(file)));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aFileOneByteOverTheLimitIsRefusedWithNothingSent(TransportKind kind) throws Exception {
    Path file = dir.resolve("huge.png");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(PNG_SIGNATURE);
      raf.setLength(LIMIT + 1);
    }
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      Throwable thrown = catchThrowable(() -> client.upload(file));

      assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("20 MB");
      assertThat(fake.journal().received(Route.UPLOAD_IMAGE)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aTextFileNamedPngIsRefusedWithNothingSent(TransportKind kind) throws Exception {
    Path file = Files.writeString(dir.resolve("notes.png"), "just some text, not an image\n");
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      Throwable thrown = catchThrowable(() -> client.upload(file));
      Throwable fromStream =
          catchThrowable(
              () ->
                  client.upload(
                      new ByteArrayInputStream("text".getBytes(StandardCharsets.UTF_8)), "a.png"));

      assertThat(thrown)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("not a JPEG, PNG, WebP or GIF");
      assertThat(fromStream).isInstanceOf(InvalidRequestException.class);
      assertThat(fake.journal().received(Route.UPLOAD_IMAGE)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aStreamIsUploadedUnderItsName(TransportKind kind) throws Exception {
    byte[] gif = "GIF89a-and-then-some-bytes".getBytes(StandardCharsets.US_ASCII);
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      UploadedImage uploaded =
          client.uploadAsync(new ByteArrayInputStream(gif), "dir/anim.gif").join();

      assertThat(uploaded.contentType()).isEqualTo("image/gif");
      assertThat(fake.uploads().get(0).fileName()).isEqualTo("anim.gif");
      assertThat(fetch(uploaded.url())).isEqualTo(gif);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void theEndpointsRefusalsAreTyped(TransportKind kind) throws Exception {
    Path file = png("a.png", 1000);
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      fake.inject(Fault.status(413).on(Route.UPLOAD_IMAGE));
      assertThat(catchThrowable(() -> client.upload(file)))
          .isInstanceOf(PayloadTooLargeException.class);

      fake.inject(Fault.status(400).on(Route.UPLOAD_IMAGE));
      assertThat(catchThrowable(() -> client.upload(file)))
          .isInstanceOf(RequestRejectedException.class);

      fake.inject(Fault.status(429).always().on(Route.UPLOAD_IMAGE));
      assertThat(catchThrowable(() -> client.upload(file)))
          .isInstanceOf(RateLimitedException.class);
      assertThat(fake.journal().received(Route.UPLOAD_IMAGE))
          .as("413 and 400 once each, 429 retried like a read")
          .isEqualTo(1 + 1 + 3);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void anUploadWhoseAnswerWasLostIsRetried(TransportKind kind) throws Exception {
    Path file = png("a.png", 1000);
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      fake.inject(Fault.dropConnectionAfterProcessing().on(Route.UPLOAD_IMAGE));

      UploadedImage uploaded = client.upload(file);

      assertThat(fake.journal().received(Route.UPLOAD_IMAGE)).isGreaterThanOrEqualTo(2);
      assertThat(fetch(uploaded.url())).isEqualTo(Files.readAllBytes(file));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aLargeStreamIsResentWholeWhenItsAnswerWasLost(TransportKind kind) throws Exception {
    byte[] content = Files.readAllBytes(png("big.png", 1_500_000));
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      fake.inject(Fault.dropConnectionAfterProcessing().on(Route.UPLOAD_IMAGE));

      UploadedImage uploaded = client.upload(new java.io.ByteArrayInputStream(content), "big.png");

      String whole = sha256(content);
      List<FakeUpload> uploads = fake.uploads();
      assertThat(uploads).as("the lost answer and the retry").hasSize(2);
      assertThat(uploads)
          .as("a stream is read once, yet every attempt sends all of it")
          .allSatisfy(u -> assertThat(u.sha256()).isEqualTo(whole));
      assertThat(fetch(uploaded.url())).isEqualTo(content);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void anInvalidGenerationRequestUploadsNothing(TransportKind kind) throws Exception {
    Path file = png("ref.png", 1000);
    Path text = Files.writeString(dir.resolve("ref2.png"), "not an image");
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      GenerationRequest noReferencesTaken =
          GenerationRequest.builder()
              .model(ImageModel.Z_IMAGE_TURBO)
              .prompt("a lighthouse")
              .referenceImage(file)
              .build();
      GenerationRequest badSecondFile =
          GenerationRequest.builder()
              .model(ImageModel.QWEN_IMAGE_2_0)
              .prompt("a lighthouse")
              .referenceImage(file)
              .referenceImage(text)
              .build();

      Throwable first = catchThrowable(() -> client.generate(noReferencesTaken));
      Throwable second = catchThrowable(() -> client.submitAsync(badSecondFile).join());

      assertThat(first)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("reference images");
      assertThat(second).hasCauseInstanceOf(InvalidRequestException.class);
      assertThat(second.getCause()).hasMessageContaining("referenceImages[1]");
      assertThat(fake.journal().received(Route.UPLOAD_IMAGE)).isZero();
      assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aLocalReferenceIsUploadedThenSubmittedByItsUrl(TransportKind kind) throws Exception {
    Path file = png("ref.png", 5000);
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      GenerationRequest request =
          GenerationRequest.builder()
              .model(ImageModel.QWEN_IMAGE_2_0)
              .prompt("the same lighthouse at night")
              .addImageUrl("https://example.com/first.png")
              .referenceImage(file)
              .build();

      TaskId sync = client.submit(request);
      TaskId async = client.submitAsync(request).join();

      assertThat(sync).isNotEqualTo(async);
      List<FakeUpload> uploads = fake.uploads();
      assertThat(uploads).hasSize(2);
      assertThat(fake.journal().submissions()).hasSize(2);
      for (int i = 0; i < 2; i++) {
        assertThat(fake.journal().submissions().get(i).jsonBody().get("image_urls"))
            .isEqualTo(List.of("https://example.com/first.png", uploads.get(i).url().toString()));
      }
      assertThat(fake.journal().requests().get(0).route())
          .as("the upload comes before the submission")
          .isEqualTo(Route.UPLOAD_IMAGE);
    }
  }
}
