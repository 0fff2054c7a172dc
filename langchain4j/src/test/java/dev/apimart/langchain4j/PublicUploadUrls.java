package dev.apimart.langchain4j;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

/**
 * The discovered transport, with the fake's upload answers carrying ApiMart's public upload host
 * ({@value #PUBLIC}) instead of the fake's loopback address — as the real endpoint answers. The
 * client refuses loopback reference URLs in a submission (the service could not fetch them), so
 * without this a URL the fake uploaded could not be submitted by anyone but core's own {@code
 * referenceImage(Path)} path. The fake accepts its uploads under that host.
 */
public final class PublicUploadUrls implements HttpTransport {

  public static final String PUBLIC = "https://upload.apimart.ai/f/";

  private final HttpTransport delegate;
  private final String own;

  private PublicUploadUrls(HttpTransport delegate, String own) {
    this.delegate = delegate;
    this.own = own;
  }

  /** The fake's client builder, on this transport. */
  public static ApiMartClient.Builder clientBuilder(FakeApiMart fake) {
    TransportProvider provider =
        ServiceLoader.load(TransportProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .max(Comparator.comparingInt(TransportProvider::priority))
            .orElseThrow();
    return fake.clientBuilder()
        .transport(
            new PublicUploadUrls(
                provider.create(TransportSettings.defaults()), fake.baseUrl() + "/uploads/f/"));
  }

  /** The URL a client of this transport received for the upload. */
  public static String publicUrl(FakeApiMart fake, FakeUpload upload) {
    String url = upload.url().toString();
    String own = fake.baseUrl() + "/uploads/f/";
    if (!url.startsWith(own)) {
      throw new AssertionError("not an upload of this fake: " + url);
    }
    return PUBLIC + url.substring(own.length());
  }

  @Override
  public TransportResponse execute(TransportRequest request) {
    return rewritten(request, delegate.execute(request));
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    return delegate.executeAsync(request).thenApply(r -> rewritten(request, r));
  }

  private TransportResponse rewritten(TransportRequest request, TransportResponse response) {
    if (!request.uri().getPath().endsWith("/v1/uploads/images") || response.status() != 200) {
      return response;
    }
    String body = new String(response.bodyBytes(), StandardCharsets.UTF_8);
    byte[] answer = body.replace(own, PUBLIC).getBytes(StandardCharsets.UTF_8);
    return TransportResponse.of(response.status(), response.headers(), answer);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
