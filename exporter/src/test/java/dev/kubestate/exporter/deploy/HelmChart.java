package dev.kubestate.exporter.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The Helm chart deploy/helm/kube-state-exporter rendered as {@code helm template} renders it (Helm
 * embedded through helm-java, so no helm binary is needed), each object parsed strictly ({@link
 * StrictModel}). Immutable.
 *
 * @param manifests the rendered objects as YAML trees, in rendering order
 * @param objects the same objects parsed strictly, in the same order
 */
record HelmChart(List<JsonNode> manifests, List<HasMetadata> objects) {

  /** The chart's directory, seen from the exporter module. */
  static final Path CHART = RenderedManifests.DEPLOY.resolve("helm").resolve("kube-state-exporter");

  /**
   * The release name and namespace of the equivalence with the kustomize base: its objects are
   * named {@code kube-state-exporter}, in the namespace {@code kube-state-exporter}.
   */
  static final String RELEASE = RenderedManifests.NAME;

  HelmChart {
    manifests = List.copyOf(manifests);
    objects = List.copyOf(objects);
  }

  /** {@code helm lint --strict} of the chart. */
  static LintResult lint() {
    return new Helm(CHART).lint().strict().call();
  }

  /**
   * {@code helm template RELEASE CHART --namespace RELEASE --values FILE}, FILE holding {@code
   * values}.
   *
   * @param values a values file's YAML text ("" for the defaults)
   * @throws IllegalStateException with Helm's message when the values fail the schema or a
   *     template fails
   * @throws IllegalArgumentException naming the object when one does not parse strictly
   */
  static HelmChart template(String values) {
    return template(RELEASE, RELEASE, values);
  }

  /** {@link #template(String)} with another release name and namespace. */
  static HelmChart template(String release, String namespace, String values) {
    String rendered;
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(file, values, StandardCharsets.UTF_8);
        rendered =
            new Helm(CHART)
                .template()
                .withName(release)
                .withNamespace(namespace)
                .withValuesFile(file)
                .call();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JsonNode> manifests = YamlDocuments.parse(rendered);
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode manifest : manifests) {
      objects.add(StrictModel.parse(manifest));
    }
    return new HelmChart(manifests, objects);
  }

  /**
   * The release notes (NOTES.txt) {@code helm install --dry-run} prints for {@code values}, release
   * and namespace {@link #RELEASE}; client only, no cluster needed.
   *
   * @throws IllegalStateException with Helm's message when the values fail the schema or a
   *     template fails
   */
  static String notes(String values) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(file, values, StandardCharsets.UTF_8);
        String output =
            new Helm(CHART)
                .install()
                .withName(RELEASE)
                .withNamespace(RELEASE)
                .withValuesFile(file)
                .clientOnly()
                .dryRun()
                .call()
                .getOutput();
        int notes = output.indexOf("NOTES:");
        if (notes < 0) {
          throw new IllegalStateException("no NOTES in: " + output);
        }
        return output.substring(notes);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The object of {@code type} named {@code name}.
   *
   * @throws IllegalArgumentException when there is none or more than one
   */
  <T extends HasMetadata> T get(Class<T> type, String name) {
    List<T> found = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (type.isInstance(o)
          && !(o instanceof GenericKubernetesResource)
          && o.getMetadata().getName().equals(name)) {
        found.add(type.cast(o));
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.size() + " objects of " + type.getSimpleName() + " named " + name);
    }
    return found.get(0);
  }

  /** The names of the objects of {@code kind}, in rendering order. */
  List<String> names(String kind) {
    List<String> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o.getKind().equals(kind)) {
        out.add(o.getMetadata().getName());
      }
    }
    return out;
  }

  /** The YAML tree of the object of {@code kind} named {@code name}. */
  JsonNode manifest(String kind, String name) {
    for (JsonNode m : manifests) {
      if (m.path("kind").asString().equals(kind)
          && m.path("metadata").path("name").asString().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no " + kind + " named " + name);
  }

  /** The StatefulSet of the release {@link #RELEASE}. */
  StatefulSet statefulSet() {
    return get(StatefulSet.class, RELEASE);
  }

  /** How the StatefulSet of the release {@link #RELEASE} runs the exporter's container. */
  ContainerSettings exporterContainer() {
    return ContainerSettings.of(statefulSet(), RenderedManifests.NAME);
  }
}
