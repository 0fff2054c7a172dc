package dev.apimart.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1} (in {@code
 * tls/localhost.p12}, valid for a hundred years), as a server's key and as a client's only trust
 * anchor.
 */
public final class Tls {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final SSLContext CONTEXT = load();

  private Tls() {}

  /** An SSL context that serves the test certificate and trusts only it. */
  public static SSLContext context() {
    return CONTEXT;
  }

  private static SSLContext load() {
    try (InputStream in = Tls.class.getResourceAsStream("/tls/localhost.p12")) {
      if (in == null) {
        throw new IllegalStateException("tls/localhost.p12 is missing from the test resources");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the test certificate", e);
    }
  }
}
