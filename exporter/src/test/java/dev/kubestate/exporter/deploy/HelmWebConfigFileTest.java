package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.webaccess.WebAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web config the chart writes into its Secret is one the exporter starts with: rendered from
 * values with a TLS Secret, basic auth, headers and a rate limit, laid out as the kubelet mounts
 * the two Secrets (the web config in one directory, {@code tls.crt} and {@code tls.key} in the
 * other), and read by the exporter's own web access, which serves TLS from it.
 */
class HelmWebConfigFileTest {

  private static final String TLS_MOUNT = "/etc/kube-state-exporter/tls/";

  @TempDir Path dir;

  @Test
  void exporterStartsWithTheWebConfigTheChartWrites() throws Exception {
    HelmChart chart =
        HelmChart.template(
            """
            webConfig:
              enabled: true
              tlsSecret: exporter-tls
              config:
                tls_server_config: {min_version: TLS12, max_version: TLS13}
                http_server_config: {headers: {X-Content-Type-Options: nosniff}}
                basic_auth_users:
                  prometheus: $2y$10$ivQUbMkR.eTaF734jzfW1edg8bTwhwRJb/559O5kpGi3OfznwFpXW
                rate_limit: {interval: 100ms, burst: 20}
            livenessProbe:
              httpGet: {httpHeaders: [{name: Authorization, value: Basic cHJvYmU6cHJvYmU=}]}
            readinessProbe:
              httpGet: {httpHeaders: [{name: Authorization, value: Basic cHJvYmU6cHJvYmU=}]}
            """);
    String text =
        chart
            .get(Secret.class, HelmChart.RELEASE + "-web-config")
            .getStringData()
            .get("web-config.yml");
    assertTrue(text.contains(TLS_MOUNT + "tls.crt"), text);
    Path web = Files.createDirectories(dir.resolve("web"));
    Path tls = Files.createDirectories(dir.resolve("tls"));
    writeSelfSigned(tls.resolve("tls.crt"), tls.resolve("tls.key"));
    Path file = web.resolve("web-config.yml");
    Files.writeString(file, text.replace(TLS_MOUNT, tls + "/"), StandardCharsets.UTF_8);

    Vertx vertx = Vertx.vertx();
    try (WebAccess access = WebAccess.start(vertx, file, null)) {
      assertTrue(access.tls(), "serves TLS");
      assertTrue(access.lastReloadSucceeded());
      assertEquals(0, access.reloadsFailed());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private static void writeSelfSigned(Path cert, Path key) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=kube-state-exporter.kube-state-exporter.svc");
    long now = System.currentTimeMillis();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            new Date(now - 60_000),
            new Date(now + 86_400_000),
            name,
            pair.getPublic());
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate())));
    Files.writeString(cert, pem(certificate), StandardCharsets.UTF_8);
    Files.writeString(
        key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), StandardCharsets.UTF_8);
  }

  private static String pem(PemObjectGenerator o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static String pem(X509Certificate o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }
}
