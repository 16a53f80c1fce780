package dev.kubestate.exporter.informers;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test API server's dispatcher that ignores {@code spec.nodeName} field selector terms, as an
 * API server that does not honour them would: it removes those terms from the request and hands
 * it to the CRUD dispatcher, so LIST and WATCH answer with the pods of every node. The server
 * still records the request as the client sent it.
 */
final class NodeBlindDispatcher extends Dispatcher {

  private static final String FIELD_SELECTOR = "fieldSelector=";

  private final Dispatcher crud;

  NodeBlindDispatcher(Dispatcher crud) {
    this.crud = crud;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = withoutNodeTerms(request.getPath());
    if (path.equals(request.getPath())) {
      return crud.dispatch(request);
    }
    return crud.dispatch(
        new RecordedRequest(
            request.getHttpVersion(),
            request.method(),
            path,
            request.getHeaders(),
            request.getBody()));
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }

  /** The path with every {@code spec.nodeName} term dropped from its field selector. */
  static String withoutNodeTerms(String path) {
    int q = path.indexOf('?');
    if (q < 0) {
      return path;
    }
    List<String> params = new ArrayList<>();
    for (String param : path.substring(q + 1).split("&")) {
      if (!param.startsWith(FIELD_SELECTOR)) {
        params.add(param);
        continue;
      }
      String selector =
          URLDecoder.decode(param.substring(FIELD_SELECTOR.length()), StandardCharsets.UTF_8);
      List<String> kept = new ArrayList<>();
      for (String term : selector.split(",")) {
        if (!term.startsWith("spec.nodeName=")) {
          kept.add(term);
        }
      }
      if (!kept.isEmpty()) {
        params.add(
            FIELD_SELECTOR + URLEncoder.encode(String.join(",", kept), StandardCharsets.UTF_8));
      }
    }
    return path.substring(0, q) + (params.isEmpty() ? "" : "?" + String.join("&", params));
  }
}
