package dev.kubestate.exporter.webaccess;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The cipher suites the web config accepts: those of Go's {@code tls.CipherSuites()} (the secure
 * list, as the toolkit allows), by Go's name, with the JDK name each maps to. Stateless.
 */
final class CipherSuites {

  private static final Set<String> SAME_NAME =
      Set.of(
          "TLS_RSA_WITH_AES_128_CBC_SHA",
          "TLS_RSA_WITH_AES_256_CBC_SHA",
          "TLS_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  /** Go's short aliases of the two ChaCha20 suites. */
  private static final Map<String, String> ALIASES =
      Map.of(
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  private CipherSuites() {}

  /** The JDK name of Go's suite {@code goName}, or {@code fail}'s exception. */
  static String jdkName(String goName, Function<String, IllegalArgumentException> fail) {
    if (SAME_NAME.contains(goName)) {
      return goName;
    }
    String alias = ALIASES.get(goName);
    if (alias == null) {
      throw fail.apply("tls_server_config.cipher_suites: unknown cipher suite \"" + goName + "\"");
    }
    return alias;
  }
}
