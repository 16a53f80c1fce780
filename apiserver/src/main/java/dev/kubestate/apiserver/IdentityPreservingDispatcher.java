package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD dispatcher with the API server's selectors ({@link SelectingDispatcher}), except
 * that a created object keeps the {@code metadata.uid}, {@code metadata.creationTimestamp} and
 * {@code metadata.generation} it was sent with. The stock dispatcher replaces them (with a
 * generated id, the current time and 1), which would make a seeded cluster's identities, and with
 * them shard membership, differ from run to run. Objects sent without these fields get the server's
 * values as before. Lookups by name go through an index instead of a scan of every stored object,
 * so that seeding thousands of objects stays linear. Thread-safe: the identity travels in a
 * thread-local from the create request to the store write, which the dispatcher performs on the
 * request's thread.
 */
final class IdentityPreservingDispatcher extends SelectingDispatcher {

  /** The identity a create request carried, and the stored state once it is known. */
  private static final class Pending {
    final String uid;
    final String creationTimestamp;
    final Long generation;
    String storedState;

    Pending(String uid, String creationTimestamp, Long generation) {
      this.uid = uid;
      this.creationTimestamp = creationTimestamp;
      this.generation = generation;
    }
  }

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final ThreadLocal<Pending> pending = new ThreadLocal<>();
  private final KubernetesAttributesExtractor extractor = new KubernetesAttributesExtractor();
  private final Map<Attribute, List<AttributeSet>> byName = new ConcurrentHashMap<>();
  private volatile boolean indexed = true;

  /** Answers TokenReviews and SubjectAccessReviews instead of storing them. */
  final AccessReviewer accessReviewer = new AccessReviewer();

  /** A dispatcher with the optional API-server behaviours {@code features}. */
  IdentityPreservingDispatcher(ApiServerFeatures features) {
    super(features);
  }

  /**
   * Creates {@code object} as a POST to {@code path} would, without HTTP: the object's own JSON and
   * identity go straight to the store.
   *
   * @return the response the POST would have had (201 with the stored object on success)
   */
  MockResponse create(String path, HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    Pending identity =
        new Pending(
            emptyToNull(meta.getUid()),
            emptyToNull(meta.getCreationTimestamp()),
            meta.getGeneration());
    RecordedRequest request =
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.POST,
            path,
            Headers.builder().add("Content-Type", "application/json").build(),
            new Buffer(serialization.asJson(object).getBytes(StandardCharsets.UTF_8)));
    return createWith(identity, request);
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    // Reading the body drains it, so the stock handler gets a fresh request with the same bytes.
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
    MockResponse review =
        accessReviewer.answer(request.getPath(), new String(body, StandardCharsets.UTF_8));
    if (review != null) {
      return review;
    }
    RecordedRequest replay =
        new RecordedRequest(
            request.getHttpVersion(),
            request.method(),
            request.getPath(),
            request.getHeaders(),
            new Buffer(body));
    return createWith(identityOf(new String(body, StandardCharsets.UTF_8)), replay);
  }

  private MockResponse createWith(Pending identity, RecordedRequest request) {
    pending.set(identity);
    try {
      MockResponse response = super.handleCreate(request);
      if (identity != null && identity.storedState != null && response.code() == 201) {
        response.setBody(identity.storedState);
      }
      return response;
    } finally {
      pending.remove();
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    Pending identity = pending.get();
    if (identity == null
        || oldAttributes != null
        || resource == null
        || resource.getMetadata() == null) {
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      if (newState != null) {
        index(pathAttributes, resource);
      }
      return;
    }
    ObjectMeta meta = resource.getMetadata();
    if (identity.uid != null) {
      meta.setUid(identity.uid);
    }
    if (identity.creationTimestamp != null) {
      meta.setCreationTimestamp(identity.creationTimestamp);
    }
    if (identity.generation != null) {
      meta.setGeneration(identity.generation);
    }
    identity.storedState = serialization.asJson(resource);
    super.processEvent(path, pathAttributes, null, resource, identity.storedState);
    index(pathAttributes, resource);
  }

  /**
   * Records the stored key of {@code resource} under its name, computed as the stock dispatcher
   * computes it. Keys of deleted or replaced objects stay listed; lookups skip keys no longer
   * stored. Should the computed key ever not be the stored one, the index is abandoned and every
   * lookup goes the stock way.
   */
  private void index(AttributeSet pathAttributes, GenericKubernetesResource resource) {
    if (resource == null || resource.getMetadata() == null) {
      return;
    }
    AttributeSet key = extractor.extract(resource);
    if (!key.containsKey("plural")) {
      key = AttributeSet.merge(pathAttributes, key);
    }
    Attribute name = key.getAttribute("name");
    if (name == null || !map.containsKey(key)) {
      indexed = false;
      return;
    }
    List<AttributeSet> keys = byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    keys.removeIf(k -> !map.containsKey(k));
    keys.add(key);
  }

  /**
   * Same result as the stock lookup, which matches the query against every stored object: a by-name
   * query is matched only against the objects ever stored under that name that are still stored,
   * which keeps seeding thousands of objects from turning quadratic.
   */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Attribute name = query.getAttribute("name");
    if (name == null || name.getType() != AttributeType.WITH || !indexed) {
      return super.findResource(query);
    }
    List<AttributeSet> candidates = byName.get(name);
    if (candidates == null) {
      return null;
    }
    for (AttributeSet key : candidates) {
      String state = map.get(key);
      if (state != null && key.matches(query)) {
        return Map.entry(key, state);
      }
    }
    return null;
  }

  private Pending identityOf(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    try {
      GenericKubernetesResource sent =
          serialization.unmarshal(body, GenericKubernetesResource.class);
      ObjectMeta meta = sent == null ? null : sent.getMetadata();
      if (meta == null
          || (isEmpty(meta.getUid())
              && isEmpty(meta.getCreationTimestamp())
              && meta.getGeneration() == null)) {
        return null;
      }
      return new Pending(
          emptyToNull(meta.getUid()),
          emptyToNull(meta.getCreationTimestamp()),
          meta.getGeneration());
    } catch (RuntimeException e) {
      // Malformed bodies are the stock dispatcher's to reject, with its own status.
      return null;
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String emptyToNull(String s) {
    return isEmpty(s) ? null : s;
  }
}
