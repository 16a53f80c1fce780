package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Secret families ({@code secrets}); identity {@code namespace}, {@code secret}. Immutable and
 * thread-safe.
 *
 * <p>Guarantee: no secret value is ever exported. As KSM, the generators read metadata and {@code
 * type} only, never {@code data} or {@code stringData}. Unlike KSM, {@code
 * kube_secret_annotations} never exports the annotation {@value #LAST_APPLIED}, whatever {@code
 * --metric-annotations-allowlist} says (even {@code secrets=[*]} or the exact key): {@code kubectl
 * apply} stores the whole manifest there, values included. This is a deliberate difference from
 * KSM v2.20.0, which would export it as {@code
 * annotation_kubectl_kubernetes_io_last_applied_configuration}; every other annotation follows
 * KSM's allowlist rules, and the key takes no part in the conflict-suffix naming of the others
 * (reference/ksm-behaviour.md 4), as if the Secret did not carry it.
 */
public final class Secrets extends KubernetesKind<Secret> {

  /** Where {@code kubectl apply} keeps the applied manifest, Secret values included. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  public Secrets() {
    super(Secret.class);
  }

  @Override
  public List<Family<Secret>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_secret_info", "Information about secret.", STABLE, (s, out) -> out.sample(1)),
        gauge("kube_secret_type", "Type about secret.", STABLE,
            (s, out) -> out.sample("type", s.getType(), 1)),
        gauge("kube_secret_annotations", "Kubernetes annotations converted to Prometheus labels.",
            ALPHA, annotationsWithoutManifest(options.annotations())),
        labels("kube_secret_labels", STABLE, options),
        created("kube_secret_created", STABLE),
        resourceVersion("kube_secret_metadata_resource_version",
            "Resource version representing a specific version of secret.", ALPHA),
        owner("kube_secret_owner", ALPHA));
  }

  /**
   * The allowlisted annotations as {@code annotation_<key>} labels, one sample (none without an
   * allowlist), with {@link #LAST_APPLIED} removed before the allowlist sees them. Copies the
   * annotations only when that key is present.
   */
  private static Generator<Secret> annotationsWithoutManifest(KeyAllowlist allowlist) {
    return (s, out) -> {
      Map<String, String> annotations = Metadata.meta(s).getAnnotations();
      if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
        annotations = new HashMap<>(annotations);
        annotations.remove(LAST_APPLIED);
      }
      allowlist.writeSample(annotations, "annotation", out);
    };
  }
}
