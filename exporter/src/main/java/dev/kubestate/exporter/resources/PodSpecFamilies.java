package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generators of the pod families that describe the pod as a whole: info, IPs, overhead, restart
 * policy, runtime class, tolerations, node selectors, service account and scheduler. Stateless.
 */
final class PodSpecFamilies {

  private PodSpecFamilies() {}

  /**
   * One sample: host and pod IP, node, the controller owner ({@code created_by_*}, empty without
   * one), priority class and {@code host_network} ({@code true}/{@code false}).
   */
  static void info(Pod pod, Samples out) {
    PodSpec spec = Pods.spec(pod);
    OwnerReference controller = controllerOf(pod);
    out.begin()
        .label("host_ip", Pods.status(pod).getHostIP())
        .label("pod_ip", Pods.status(pod).getPodIP())
        .label("node", spec.getNodeName())
        .label("created_by_kind", controller == null ? "" : controller.getKind())
        .label("created_by_name", controller == null ? "" : controller.getName())
        .label("priority_class", spec.getPriorityClassName())
        .label("host_network", Boolean.TRUE.equals(spec.getHostNetwork()) ? "true" : "false")
        .value(1);
  }

  /** 1 per {@code status.podIPs} entry that parses, with its family ({@link IpFamilies}). */
  static void ips(Pod pod, Samples out) {
    for (PodIP ip : GoFields.items(Pods.status(pod).getPodIPs(), PodIP::new)) {
      String family = IpFamilies.of(ip.getIp());
      if (family != null) {
        out.begin().label("ip", ip.getIp()).label("ip_family", family).value(1);
      }
    }
  }

  /** {@code spec.overhead[cpu]} in cores; no sample when absent. */
  static void overheadCpu(Pod pod, Samples out) {
    Quantity q = overhead(pod, "cpu");
    if (q != null) {
      out.sample(Quantities.milliFloat(q));
    }
  }

  /** {@code spec.overhead[memory]} in bytes; no sample when absent. */
  static void overheadMemory(Pod pod, Samples out) {
    Quantity q = overhead(pod, "memory");
    if (q != null) {
      out.sample(Quantities.integer(q));
    }
  }

  /** Always one sample, {@code type} = {@code spec.restartPolicy} (empty when unset). */
  static void restartPolicy(Pod pod, Samples out) {
    out.sample("type", Pods.spec(pod).getRestartPolicy(), 1);
  }

  /** One sample when {@code spec.runtimeClassName} is set. */
  static void runtimeClass(Pod pod, Samples out) {
    String name = Pods.spec(pod).getRuntimeClassName();
    if (name != null) {
      out.sample("runtimeclass_name", name, 1);
    }
  }

  /**
   * One sample per distinct toleration: two tolerations are the same when key, operator, value,
   * effect and seconds are equal (seconds 0 differs from unset, which is written empty).
   */
  static void tolerations(Pod pod, Samples out) {
    List<Toleration> all = GoFields.items(Pods.spec(pod).getTolerations(), Toleration::new);
    for (int i = 0; i < all.size(); i++) {
      Toleration t = all.get(i);
      if (seenBefore(all, i)) {
        continue;
      }
      Long seconds = t.getTolerationSeconds();
      out.begin()
          .label("key", t.getKey())
          .label("operator", t.getOperator())
          .label("value", t.getValue())
          .label("effect", t.getEffect())
          .label("toleration_seconds", seconds == null ? "" : Long.toString(seconds))
          .value(1);
    }
  }

  /** One sample with every {@code spec.nodeSelector} entry as a {@code nodeselector_} label. */
  static void nodeSelectors(Pod pod, Samples out) {
    KeyAllowlist.writeAll(Pods.spec(pod).getNodeSelector(), "nodeselector", out);
  }

  /** Always one sample, {@code service_account} = {@code spec.serviceAccountName}. */
  static void serviceAccount(Pod pod, Samples out) {
    out.sample("service_account", Pods.spec(pod).getServiceAccountName(), 1);
  }

  /** Always one sample, {@code name} = {@code spec.schedulerName}. */
  static void scheduler(Pod pod, Samples out) {
    out.sample("name", Pods.spec(pod).getSchedulerName(), 1);
  }

  /** The first owner reference marked as controller, or null. */
  private static OwnerReference controllerOf(Pod pod) {
    for (OwnerReference r : GoFields.items(Metadata.meta(pod).getOwnerReferences())) {
      if (r != null && Boolean.TRUE.equals(r.getController())) {
        return r;
      }
    }
    return null;
  }

  private static Quantity overhead(Pod pod, String resource) {
    Map<String, Quantity> overhead = Pods.spec(pod).getOverhead();
    return overhead == null ? null : overhead.get(resource);
  }

  /** Whether a toleration equal to {@code all[i]} comes earlier in the list. */
  private static boolean seenBefore(List<Toleration> all, int i) {
    Toleration t = all.get(i);
    for (int k = 0; k < i; k++) {
      Toleration o = all.get(k);
      if (same(t.getKey(), o.getKey())
          && same(t.getOperator(), o.getOperator())
          && same(t.getValue(), o.getValue())
          && same(t.getEffect(), o.getEffect())
          && Objects.equals(t.getTolerationSeconds(), o.getTolerationSeconds())) {
        return true;
      }
    }
    return false;
  }

  /** String equality where null and empty are the same, as for Go strings. */
  private static boolean same(String a, String b) {
    return (a == null ? "" : a).equals(b == null ? "" : b);
  }
}
