package dev.kubestate.exporter.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** A small HTML page at {@code /} linking a listener's endpoints. Immutable. */
public enum LandingPage {
  /** The main listener's page. */
  MAIN(
      "kube-state-exporter",
      new String[] {"/metrics", "Metrics", "/healthz", "Healthz", "/livez", "Livez", "/readyz",
        "Readyz"}),
  /** The telemetry listener's page. */
  TELEMETRY(
      "Self-metrics for kube-state-exporter",
      new String[] {"/metrics", "Metrics", "/readyz", "Readyz"});

  private final String html;

  LandingPage(String title, String[] links) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html>\n<head><title>")
        .append(title)
        .append("</title></head>\n<body>\n<h1>")
        .append(title)
        .append("</h1>\n<ul>\n");
    for (int i = 0; i < links.length; i += 2) {
      b.append("<li><a href=\"")
          .append(links[i])
          .append("\">")
          .append(links[i + 1])
          .append("</a></li>\n");
    }
    html = b.append("</ul>\n</body>\n</html>\n").toString();
  }

  /** Sends the page with status 200. Event-loop only. */
  public void send(HttpServerResponse response) {
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(html);
  }
}
