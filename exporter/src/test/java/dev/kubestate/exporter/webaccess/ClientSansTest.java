package dev.kubestate.exporter.webaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client_allowed_sans} with real client certificates over real sockets, as the
 * exporter-toolkit checks it (docs/web-configuration.md; web/tls_config.go): the leaf's DNS,
 * e-mail, IP and URI alternative names are compared exactly, the common name is not, and a client
 * without a certificate is refused.
 */
class ClientSansTest {

  private static final String ALLOWED = "prometheus.monitoring.svc";
  private static final String SPIFFE = "spiffe://cluster.local/ns/monitoring/sa/prometheus";

  @TempDir Path dir;
  private Vertx vertx;
  private WebAccess access;
  private TestCertificates ca;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    ca = TestCertificates.newCa("test-ca");
    ca.issue("server").write(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    Files.writeString(dir.resolve("ca.crt"), TestCertificates.pem(ca.caCert()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (access != null) {
      access.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Serves "ok" with this client auth type, client CA and allowed SANs; returns the URL. */
  private String serve(String authType, String... sans) throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "  client_ca_file: ca.crt\n  client_auth_type: " + authType + "\n"
                + "  client_allowed_sans:\n");
    for (String san : sans) {
      yaml.append("  - \"").append(san).append("\"\n");
    }
    Path file = dir.resolve("web-config.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    access = WebAccess.start(vertx, file, null);
    int port = OkListener.start(vertx, access).actualPort();
    return "https://localhost:" + port + "/";
  }

  private static int get(SSLContext ctx, String url) throws Exception {
    HttpClient client =
        HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    return client
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private SSLContext client(GeneralName... sans) throws Exception {
    return ca.clientContext(ca.issue("client", sans));
  }

  private static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  @Test
  void aCertificateWithAnAllowedDnsNameIsServedAndOthersAreRefused() throws Exception {
    String url = serve("RequireAndVerifyClientCert", ALLOWED, "backup.monitoring.svc");
    assertEquals(200, get(client(dns("other.svc"), dns(ALLOWED)), url));
    assertThrows(IOException.class, () -> get(client(dns("grafana.monitoring.svc")), url));
    assertThrows(
        IOException.class,
        () -> get(client(dns("PROMETHEUS.monitoring.svc")), url),
        "the comparison is exact, case included");
  }

  @Test
  void theCommonNameIsNotAnAlternativeName() throws Exception {
    String url = serve("RequireAndVerifyClientCert", ALLOWED);
    SSLContext cnOnly = ca.clientContext(ca.issue(ALLOWED));
    assertThrows(IOException.class, () -> get(cnOnly, url));
  }

  @Test
  void uriEmailAndIpNamesCountAsGoWritesThem() throws Exception {
    String url = serve("RequireAndVerifyClientCert", SPIFFE, "ops@example.com", "::1", "10.0.0.7");
    assertEquals(200, get(client(new GeneralName(GeneralName.uniformResourceIdentifier, SPIFFE)),
        url));
    assertEquals(200, get(client(new GeneralName(GeneralName.rfc822Name, "ops@example.com")),
        url));
    assertEquals(200, get(client(new GeneralName(GeneralName.iPAddress, "0:0:0:0:0:0:0:1")), url));
    assertEquals(200, get(client(new GeneralName(GeneralName.iPAddress, "10.0.0.7")), url));
    assertThrows(
        IOException.class,
        () -> get(client(new GeneralName(GeneralName.iPAddress, "10.0.0.8")), url));
  }

  @Test
  void aClientWithoutACertificateIsRefusedEvenWhenTheTypeMakesItOptional() throws Exception {
    String url = serve("VerifyClientCertIfGiven", ALLOWED);
    assertThrows(IOException.class, () -> get(ca.clientContext(null), url));
    assertEquals(200, get(client(dns(ALLOWED)), url));
  }

  @Test
  void aCertificateOfAnotherCaIsRefusedThoughItsNameIsAllowed() throws Exception {
    String url = serve("RequireAndVerifyClientCert", ALLOWED);
    assumeTrue(Curl.available(), "curl is not installed");
    // The JDK client withholds a certificate the server's CA list does not name; curl sends it.
    TestCertificates.newCa("other-ca")
        .issue("intruder", dns(ALLOWED))
        .write(dir.resolve("foreign.crt"), dir.resolve("foreign.key"));
    Curl.Result refused =
        Curl.run("-k", "--cert", dir.resolve("foreign.crt").toString(), "--key",
            dir.resolve("foreign.key").toString(), url);
    assertTrue(refused.exit() != 0, "a foreign certificate is refused: " + refused);
  }

  @Test
  void goWritesIpv6CompressedAndIpv4MappedAsIpv4() {
    assertEquals("::1", ClientSans.goIp("0:0:0:0:0:0:0:1"));
    assertEquals("2001:db8::1:0:0:1", ClientSans.goIp("2001:db8:0:0:1:0:0:1"));
    assertEquals("2001:db8:0:1:1:1:1:1", ClientSans.goIp("2001:db8:0:1:1:1:1:1"));
    assertEquals("fe80::", ClientSans.goIp("FE80:0:0:0:0:0:0:0"));
    assertEquals("10.0.0.7", ClientSans.goIp("::ffff:10.0.0.7"));
    assertEquals("10.0.0.7", ClientSans.goIp("10.0.0.7"));
  }
}
