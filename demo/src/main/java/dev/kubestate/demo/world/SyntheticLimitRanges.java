package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LimitRanges of a synthetic cluster: the teams that handle payments and identities have one in
 * their namespace, created with it, giving containers default requests and limits and bounding them
 * and their claims. Pods in these namespaces are made as the LimitRanger admission plugin lets them
 * in: {@link #admit} fills in the requests and limits a container lacks, so no pod there is
 * BestEffort. The defaults cover every request the demo's templates make, and the maximums every
 * limit and claim. Stateless.
 */
final class SyntheticLimitRanges {

  /** The name of every team's LimitRange. */
  static final String NAME = "container-defaults";

  private static final List<String> LIMITED_TEAMS =
      List.of("payments", "billing", "identity", "fraud");

  private static final Map<String, String> DEFAULT_REQUESTS =
      Map.of("cpu", "100m", "memory", "128Mi");
  private static final Map<String, String> DEFAULT_LIMITS = Map.of("cpu", "1", "memory", "2Gi");

  private SyntheticLimitRanges() {}

  /** Whether pods in {@code namespace} are admitted under a LimitRange. */
  static boolean limits(String namespace) {
    return namespace.startsWith("team-") && LIMITED_TEAMS.contains(namespace.substring(5));
  }

  /**
   * {@code template} as admitted in {@code namespace}: unchanged outside the limited namespaces,
   * else every container's missing CPU and memory requests and limits set to the defaults (its spec
   * is changed in place) and the QoS class recomputed.
   */
  static PodTemplates.Template admit(String namespace, PodTemplates.Template template) {
    if (!limits(namespace)) {
      return template;
    }
    admit(namespace, template.spec());
    return new PodTemplates.Template(template.spec(), PodTemplates.Qos.of(template.spec()));
  }

  /** {@code spec} as admitted in {@code namespace}, changed in place; see the other overload. */
  static PodSpec admit(String namespace, PodSpec spec) {
    if (!limits(namespace)) {
      return spec;
    }
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    for (Container c : all) {
      ResourceRequirements r =
          c.getResources() == null ? new ResourceRequirements() : c.getResources();
      Map<String, Quantity> requests = copy(r.getRequests());
      Map<String, Quantity> limits = copy(r.getLimits());
      for (String resource : List.of("cpu", "memory")) {
        limits.putIfAbsent(resource, new Quantity(DEFAULT_LIMITS.get(resource)));
        // Without a request, LimitRanger takes the default request, or the limit if one was set.
        requests.putIfAbsent(
            resource,
            r.getLimits() != null && r.getLimits().containsKey(resource)
                ? limits.get(resource)
                : new Quantity(DEFAULT_REQUESTS.get(resource)));
      }
      c.setResources(new ResourceRequirements(r.getClaims(), limits, requests));
    }
    return spec;
  }

  private static Map<String, Quantity> copy(Map<String, Quantity> m) {
    return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
  }

  /** One LimitRange in each limited team namespace of {@code namespaces}, in their order. */
  static List<LimitRange> generate(ClusterRandom random, List<Namespace> namespaces) {
    List<LimitRange> out = new ArrayList<>();
    for (Namespace ns : namespaces) {
      String name = ns.getMetadata().getName();
      if (!limits(name)) {
        continue;
      }
      long nsAge =
          ClusterRandom.secondsBefore(Instant.parse(ns.getMetadata().getCreationTimestamp()));
      out.add(
          new LimitRangeBuilder()
              .withNewMetadata()
              .withName(NAME)
              .withNamespace(name)
              .withUid(random.uid())
              .withCreationTimestamp(ClusterRandom.before(nsAge - random.between(1, 30)))
              .addToLabels("app.kubernetes.io/managed-by", "platform-policies")
              .endMetadata()
              .withNewSpec()
              .addToLimits(
                  new LimitRangeItemBuilder()
                      .withType("Container")
                      .withDefault(quantities(DEFAULT_LIMITS))
                      .withDefaultRequest(quantities(DEFAULT_REQUESTS))
                      .withMax(quantities(Map.of("cpu", "4", "memory", "8Gi")))
                      .withMin(quantities(Map.of("cpu", "10m", "memory", "16Mi")))
                      .build(),
                  new LimitRangeItemBuilder()
                      .withType("PersistentVolumeClaim")
                      .withMax(quantities(Map.of("storage", "500Gi")))
                      .withMin(quantities(Map.of("storage", "1Gi")))
                      .build())
              .endSpec()
              .build());
    }
    return List.copyOf(out);
  }

  /** {@code values} as quantities, in resource-name order, as the API server returns them. */
  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    values.keySet().stream().sorted().forEach(k -> out.put(k, new Quantity(values.get(k))));
    return out;
  }
}
