package dev.kubestate.exporter.webaccess;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and certificates it signs, made with BouncyCastle for a test, written as PEM files. */
final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A certificate and its key. */
  record Issued(X509Certificate cert, PrivateKey key) {
    void write(Path certFile, Path keyFile) throws IOException {
      Files.writeString(certFile, pem(cert), StandardCharsets.UTF_8);
      Files.writeString(keyFile, pem(key), StandardCharsets.UTF_8);
    }
  }

  private final Issued ca;

  private TestCertificates(Issued ca) {
    this.ca = ca;
  }

  /** A new CA named {@code name}. */
  static TestCertificates newCa(String name) throws Exception {
    KeyPair pair = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    JcaX509v3CertificateBuilder b = builder(subject, subject, pair);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    return new TestCertificates(new Issued(sign(b, pair.getPrivate()), pair.getPrivate()));
  }

  X509Certificate caCert() {
    return ca.cert;
  }

  /** A leaf for {@code cn}, valid for localhost and 127.0.0.1. */
  Issued issue(String cn) throws Exception {
    return issue(
        cn,
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
  }

  /** A leaf for {@code cn} with exactly the alternative names {@code sans} (none: no extension). */
  Issued issue(String cn, GeneralName... sans) throws Exception {
    KeyPair pair = keyPair();
    JcaX509v3CertificateBuilder b =
        builder(new X500Name(ca.cert.getSubjectX500Principal().getName()), new X500Name("CN=" + cn),
            pair);
    if (sans.length > 0) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }
    return new Issued(sign(b, ca.key), pair.getPrivate());
  }

  /** A client context trusting this CA, presenting {@code client} when not null. */
  SSLContext clientContext(Issued client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (client != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", client.key, new char[0], new X509Certificate[] {client.cert});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      if (o instanceof PrivateKey) {
        w.writeObject(new JcaPKCS8Generator((PrivateKey) o, null));
      } else {
        w.writeObject(o);
      }
    }
    return out.toString();
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair p) {
    long now = System.currentTimeMillis();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        new Date(now - 60_000),
        new Date(now + 86_400_000),
        subject,
        p.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
