package dev.kubestate.exporter.testing;

import dev.kubestate.exporter.process.Exporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Plain HTTP requests to an exporter's listeners on loopback, as Prometheus would send them. */
public final class Endpoints {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Endpoints() {}

  public static HttpResponse<String> get(int port, String pathAndQuery, String... headers) {
    return send(port, pathAndQuery, HttpResponse.BodyHandlers.ofString(), headers);
  }

  public static HttpResponse<byte[]> getBytes(int port, String pathAndQuery, String... headers) {
    return send(port, pathAndQuery, HttpResponse.BodyHandlers.ofByteArray(), headers);
  }

  private static <T> HttpResponse<T> send(
      int port, String pathAndQuery, HttpResponse.BodyHandler<T> body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return HTTP.send(b.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code GET target} over a plain socket (for targets java.net.http refuses) and returns
   * the response's status line.
   */
  public static String rawStatusLine(int port, String target) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream()
          .write(
              ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String response =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }

  /** The body of {@code /metrics} on the main port. */
  public static String metrics(Exporter exporter, String query) {
    return get(exporter.metricsPort(), "/metrics" + query).body();
  }

  /** Non-empty lines of a body, in order. */
  public static List<String> lines(String body) {
    return Arrays.stream(body.split("\n")).filter(l -> !l.isEmpty()).toList();
  }
}
