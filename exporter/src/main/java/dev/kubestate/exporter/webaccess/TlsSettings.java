package dev.kubestate.exporter.webaccess;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
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
 */
record TlsSettings(
    byte[] certPem,
    byte[] keyPem,
    byte[] clientCaPem,
    ClientAuthType clientAuth,
    Set<String> protocols,
    List<String> cipherSuites,
    List<String> groups) {

  /** Writes these settings into {@code target} and returns it. */
  ServerSSLOptions fill(ServerSSLOptions target) {
    target
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certPem))
                .setKeyValue(Buffer.buffer(keyPem)))
        .setClientAuth(clientAuth.vertx)
        .setEnabledSecureTransportProtocols(protocols);
    if (clientAuth.verifies && clientCaPem != null) {
      target.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(clientCaPem)));
    } else if (clientAuth != ClientAuthType.NoClientCert) {
      // RequestClientCert and RequireAnyClientCert take any certificate without verifying it,
      // as Go's crypto/tls does for these two modes.
      target.setTrustOptions(TrustOptions.wrap(new AnyCertificate()));
    }
    for (String suite : cipherSuites) {
      target.addEnabledCipherSuite(suite);
    }
    if (!groups.isEmpty()) {
      target.setKeyExchangeGroups(groups);
    }
    return target;
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
