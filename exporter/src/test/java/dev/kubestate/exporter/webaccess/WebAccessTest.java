package dev.kubestate.exporter.webaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener guarded by a web config, over real sockets with the JDK HTTP client: TLS, basic auth
 * with a bcrypt hash made by Python's {@code crypt} (not by the library that checks it), client
 * certificates, rotation and a broken rewrite.
 */
class WebAccessTest {

  /** bcrypt of "s3cret" at cost 10, from {@code crypt.crypt('s3cret', METHOD_BLOWFISH)}. */
  static final String HASH = "$2b$10$jGM42ZG7iu2reikIi5.mpe8y3woqr85lXyOhQR96TAkumo/iTEM.G";

  @TempDir Path dir;
  private Vertx vertx;
  private WebAccess access;
  private HttpServer server;
  private TestCertificates ca;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    ca = TestCertificates.newCa("test-ca");
    ca.issue("server-1").write(dir.resolve("tls.crt"), dir.resolve("tls.key"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (access != null) {
      access.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private Path config(String yaml) throws IOException {
    Path file = dir.resolve("web-config.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static String tlsYaml(String extra) {
    return "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n" + extra;
  }

  private int serve(Path file) throws Exception {
    access = WebAccess.start(vertx, file, null);
    server = OkListener.start(vertx, access);
    return server.actualPort();
  }

  private HttpResponse<String> get(SSLContext ctx, String url, String user, String password)
      throws Exception {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ctx != null) {
      b.sslContext(ctx);
    }
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (user != null) {
      r.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return b.build().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void basicAuthOverTlsAdmitsOnlyTheRightPassword() throws Exception {
    int port =
        serve(
            config(
                tlsYaml("")
                    + "basic_auth_users:\n  prometheus: "
                    + HASH
                    + "\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n"));
    SSLContext ctx = ca.clientContext(null);
    String url = "https://localhost:" + port + "/metrics";
    HttpResponse<String> ok = get(ctx, url, "prometheus", "s3cret");
    assertEquals(200, ok.statusCode());
    assertEquals("ok", ok.body());
    assertEquals("deny", ok.headers().firstValue("X-Frame-Options").orElse(""));
    HttpResponse<String> again = get(ctx, url, "prometheus", "s3cret");
    assertEquals(200, again.statusCode(), "a cached credential is still accepted");
    HttpResponse<String> wrong = get(ctx, url, "prometheus", "guess");
    assertEquals(401, wrong.statusCode());
    assertEquals("Unauthorized\n", wrong.body());
    assertEquals("Basic", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(401, get(ctx, url, "nobody", "s3cret").statusCode());
    assertEquals(401, get(ctx, url, null, null).statusCode());
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswer() throws Exception {
    int port = serve(config(tlsYaml("")));
    assertThrows(IOException.class, () -> get(null, "http://127.0.0.1:" + port + "/", null, null));
  }

  @Test
  void requireAndVerifyClientCertRefusesClientsWithoutACertificateOfTheCa() throws Exception {
    Files.writeString(dir.resolve("ca.crt"), TestCertificates.pem(ca.caCert()));
    int port =
        serve(
            config(
                tlsYaml(
                    "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n")));
    String url = "https://localhost:" + port + "/";
    assertThrows(IOException.class, () -> get(ca.clientContext(null), url, null, null));
    TestCertificates.Issued foreign = TestCertificates.newCa("other-ca").issue("intruder");
    assertThrows(IOException.class, () -> get(ca.clientContext(foreign), url, null, null));
    assertEquals(200, get(ca.clientContext(ca.issue("prometheus")), url, null, null).statusCode());
  }

  @Test
  void requireAnyClientCertTakesAnUnverifiedCertificateButNotNone() throws Exception {
    int port = serve(config(tlsYaml("  client_auth_type: RequireAnyClientCert\n")));
    String url = "https://localhost:" + port + "/";
    assertThrows(IOException.class, () -> get(ca.clientContext(null), url, null, null));
    TestCertificates.Issued foreign = TestCertificates.newCa("other-ca").issue("anyone");
    assertEquals(200, get(ca.clientContext(foreign), url, null, null).statusCode());
  }

  @Test
  void verifyClientCertIfGivenAdmitsNoneButRefusesAForeignOne() throws Exception {
    Files.writeString(dir.resolve("ca.crt"), TestCertificates.pem(ca.caCert()));
    int port =
        serve(
            config(
                tlsYaml("  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: ca.crt\n")));
    String url = "https://localhost:" + port + "/";
    assertEquals(200, get(ca.clientContext(null), url, null, null).statusCode());
    // The JDK client withholds a certificate the server's CA list does not name; curl sends it.
    assumeTrue(Curl.available(), "curl is not installed");
    TestCertificates.newCa("other-ca").issue("intruder").write(
        dir.resolve("foreign.crt"), dir.resolve("foreign.key"));
    Curl.Result refused =
        Curl.run("-k", "--cert", dir.resolve("foreign.crt").toString(), "--key",
            dir.resolve("foreign.key").toString(), url);
    assertTrue(refused.exit() != 0, "a foreign client certificate is refused: " + refused);
  }

  @Test
  void curlWithThePasswordGets200AndWithoutIt401() throws Exception {
    assumeTrue(Curl.available(), "curl is not installed");
    Files.writeString(dir.resolve("ca.crt"), TestCertificates.pem(ca.caCert()));
    int port = serve(config(tlsYaml("") + "basic_auth_users:\n  prometheus: " + HASH + "\n"));
    String url = "https://localhost:" + port + "/metrics";
    String cacert = dir.resolve("ca.crt").toString();
    Curl.Result ok = Curl.run("--cacert", cacert, "-u", "prometheus:s3cret", url);
    assertEquals("200 ok", ok.out(), ok.toString());
    assertEquals("401 Unauthorized\n", Curl.run("--cacert", cacert, url).out());
    assertEquals(
        "401 Unauthorized\n", Curl.run("--cacert", cacert, "-u", "prometheus:nope", url).out());
    assertTrue(Curl.run("http://localhost:" + port + "/metrics").exit() != 0,
        "plain HTTP on the TLS port fails");
  }

  @Test
  void aRotatedCertificateIsServedWithoutRestart() throws Exception {
    int port = serve(config(tlsYaml("")));
    String url = "https://localhost:" + port + "/";
    assertEquals("CN=server-1", servedSubject(url));
    ca.issue("server-2").write(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    await(() -> "CN=server-2".equals(servedSubject(url)), "the new certificate is served");
    assertEquals(1, access.reloadsSucceeded());
  }

  @Test
  void aBrokenRewriteKeepsThePreviousConfig() throws Exception {
    Path file = config(tlsYaml("basic_auth_users:\n  prometheus: " + HASH + "\n"));
    int port = serve(file);
    String url = "https://localhost:" + port + "/";
    Files.writeString(file, tlsYaml("  unknown_key: 1\n"));
    await(() -> access.reloadsFailed() == 1, "the broken file is noticed");
    assertFalse(access.lastReloadSucceeded());
    assertEquals(401, get(ca.clientContext(null), url, null, null).statusCode());
    assertEquals(200, get(ca.clientContext(null), url, "prometheus", "s3cret").statusCode());
  }

  @Test
  void rateLimitAnswers429OnceTheBurstIsSpent() throws Exception {
    int port = serve(config("rate_limit:\n  interval: 1h\n  burst: 2\n"));
    String url = "http://127.0.0.1:" + port + "/";
    assertEquals(200, get(null, url, null, null).statusCode());
    assertEquals(200, get(null, url, null, null).statusCode());
    HttpResponse<String> limited = get(null, url, null, null);
    assertEquals(429, limited.statusCode());
    assertEquals("Too Many Requests\n", limited.body());
  }

  @Test
  void unknownKeysAndBadValuesAreOneLineErrorsNamingTheFile() throws Exception {
    Path file = config("tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n  foo: 1\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WebConfigFile.read(file));
    assertEquals("--tls-config " + file + ": field foo not found in tls_server_config",
        e.getMessage());
    Path bad = config(tlsYaml("  client_auth_type: Sometimes\n"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> WebConfigFile.read(bad))
            .getMessage()
            .endsWith("tls_server_config.client_auth_type: invalid \"Sometimes\""));
    Path notHash = config("basic_auth_users:\n  a: plain\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> WebConfigFile.read(notHash))
            .getMessage()
            .endsWith("basic_auth_users.a: not a bcrypt hash"));
    Path missing = config("tls_server_config:\n  cert_file: nope.crt\n  key_file: tls.key\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> WebConfigFile.read(missing))
            .getMessage()
            .contains("tls_server_config.cert_file: cannot read"));
  }

  private String servedSubject(String url) throws Exception {
    HttpResponse<String> r = get(ca.clientContext(null), url, null, null);
    X509Certificate cert = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
    return cert.getSubjectX500Principal().getName();
  }

  static void await(CheckedCondition condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 15 s: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** A condition that may throw. */
  interface CheckedCondition {
    boolean holds() throws Exception;
  }

}
