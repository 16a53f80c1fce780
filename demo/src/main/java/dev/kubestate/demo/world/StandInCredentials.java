package dev.kubestate.demo.world;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Stand-in key, certificate and token material for the demo's Secrets, certificate signing
 * requests, webhook CA bundles and CA config maps: random bytes drawn from the cluster's seed in
 * the shapes real material has (PEM armour, base64 values, dotted tokens). Never a real key,
 * certificate or credential, and nothing a TLS stack would accept as one. Stateless.
 */
final class StandInCredentials {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private StandInCredentials() {}

  /**
   * A PEM block labelled {@code label} (e.g. {@code CERTIFICATE}) around {@code bytes} random
   * bytes, lines of 64 characters, ending in a newline.
   */
  static String pem(ClusterRandom random, String label, int bytes) {
    String body = BASE64.encodeToString(random.bytes(bytes));
    StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < body.length(); i += 64) {
      out.append(body, i, Math.min(body.length(), i + 64)).append('\n');
    }
    return out.append("-----END ").append(label).append("-----\n").toString();
  }

  /** A stand-in certificate in PEM. */
  static String certificate(ClusterRandom random) {
    return pem(random, "CERTIFICATE", 600);
  }

  /** A stand-in private key in PEM. */
  static String privateKey(ClusterRandom random) {
    return pem(random, "PRIVATE KEY", 120);
  }

  /** {@code text} in padded standard base64, as the API carries Secret data and certificates. */
  static String base64(String text) {
    return BASE64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A random value of {@code length} hex digits, base64-encoded as Secret data holds it. */
  static String randomValue(ClusterRandom random, int length) {
    return base64(random.hex(length));
  }

  /** A token shaped like a signed service-account JWT: three base64url parts, random content. */
  static String token(ClusterRandom random) {
    return URL.encodeToString(
            "{\"alg\":\"RS256\",\"kid\":\"demo\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + URL.encodeToString(random.bytes(180))
        + "."
        + URL.encodeToString(random.bytes(256));
  }
}
