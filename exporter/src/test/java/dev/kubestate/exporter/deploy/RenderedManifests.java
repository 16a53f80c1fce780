package dev.kubestate.exporter.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The objects a kustomization under deploy/ renders ({@link KustomizationBuild}), each parsed
 * strictly ({@link StrictModel}): what {@code kubectl apply -k} would send. Immutable.
 *
 * <p>Other tests take the exporter's container settings from here ({@link #exporterContainer}), so
 * that what they run is what the manifests say.
 */
public final class RenderedManifests {

  /** deploy/, seen from the exporter module (Maven's working directory for its tests). */
  public static final Path DEPLOY = Path.of("..", "deploy");

  /** The base: the StatefulSet and what it needs. */
  public static final Path BASE = DEPLOY.resolve("statefulset");

  /** The base with the monitoring component. */
  public static final Path MONITORING = DEPLOY.resolve("overlays").resolve("monitoring");

  /** The base with the monitoring and network policy components. */
  public static final Path MONITORING_NETWORK_POLICY =
      DEPLOY.resolve("overlays").resolve("monitoring-network-policy");

  /** The name of the StatefulSet, its container, Service and ServiceAccount. */
  public static final String NAME = "kube-state-exporter";

  private final List<HasMetadata> objects;

  private RenderedManifests(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  /**
   * Renders and strictly parses the kustomization in {@code dir}.
   *
   * @throws IllegalArgumentException naming the object when one does not parse strictly
   */
  public static RenderedManifests of(Path dir) throws IOException, InterruptedException {
    List<HasMetadata> out = new ArrayList<>();
    for (JsonNode manifest : KustomizationBuild.build(dir)) {
      out.add(StrictModel.parse(manifest));
    }
    return new RenderedManifests(out);
  }

  /** {@link #of} the base, deploy/statefulset. */
  public static RenderedManifests base() throws IOException, InterruptedException {
    return of(BASE);
  }

  public List<HasMetadata> objects() {
    return objects;
  }

  /**
   * The object of {@code type} named {@code name}.
   *
   * @throws IllegalArgumentException when there is none or more than one
   */
  public <T extends HasMetadata> T get(Class<T> type, String name) {
    List<T> found = new ArrayList<>();
    for (T o : all(type)) {
      if (o.getMetadata().getName().equals(name)) {
        found.add(o);
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.size() + " objects of " + type.getSimpleName() + " named " + name);
    }
    return found.get(0);
  }

  /** Every object of {@code type}, in rendering order. */
  public <T extends HasMetadata> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (type.isInstance(o) && !(o instanceof GenericKubernetesResource)) {
        out.add(type.cast(o));
      }
    }
    return out;
  }

  /**
   * The object of a kind outside fabric8's model (a ServiceMonitor, a PrometheusRule) named {@code
   * name}.
   *
   * @throws IllegalArgumentException when there is none or more than one
   */
  public GenericKubernetesResource custom(String kind, String name) {
    List<GenericKubernetesResource> found = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof GenericKubernetesResource
          && o.getKind().equals(kind)
          && o.getMetadata().getName().equals(name)) {
        found.add((GenericKubernetesResource) o);
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.size() + " objects of " + kind + " named " + name);
    }
    return found.get(0);
  }

  /** The exporter's StatefulSet. */
  public StatefulSet statefulSet() {
    return get(StatefulSet.class, NAME);
  }

  /** How the StatefulSet runs the exporter's container. */
  public ContainerSettings exporterContainer() {
    return ContainerSettings.of(statefulSet(), NAME);
  }
}
