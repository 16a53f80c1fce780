package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD dispatcher, plus the API server's field selectors and, when {@link
 * ApiServerFeatures#shardSelector()} is on, its {@code shardSelector}, on LIST and WATCH.
 *
 * <p>Faithful: the field labels each core/v1 kind accepts and their values ({@link
 * SelectableFields}); {@code =}, {@code ==}, {@code !=} and comma-ANDed terms; HTTP 400 with a
 * {@code Status} (reason BadRequest, the server's message) for an unsupported label, a malformed
 * selector or an invalid {@code shardSelector}; the shard hash (FNV-1a-64 of the field's UTF-8
 * value), ranges OR-ed, {@code metadata.shardInfo.selector} echoed on a LIST; on a watch, ADDED,
 * MODIFIED and DELETED follow whether the object matched before and after each write, and an object
 * leaving the selection is sent DELETED with its previous content and the write's resourceVersion,
 * as the watch cache does.
 *
 * <p>With {@link ApiServerFeatures#partialObjectMetadata()}, a GET is answered in the metadata-only
 * representation its {@code Accept} header asks for ({@link PartialMetadata}), after selection.
 *
 * <p>Watches resume as the API server's watch cache lets them: every write is kept in a {@link
 * WatchHistory} of the last {@link #HISTORY} writes; a WATCH from a resourceVersion inside it is
 * sent the writes after it (through its selection), one from before it an ERROR event with a 410
 * {@code Status} (reason Expired), after which clients list again; a WATCH without a resourceVersion
 * (or from "0") starts with an ADDED event per matching object. Deletions get a resourceVersion of
 * their own.
 *
 * <p>Not faithful: a selected WATCH carries no {@code shardInfo} (the server would put it on the
 * initial-events bookmark, which the mock does not send); no bookmarks are sent; field labels
 * of kinds outside core/v1 are only {@code metadata.name} and {@code metadata.namespace}; {@code
 * status.podIPs} is not selectable; message texts for malformed selectors are close to, not
 * necessarily equal to, the server's. Requests without a field or honoured shard selector are the
 * stock dispatcher's, unchanged. Thread-safe.
 */
public class SelectingDispatcher extends KubernetesCrudDispatcher {

  /** Writes kept for watches resuming from a resourceVersion. */
  static final int HISTORY = 5_000;

  private final ApiServerFeatures features;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final ObjectMapper json = JsonMapper.builder().build();

  /** Open selected watches; also the lock ordering store writes with watch registration. */
  private final Set<SelectedWatch> watches = new LinkedHashSet<>();

  /** The writes a watch from a resourceVersion is sent. Guarded by {@link #watches}. */
  private final WatchHistory history = new WatchHistory(HISTORY);

  /** What the GET being dispatched on this thread asked for: {@link PartialMetadata}. */
  private final ThreadLocal<PartialMetadata> representation =
      ThreadLocal.withInitial(() -> PartialMetadata.FULL);

  /** A dispatcher with the optional behaviours {@code features}. */
  public SelectingDispatcher(ApiServerFeatures features) {
    this.features = Objects.requireNonNull(features, "features");
  }

  /**
   * With {@link ApiServerFeatures#partialObjectMetadata()}, answers a GET in the representation
   * its {@code Accept} header negotiates ({@link PartialMetadata}); 406 when it fits none.
   */
  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!features.partialObjectMetadata() || request.method() != HttpMethod.GET) {
      return super.dispatch(request);
    }
    String path = request.getPath();
    boolean collection;
    try {
      collection = !selection(path).watch() && !extractor().fromPath(path).containsKey("name");
    } catch (IllegalArgumentException e) {
      return super.dispatch(request); // the selector's 400 comes first
    }
    PartialMetadata asked;
    try {
      asked = PartialMetadata.negotiate(request.getHeader("Accept"), collection);
    } catch (IllegalArgumentException e) {
      return status(406, "NotAcceptable", e.getMessage());
    }
    representation.set(asked);
    try {
      MockResponse response = super.dispatch(request);
      if (asked != PartialMetadata.FULL
          && response.code() == 200
          && response.getWebSocketListener() == null) {
        String body = response.getBody().readUtf8();
        response.setBody(
            asked == PartialMetadata.LIST
                ? PartialMetadata.list(json, body)
                : PartialMetadata.object(json, body));
      }
      return response;
    } finally {
      representation.remove();
    }
  }

  @Override
  public MockResponse handleGet(String path) {
    Selection selection;
    try {
      selection = selection(path);
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    if (selection.watch()) {
      return watch(selection);
    }
    if (selection.isEmpty()) {
      return super.handleGet(path);
    }
    MockResponse response = super.handleGet(selection.path());
    if (response.code() != 200 || extractor().fromPath(selection.path()).containsKey("name")) {
      return response;
    }
    return select(response, selection);
  }

  @Override
  public MockResponse handleWatch(String path) {
    Selection selection;
    try {
      selection = selection(path);
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
    // Every watch, selected or not, is served here: the stock watch sender can deadlock the
    // mock's event loop when a watch closes while it is still sending events.
    return watch(selection);
  }

  /**
   * Stores the write as the stock dispatcher does, keeps it in the watch history, then gives the
   * open selected watches its event. Every store write comes through here. A deletion gets a
   * resourceVersion of its own, as in the API server (the stock store gives it none).
   */
  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    synchronized (watches) {
      String existing = oldAttributes == null ? null : map.get(oldAttributes);
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      if (Objects.equals(existing, newState)) {
        return;
      }
      AttributeSet newKey = newState == null ? null : storedKey(pathAttributes, resource, newState);
      String deleted = newState == null ? Long.toString(requestResourceVersion()) : null;
      ObjectChange change =
          new ObjectChange(json, oldAttributes, existing, newKey, newState, deleted);
      history.add(
          deleted != null ? Long.parseLong(deleted) : versionOf(change.newObject()),
          change.forHistory());
      for (SelectedWatch w : watches) {
        w.offer(change);
      }
    }
  }

  private long versionOf(JsonNode object) {
    try {
      return Long.parseLong(object.at("/metadata/resourceVersion").asText());
    } catch (NumberFormatException e) {
      return history.latest();
    }
  }

  /**
   * Starts {@code watch}: from a resourceVersion, the writes after it from the history, or 410
   * Gone when they have left it; without one (or from "0"), an ADDED event per object it selects
   * now; then every later change.
   */
  void open(SelectedWatch watch) {
    synchronized (watches) {
      long from = watch.from();
      if (from > 0) {
        List<ObjectChange> missed = history.since(from);
        if (missed == null) {
          watch.expire(from, history.oldest());
          return;
        }
        for (ObjectChange c : missed) {
          watch.offer(c.forHistory());
        }
      } else {
        List<Map.Entry<AttributeSet, String>> stored;
        synchronized (map) {
          stored = new ArrayList<>(map.entrySet());
        }
        for (Map.Entry<AttributeSet, String> e : stored) {
          if (watch.inQuery(e.getKey()) && watch.selects(json.readTree(e.getValue()))) {
            watch.send("ADDED", e.getValue());
          }
        }
      }
      watches.add(watch);
    }
  }

  /**
   * Ends every open watch as the server does when a watch times out or a connection drops: the
   * clients watch again from the last resourceVersion they saw.
   */
  void closeWatches() {
    List<SelectedWatch> open;
    synchronized (watches) {
      open = new ArrayList<>(watches);
      watches.clear();
    }
    open.forEach(SelectedWatch::disconnect);
  }

  /**
   * Forgets the watch history, as an etcd compaction does: a watch from any resourceVersion before
   * now is refused with 410 Gone, so its client lists again.
   */
  void compact() {
    synchronized (watches) {
      history.compact();
    }
  }

  /** Stops sending {@code watch} events; idempotent. */
  void close(SelectedWatch watch) {
    synchronized (watches) {
      watches.remove(watch);
    }
  }

  private Selection selection(String path) {
    return Selection.of(
        path,
        features,
        p -> {
          Map<String, String> parts = extractor().fromKubernetesPath(p);
          return SelectableFields.of(parts.get("api"), parts.get("plural"));
        });
  }

  private MockResponse watch(Selection selection) {
    AttributeSet query = extractor().fromPath(selection.path());
    return new MockResponse()
        .withWebSocketUpgrade(
            new SelectedWatch(
                this,
                query,
                selection,
                representation.get().objects(json),
                resourceVersionOf(selection.path())));
  }

  /** The {@code resourceVersion} a request asks for; 0 when none, "0" or not a number. */
  static long resourceVersionOf(String path) {
    int q = path.indexOf('?');
    if (q < 0) {
      return 0;
    }
    for (String param : path.substring(q + 1).split("&")) {
      if (param.startsWith("resourceVersion=")) {
        try {
          return Long.parseLong(param.substring("resourceVersion=".length()));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private MockResponse select(MockResponse response, Selection selection) {
    ObjectNode list = (ObjectNode) json.readTree(response.getBody().readUtf8());
    ArrayNode kept = list.arrayNode();
    for (JsonNode item : list.path("items")) {
      if (selection.matches(item)) {
        kept.add(item);
      }
    }
    list.set("items", kept);
    Map<String, String> shardInfo = selection.shardInfo();
    if (shardInfo != null) {
      list.withObjectProperty("metadata").set("shardInfo", json.valueToTree(shardInfo));
    }
    return response.setBody(json.writeValueAsString(list));
  }

  /** The key the stock dispatcher stores {@code newState} under, computed the same way. */
  private AttributeSet storedKey(
      AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
    AttributeSet key =
        resource != null ? extractor().extract(resource) : extractor().fromResource(newState);
    return key.containsKey(KubernetesAttributesExtractor.PLURAL)
        ? key
        : AttributeSet.merge(pathAttributes, key);
  }

  private KubernetesAttributesExtractor extractor() {
    return (KubernetesAttributesExtractor) attributeExtractor;
  }

  private MockResponse badRequest(String message) {
    return status(400, "BadRequest", message);
  }

  private MockResponse status(int code, String reason, String message) {
    Status status =
        new StatusBuilder()
            .withNewMetadata()
            .endMetadata()
            .withStatus("Failure")
            .withMessage(message)
            .withReason(reason)
            .withCode(code)
            .build();
    return new MockResponse()
        .setResponseCode(code)
        .addHeader("Content-Type", "application/json")
        .setBody(serialization.asJson(status));
  }
}
