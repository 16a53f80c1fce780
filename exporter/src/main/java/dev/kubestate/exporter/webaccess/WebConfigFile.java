package dev.kubestate.exporter.webaccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads an exporter-toolkit web config file strictly, as the toolkit does: an unknown key, a value
 * of the wrong type, a missing key file or an unknown TLS version, cipher suite, curve or client
 * auth type is an error naming the file and the key. Relative certificate paths are resolved
 * against the config file's directory, as the toolkit does. Stateless; blocking (reads files).
 */
final class WebConfigFile {

  private static final Set<String> TOP =
      Set.of("tls_server_config", "http_server_config", "basic_auth_users", "rate_limit");
  private static final Set<String> TLS =
      Set.of(
          "cert", "key", "client_ca", "cert_file", "key_file", "client_auth_type",
          "client_ca_file", "client_allowed_sans", "min_version", "max_version", "cipher_suites",
          "prefer_server_cipher_suites", "curve_preferences");
  private static final Set<String> HTTP = Set.of("http2", "headers");
  private static final Set<String> HEADERS =
      Set.of(
          "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
          "X-XSS-Protection", "Strict-Transport-Security");
  private static final Set<String> RATE = Set.of("interval", "burst");
  private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
  private static final Map<String, String> CURVES =
      Map.of(
          "CurveP256", "secp256r1",
          "CurveP384", "secp384r1",
          "CurveP521", "secp521r1",
          "X25519", "x25519");

  private final Path file;

  private WebConfigFile(Path file) {
    this.file = file;
  }

  /**
   * Reads {@code file} and the certificate files it names.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong
   */
  static WebConfig read(Path file) {
    return new WebConfigFile(file).read();
  }

  private WebConfig read() {
    Object root;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      root = new Load(LoadSettings.builder().build()).loadFromString(text);
    } catch (NoSuchFileException e) {
      throw fail("no such file");
    } catch (IOException e) {
      throw fail("cannot read: " + e.getMessage());
    } catch (YamlEngineException e) {
      throw fail("not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
    Map<String, Object> top = root == null ? Map.of() : map(root, "", TOP);
    List<Path> files = new ArrayList<>(List.of(file));
    TlsSettings tls =
        top.get("tls_server_config") == null
            ? null
            : tls(map(top.get("tls_server_config"), "tls_server_config", TLS), files);
    Map<String, Object> http =
        top.get("http_server_config") == null
            ? Map.of()
            : map(top.get("http_server_config"), "http_server_config", HTTP);
    Map<String, String> headers = headers(http.get("headers"));
    boolean http2 = bool(http.get("http2"), "http_server_config.http2", true);
    Map<String, String> users = new LinkedHashMap<>();
    if (top.get("basic_auth_users") != null) {
      map(top.get("basic_auth_users"), "basic_auth_users", null)
          .forEach((u, h) -> users.put(u, string(h, "basic_auth_users." + u)));
      users.forEach((u, h) -> BasicAuth.checkHash(h, "basic_auth_users." + u, this::fail));
    }
    Duration interval = Duration.ZERO;
    int burst = 0;
    if (top.get("rate_limit") != null) {
      Map<String, Object> rate = map(top.get("rate_limit"), "rate_limit", RATE);
      interval = duration(rate.get("interval"), "rate_limit.interval");
      burst = integer(rate.get("burst"), "rate_limit.burst");
    }
    return new WebConfig(tls, http2, headers, users, interval, burst, files);
  }

  private TlsSettings tls(Map<String, Object> t, List<Path> files) {
    if (unset(t, "cert") && unset(t, "cert_file") && unset(t, "key") && unset(t, "key_file")
        && unset(t, "client_ca") && unset(t, "client_ca_file") && unset(t, "client_auth_type")) {
      // The toolkit serves plain HTTP when no certificate, key, client CA or client auth is set.
      return null;
    }
    byte[] cert = pem(t, "cert", "cert_file", files);
    byte[] key = pem(t, "key", "key_file", files);
    if (cert == null) {
      throw fail("tls_server_config: missing cert_file or cert");
    }
    if (key == null) {
      throw fail("tls_server_config: missing key_file or key");
    }
    byte[] clientCa = pem(t, "client_ca", "client_ca_file", files);
    ClientAuthType auth = clientAuth(t.get("client_auth_type"));
    if (auth.verifies && clientCa == null) {
      throw fail("tls_server_config: client_auth_type " + auth + " needs client_ca_file");
    }
    if (clientCa != null && auth == ClientAuthType.NoClientCert) {
      // The toolkit refuses a client CA that would never be used.
      throw fail("tls_server_config: client_ca_file given but client_auth_type is NoClientCert");
    }
    Object sans = t.get("client_allowed_sans");
    List<String> allowedSans =
        sans == null
            ? null
            : List.copyOf(strings(sans, "tls_server_config.client_allowed_sans"));
    int min = version(t.get("min_version"), "min_version", "TLS12");
    int max = version(t.get("max_version"), "max_version", "TLS13");
    if (min > max) {
      throw fail("tls_server_config: min_version is above max_version");
    }
    Set<String> protocols = new LinkedHashSet<>();
    for (int v = min; v <= max; v++) {
      protocols.add("TLSv1." + v);
    }
    bool(t.get("prefer_server_cipher_suites"), "tls_server_config.prefer_server_cipher_suites", true);
    List<String> suites = new ArrayList<>();
    for (String s : strings(t.get("cipher_suites"), "tls_server_config.cipher_suites")) {
      suites.add(CipherSuites.jdkName(s, this::fail));
    }
    List<String> groups = new ArrayList<>();
    for (String c : strings(t.get("curve_preferences"), "tls_server_config.curve_preferences")) {
      String g = CURVES.get(c);
      if (g == null) {
        throw fail("tls_server_config.curve_preferences: unknown curve \"" + c + "\"");
      }
      groups.add(g);
    }
    TlsSettings settings =
        new TlsSettings(
            cert, key, clientCa, auth, Set.copyOf(protocols), List.copyOf(suites),
            List.copyOf(groups), allowedSans);
    String unusable = settings.problem();
    if (unusable != null) {
      throw fail("tls_server_config: " + unusable);
    }
    return settings;
  }

  private byte[] pem(Map<String, Object> t, String inline, String pathKey, List<Path> files) {
    Object value = t.get(inline);
    Object path = t.get(pathKey);
    if (value != null && path != null) {
      throw fail("tls_server_config: both " + inline + " and " + pathKey + " given");
    }
    if (value != null) {
      return string(value, "tls_server_config." + inline).getBytes(StandardCharsets.UTF_8);
    }
    if (path == null || string(path, pathKey).isEmpty()) {
      return null;
    }
    Path p = file.toAbsolutePath().getParent().resolve(string(path, pathKey));
    try {
      byte[] bytes = Files.readAllBytes(p);
      files.add(p);
      return bytes;
    } catch (IOException e) {
      throw fail("tls_server_config." + pathKey + ": cannot read " + p);
    }
  }

  private static boolean unset(Map<String, Object> t, String key) {
    Object value = t.get(key);
    return value == null || "".equals(value);
  }

  private ClientAuthType clientAuth(Object value) {
    if (value == null || "".equals(value)) {
      return ClientAuthType.NoClientCert;
    }
    String name = string(value, "tls_server_config.client_auth_type");
    for (ClientAuthType t : ClientAuthType.values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw fail("tls_server_config.client_auth_type: invalid \"" + name + "\"");
  }

  /** The minor version: TLS10 = 0 ... TLS13 = 3. */
  private int version(Object value, String key, String dflt) {
    String name = value == null ? dflt : string(value, "tls_server_config." + key);
    int v = VERSIONS.indexOf(name);
    if (v < 0) {
      throw fail("tls_server_config." + key + ": unknown TLS version \"" + name + "\"");
    }
    return v;
  }

  private Map<String, String> headers(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    map(value, "http_server_config.headers", null)
        .forEach(
            (name, v) -> {
              boolean known = false;
              for (String h : HEADERS) {
                known |= h.equalsIgnoreCase(name);
              }
              if (!known) {
                throw fail("http_server_config.headers: setting header \"" + name + "\" is not"
                    + " supported");
              }
              String text = string(v, "http_server_config.headers." + name);
              if (!text.isEmpty()) {
                out.put(name, text);
              }
            });
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String where, Set<String> allowed) {
    if (!(value instanceof Map)) {
      throw fail((where.isEmpty() ? "top level" : where) + ": expected a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : ((Map<Object, Object>) value).entrySet()) {
      String key = String.valueOf(e.getKey());
      if (allowed != null && !allowed.contains(key)) {
        String at = where.isEmpty() ? "" : " in " + where;
        throw fail("field " + key + " not found" + at);
      }
      out.put(key, e.getValue());
    }
    return out;
  }

  private List<String> strings(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw fail(key + ": expected a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) value) {
      out.add(string(o, key));
    }
    return out;
  }

  private String string(Object value, String key) {
    if (value instanceof Map || value instanceof List || value == null) {
      throw fail(key + ": expected a string");
    }
    return String.valueOf(value);
  }

  private boolean bool(Object value, String key, boolean dflt) {
    if (value == null) {
      return dflt;
    }
    if (!(value instanceof Boolean)) {
      throw fail(key + ": expected true or false, got \"" + value + "\"");
    }
    return (Boolean) value;
  }

  private int integer(Object value, String key) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer) || (Integer) value < 0) {
      throw fail(key + ": expected a non-negative integer, got \"" + value + "\"");
    }
    return (Integer) value;
  }

  private Duration duration(Object value, String key) {
    if (value == null) {
      return Duration.ZERO;
    }
    try {
      return GoDuration.parse(String.valueOf(value).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail(key + ": " + e.getMessage());
    }
  }

  private IllegalArgumentException fail(String what) {
    return new IllegalArgumentException("--tls-config " + file + ": " + what);
  }
}
