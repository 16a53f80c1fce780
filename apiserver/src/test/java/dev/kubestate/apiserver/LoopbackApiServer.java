package dev.kubestate.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link SelectingDispatcher} served on loopback for tests, with a fabric8 client and raw HTTP
 * and WebSocket access for query parameters the client cannot send.
 */
final class LoopbackApiServer implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  LoopbackApiServer(ApiServerFeatures features) {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new SelectingDispatcher(features),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url("/"))
            .withTrustCerts(true)
            .withNamespace(null)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  KubernetesClient client() {
    return client;
  }

  /** A GET of {@code pathAndQuery} (already URL-encoded), with header names and values. */
  HttpResponse<String> get(String pathAndQuery, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url(pathAndQuery))).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON body of a GET of {@code pathAndQuery} that must answer 200. */
  JsonNode list(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** A WATCH of {@code pathAndQuery} (already URL-encoded, without {@code watch=true}). */
  RawWatch watch(String pathAndQuery, String... headers) {
    String url = server.url(pathAndQuery).replaceFirst("^http", "ws");
    return new RawWatch(
        http, URI.create(url + (url.contains("?") ? "&" : "?") + "watch=true"), headers);
  }

  @Override
  public void close() {
    server.destroy();
    client.close();
  }
}
