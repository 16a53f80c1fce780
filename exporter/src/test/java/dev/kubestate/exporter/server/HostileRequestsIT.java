package dev.kubestate.exporter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.testing.Await;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests against the real main listener on loopback, seeded and reproducible (the seed
 * is in every failure message): random and broken {@code Accept} and {@code Accept-Encoding}
 * values, query strings ({@code ?} alone, repeated, percent-garbage, huge), paths, methods (HEAD,
 * POST, OPTIONS, garbage) and header sizes. Every request gets a status line within the bound (a
 * 2xx, or a 4xx for what cannot be understood; never a 5xx), every {@code /metrics} body is
 * well-formed, nothing is logged with a stack trace or at WARN and above, no handler failed, and
 * the listener's connections drop back to none.
 */
class HostileRequestsIT {

  private static final long SEED = 20261203L;
  private static final int REQUESTS = 1_500;
  private static final int ANSWER_WITHIN_MILLIS = 10_000;

  private static final Set<Integer> ALLOWED =
      Set.of(200, 400, 404, 405, 408, 413, 414, 431, 501, 505);

  private static final String[] METHODS = {
    "GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "TRACE", "PATCH", "get",
    "FOO", "G\u00c9T", "X-Y", "CONNECT"
  };
  private static final String[] PATHS = {
    "/metrics", "/metrics", "/metrics", "/healthz", "/livez", "/readyz", "/", "/metrics/",
    "//metrics", "/%zz", "/metrics%00", "/METRICS", "/metrics/../metrics", "/\u00e9", "*",
    "http://example.org/metrics", "/" + "a".repeat(3_000)
  };
  private static final String[] QUERIES = {
    "", "", "?", "??", "?&", "?&&=&", "?=", "?resources", "?resources=", "?resources=configmaps",
    "?resources=%zz", "?%", "?%2", "?a=%E0%A4%A", "?resources=configmaps&exclude_resources=x,,",
    "?resources=%20configmaps%20", "?;", "?resources=configmaps;x", "?#frag", "?\u00ff=\u00ff",
    "?exclude_resources=configmaps", "?x=" + "y".repeat(5_000)
  };
  private static final String[] ACCEPTS = {
    ";", "text/plain,;", ",", ";;;", "=;=", "*/*;q=abc", "text/plain;version=", "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8",
    "application/openmetrics-text;escaping=x\"y", "application/openmetrics-text;q=NaN", "/", "a/b/c",
    "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
    "text/plain;q=1e999,application/openmetrics-text", "\u00ff\u00fe", "text/plain;" + "q=1;".repeat(500)
  };
  private static final String[] ENCODINGS = {
    "gzip", "gzip;q=0", "*", "br", "deflate", "gzip;q=abc", ";", ",,", "identity;q=0", "x-gzip",
    "gzip, deflate, br, zstd", "gzip;q=1e999", "\u00ff", "gzip;" + "x".repeat(2_000)
  };

  @Test
  void everyHostileRequestIsAnsweredWithoutAStackTrace() throws Exception {
    try (ServedConfigMaps served = ServedConfigMaps.start(ConcurrentScrapesIT.loop(), 200, 50);
        CapturedLog log = ConcurrentScrapesIT.warmedUp(served)) {
      Random random = new Random(SEED);
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        Request r = request(random);
        RawHttp.Response response;
        try {
          response = RawHttp.exchange(served.port, r.bytes, ANSWER_WITHIN_MILLIS, r.head);
        } catch (java.io.IOException e) {
          wrong.add("request " + i + " (" + r.summary + "): " + e);
          continue;
        }
        statuses.merge(response.status(), 1, Integer::sum);
        if (!ALLOWED.contains(response.status())) {
          wrong.add("request " + i + " (" + r.summary + "): status " + response.status());
        } else if (response.status() == 200 && r.metrics && !r.head) {
          String type = response.headers().getOrDefault("content-type", "");
          try {
            StrictExposition.parse(response.text(), type.startsWith("application/openmetrics"));
          } catch (AssertionError e) {
            wrong.add("request " + i + " (" + r.summary + "): " + e.getMessage() + " " + response.headers() + " body of " + response.body().length);
          }
        }
      }
      assertEquals(List.of(), wrong, "seed " + SEED);
      assertTrue(statuses.getOrDefault(200, 0) > REQUESTS / 3, "seed " + SEED + ": " + statuses);
      assertEquals(List.of(), log.problems(), "seed " + SEED);
      assertEquals(0, served.main.failures().count());
      Await.until("transfers released", () -> served.main.transfers().inProgress(), n -> n == 0);
      if (ServerSockets.available()) {
        Await.until("connections closed", () -> ServerSockets.open(served.port), n -> n == 0);
      }
    }
  }

  /** The introduction's case: a bare ';' clause made the handler throw and the request hang. */
  @Test
  void acceptWithABareSemicolonClauseIsServedAsText() throws Exception {
    try (ServedConfigMaps served = ServedConfigMaps.start(ConcurrentScrapesIT.loop(), 20, 10);
        CapturedLog log = ConcurrentScrapesIT.warmedUp(served)) {
      String text = RawHttp.get(served.port, "/metrics").text();
      for (int i = 0; i < 200; i++) {
        for (String accept : new String[] {"Accept: ;", "Accept: text/plain,;"}) {
          RawHttp.Response r = RawHttp.get(served.port, "/metrics", accept);
          assertEquals(200, r.status(), accept);
          assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().get("content-type"));
          assertEquals(text, r.text());
        }
      }
      assertEquals(List.of(), log.problems());
      if (ServerSockets.available()) {
        Await.until("connections closed", () -> ServerSockets.open(served.port), n -> n == 0);
      }
    }
  }

  /** One request: its bytes, whether it is a HEAD and for /metrics, and a line for messages. */
  private record Request(byte[] bytes, boolean head, boolean metrics, String summary) {}

  private static Request request(Random random) {
    if (random.nextInt(40) == 0) {
      return garbage(random);
    }
    String method = pick(random, METHODS);
    String path = pick(random, PATHS);
    String query = pick(random, QUERIES);
    if (random.nextInt(8) == 0) {
      query = "?" + "resources=configmaps&".repeat(1 + random.nextInt(200));
    }
    String version = random.nextInt(30) == 0 ? pick(random, new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/9", "FOO"}) : "HTTP/1.1";
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(path).append(query).append(' ').append(version).append("\r\n");
    b.append("Host: localhost\r\n");
    if (random.nextBoolean()) {
      b.append("Accept: ").append(random.nextBoolean() ? pick(random, ACCEPTS) : noise(random, 60)).append("\r\n");
    }
    if (random.nextBoolean()) {
      b.append("Accept-Encoding: ").append(random.nextBoolean() ? pick(random, ENCODINGS) : noise(random, 40)).append("\r\n");
    }
    if (random.nextInt(10) == 0) {
      b.append("X-Big: ").append("b".repeat(random.nextInt(20_000))).append("\r\n");
    }
    if (random.nextInt(20) == 0) {
      for (int i = random.nextInt(300); i > 0; i--) {
        b.append("X-Many-").append(i).append(": v\r\n");
      }
    }
    if (random.nextInt(30) == 0) {
      b.append(pick(random, new String[] {"NoColon\r\n", " folded\r\n", "Bad Name: x\r\n", ": empty\r\n"}));
    }
    b.append("Connection: close\r\n\r\n");
    String summary = method + " " + cut(path + query) + " " + version;
    boolean metrics = path.equals("/metrics") || path.equals("http://example.org/metrics");
    return new Request(
        b.toString().getBytes(StandardCharsets.ISO_8859_1), method.equals("HEAD"), metrics, summary);
  }

  private static Request garbage(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] junk = new byte[1 + random.nextInt(200)];
    random.nextBytes(junk);
    out.writeBytes(junk);
    out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return new Request(out.toByteArray(), false, false, "garbage of " + junk.length + " bytes");
  }

  private static String noise(Random random, int max) {
    String alphabet = ";,=/ *\t\"qQ.0123456789-abcdeilmnoprstvxyz\u00ff";
    StringBuilder b = new StringBuilder();
    for (int i = random.nextInt(max); i > 0; i--) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
