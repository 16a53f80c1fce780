package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ResourceQuota per team namespace, created with the namespace: hard limits on compute requests
 * and limits, pods, deployments and claims, and a status whose {@code used} is what the namespace
 * holds, counted as the quota controller counts it (pods not yet terminated; a pod's request is the
 * larger of its containers' sum and its largest init container). Hard limits leave headroom, except
 * the first namespace with pods, which is at its pod limit. Stateless.
 */
final class SyntheticQuotas {

  /** The name every team's quota has. */
  static final String NAME = "team-quota";

  private static final long GI = 1L << 30;

  private SyntheticQuotas() {}

  /** A quota per team namespace of {@code namespaces}, in their order. */
  static List<ResourceQuota> generate(
      ClusterRandom random,
      List<Namespace> namespaces,
      List<Pod> pods,
      List<Deployment> deployments,
      List<PersistentVolumeClaim> claims) {
    Map<String, Map<String, Long>> used = new HashMap<>();
    for (Pod p : pods) {
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
        Map<String, Long> u = used.computeIfAbsent(p.getMetadata().getNamespace(), n -> usage());
        u.merge("pods", 1L, Long::sum);
        u.merge("requests.cpu", podTotal(p, true, "cpu"), Long::sum);
        u.merge("requests.memory", podTotal(p, true, "memory"), Long::sum);
        u.merge("limits.cpu", podTotal(p, false, "cpu"), Long::sum);
        u.merge("limits.memory", podTotal(p, false, "memory"), Long::sum);
      }
    }
    for (Deployment d : deployments) {
      used.computeIfAbsent(d.getMetadata().getNamespace(), n -> usage())
          .merge("count/deployments.apps", 1L, Long::sum);
    }
    for (PersistentVolumeClaim c : claims) {
      used.computeIfAbsent(c.getMetadata().getNamespace(), n -> usage())
          .merge("persistentvolumeclaims", 1L, Long::sum);
    }
    boolean atLimit = false;
    List<ResourceQuota> out = new java.util.ArrayList<>();
    for (Namespace ns : namespaces) {
      String name = ns.getMetadata().getName();
      if (!name.startsWith("team-")) {
        continue;
      }
      Map<String, Long> u = used.getOrDefault(name, usage());
      boolean full = !atLimit && u.get("pods") > 0;
      atLimit |= full;
      out.add(quota(random, ns, u, full));
    }
    return List.copyOf(out);
  }

  private static ResourceQuota quota(
      ClusterRandom random, Namespace ns, Map<String, Long> used, boolean full) {
    Map<String, Quantity> hard = new LinkedHashMap<>();
    hard.put("count/deployments.apps", count(roundUp(used.get("count/deployments.apps") + 5, 5)));
    hard.put("limits.cpu", cpu(roundUp(used.get("limits.cpu") * 2 + 4000, 4000)));
    hard.put("limits.memory", bytes(roundUp(used.get("limits.memory") * 2 + 8 * GI, 8 * GI)));
    long pods = used.get("pods");
    hard.put("persistentvolumeclaims", count(roundUp(used.get("persistentvolumeclaims") + 5, 5)));
    hard.put("pods", count(full ? pods : roundUp(pods * 3 / 2 + 10, 10)));
    hard.put("requests.cpu", cpu(roundUp(used.get("requests.cpu") * 3 / 2 + 2000, 2000)));
    hard.put(
        "requests.memory", bytes(roundUp(used.get("requests.memory") * 3 / 2 + 4 * GI, 4 * GI)));
    Map<String, Quantity> now = new LinkedHashMap<>();
    for (String resource : hard.keySet()) {
      long value = used.get(resource);
      now.put(
          resource,
          resource.endsWith(".cpu")
              ? cpu(value)
              : resource.endsWith(".memory") ? bytes(value) : count(value));
    }
    long nsAge =
        ClusterRandom.secondsBefore(Instant.parse(ns.getMetadata().getCreationTimestamp()));
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(ns.getMetadata().getName())
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(nsAge - random.between(1, 30)))
        .endMetadata()
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .withNewStatus()
        .withHard(hard)
        .withUsed(now)
        .endStatus()
        .build();
  }

  private static Map<String, Long> usage() {
    Map<String, Long> u = new HashMap<>();
    for (String k :
        List.of(
            "count/deployments.apps",
            "limits.cpu",
            "limits.memory",
            "persistentvolumeclaims",
            "pods",
            "requests.cpu",
            "requests.memory")) {
      u.put(k, 0L);
    }
    return u;
  }

  /**
   * A pod's request (or limit) of {@code resource}, in millicores for CPU and bytes for memory: the
   * larger of its containers' sum and its largest init container.
   */
  private static long podTotal(Pod p, boolean requests, String resource) {
    long sum = 0;
    for (Container c : p.getSpec().getContainers()) {
      sum += amount(c, requests, resource);
    }
    long init = 0;
    if (p.getSpec().getInitContainers() != null) {
      for (Container c : p.getSpec().getInitContainers()) {
        init = Math.max(init, amount(c, requests, resource));
      }
    }
    return Math.max(sum, init);
  }

  private static long amount(Container c, boolean requests, String resource) {
    if (c.getResources() == null) {
      return 0;
    }
    Map<String, Quantity> m =
        requests ? c.getResources().getRequests() : c.getResources().getLimits();
    Quantity q = m == null ? null : m.get(resource);
    if (q == null) {
      return 0;
    }
    BigDecimal v = q.getNumericalAmount();
    return (resource.equals("cpu") ? v.multiply(BigDecimal.valueOf(1000)) : v).longValue();
  }

  private static long roundUp(long value, long step) {
    return (value + step - 1) / step * step;
  }

  private static Quantity count(long n) {
    return new Quantity(Long.toString(n));
  }

  /** {@code millis} as the API server writes CPU: whole cores when exact, else millicores. */
  private static Quantity cpu(long millis) {
    return new Quantity(millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m");
  }

  /** {@code bytes} in the largest binary unit that is exact, as the API server writes memory. */
  private static Quantity bytes(long bytes) {
    String[] units = {"Ti", "Gi", "Mi", "Ki"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (4 - i));
      if (bytes != 0 && bytes % unit == 0) {
        return new Quantity(bytes / unit + units[i]);
      }
    }
    return new Quantity(Long.toString(bytes));
  }
}
