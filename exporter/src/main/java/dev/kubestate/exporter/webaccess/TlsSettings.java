package dev.kubestate.exporter.webaccess;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The {@code tls_server_config} of a web config, with the PEM bytes of its certificate, key and
 * client CA already read. Immutable.
 *
 * @param certPem the server certificate chain, PEM
 * @param keyPem the server key, PEM (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param clientCaPem the CAs that verify client certificates, PEM; null when none
 * @param clientAuth when a client certificate is asked for and whether it is verified
 * @param protocols the JDK names of the TLS versions allowed ({@code TLSv1.2}, {@code TLSv1.3})
 * @param cipherSuites the JDK names of the cipher suites, in preference order; empty: the JDK's
 * @param groups the JDK names of the key exchange groups, in preference order; empty: the JDK's
 * @param allowedSans {@code client_allowed_sans}: a client certificate must carry one of these
 *     alternative names ({@link ClientSans}); null when not configured
 */
record TlsSettings(
    byte[] certPem,
    byte[] keyPem,
    byte[] clientCaPem,
    ClientAuthType clientAuth,
    Set<String> protocols,
    List<String> cipherSuites,
    List<String> groups,
    List<String> allowedSans) {

  /**
   * Writes these settings into {@code target} and returns it.
   *
   * <p>With {@code client_allowed_sans} and any client auth type but NoClientCert, a client
   * without a certificate is refused whatever the type says: the toolkit's check then finds no
   * certificate to read and the handshake fails. With NoClientCert no certificate is asked for and
   * the list has no effect, as in Go.
   */
  ServerSSLOptions fill(ServerSSLOptions target) {
    target
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certPem))
                .setKeyValue(Buffer.buffer(keyPem)))
        .setClientAuth(clientAuth.vertx)
        .setEnabledSecureTransportProtocols(protocols);
    if (clientAuth != ClientAuthType.NoClientCert) {
      // RequestClientCert and RequireAnyClientCert take any certificate without verifying it,
      // as Go's crypto/tls does for these two modes.
      X509TrustManager trust =
          clientAuth.verifies && clientCaPem != null ? clientCaTrust() : new AnyCertificate();
      if (allowedSans != null) {
        target.setClientAuth(ClientAuth.REQUIRED);
        trust = new ClientSans(trust, allowedSans);
      }
      target.setTrustOptions(TrustOptions.wrap(trust));
    }
    for (String suite : cipherSuites) {
      target.addEnabledCipherSuite(suite);
    }
    if (!groups.isEmpty()) {
      target.setKeyExchangeGroups(groups);
    }
    return target;
  }

  /**
   * The JDK's PKIX check of a client chain against the client CAs: every {@code CERTIFICATE} block
   * of the PEM, other text skipped, as Go's {@code AppendCertsFromPEM}.
   */
  private X509TrustManager clientCaTrust() {
    try {
      KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
      roots.load(null, null);
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      String pem = new String(clientCaPem, StandardCharsets.US_ASCII);
      String begin = "-----BEGIN CERTIFICATE-----";
      String end = "-----END CERTIFICATE-----";
      int n = 0;
      for (int at = pem.indexOf(begin); at >= 0; at = pem.indexOf(begin, at + 1)) {
        int stop = pem.indexOf(end, at);
        if (stop < 0) {
          break;
        }
        byte[] block = pem.substring(at, stop + end.length()).getBytes(StandardCharsets.US_ASCII);
        roots.setCertificateEntry(
            "ca-" + n++, x509.generateCertificate(new ByteArrayInputStream(block)));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(roots);
      for (TrustManager m : tmf.getTrustManagers()) {
        if (m instanceof X509TrustManager) {
          return (X509TrustManager) m;
        }
      }
      throw new IllegalArgumentException("client CA: no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("client CA: " + e.getMessage(), e);
    }
  }

  /**
   * Why the certificate and key cannot serve TLS (as Go's {@code X509KeyPair}) or the client CA
   * cannot verify clients; null when they can.
   */
  String problem() {
    try {
      // PEM values need no file system: no Vert.x instance is used.
      new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(certPem))
          .setKeyValue(Buffer.buffer(keyPem))
          .getKeyManagerFactory(null);
    } catch (Exception e) {
      return "cannot load the certificate and key: " + message(e);
    }
    if (clientAuth.verifies && clientCaPem != null) {
      try {
        clientCaTrust();
      } catch (IllegalArgumentException e) {
        return message(e);
      }
    }
    return null;
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
  }

  /** Accepts every client certificate chain; used only where Go does not verify either. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
