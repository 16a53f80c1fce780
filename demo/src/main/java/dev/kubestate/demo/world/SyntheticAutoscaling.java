package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HorizontalPodAutoscalers (autoscaling/v2) over about a fifth of the team deployments that have
 * two or more replicas and request CPU in every container: a CPU utilisation target on each, a
 * memory average-value target on some, a per-pod metric on one and an external queue metric on
 * another. Each HPA's current and desired replicas equal its deployment's {@code spec.replicas};
 * exactly the first is at its maximum, limited (TooManyReplicas). Stateless.
 */
final class SyntheticAutoscaling {

  private static final List<Integer> CPU_TARGETS = List.of(60, 70, 75, 80);

  private SyntheticAutoscaling() {}

  /** HPAs over some of {@code deployments}, in their order. */
  static List<HorizontalPodAutoscaler> generate(
      ClusterRandom random, List<Deployment> deployments) {
    List<HorizontalPodAutoscaler> out = new ArrayList<>();
    for (Deployment d : deployments) {
      if (d.getMetadata().getNamespace().startsWith("team-")
          && d.getSpec().getReplicas() >= 2
          && cpuRequestMillis(d) > 0
          && random.chance(0.2)) {
        out.add(autoscaler(random, d, out.size()));
      }
    }
    return List.copyOf(out);
  }

  /** The {@code index}-th HPA, over {@code d}; the first is at its maximum. */
  private static HorizontalPodAutoscaler autoscaler(ClusterRandom random, Deployment d, int index) {
    int current = d.getSpec().getReplicas();
    int max = index == 0 ? current : current + random.between(2, 3 * current);
    // The one at its maximum could scale down from there: its minimum is lower.
    int min = random.between(1, index == 0 ? current - 1 : current);
    int cpuTarget = random.pick(CPU_TARGETS);
    String name = d.getMetadata().getName();
    List<MetricSpec> metrics = new ArrayList<>();
    List<MetricStatus> now = new ArrayList<>();
    int utilisation =
        index == 0 ? cpuTarget + random.between(15, 60) : random.between(cpuTarget - 35, cpuTarget);
    metrics.add(resource("cpu", "Utilization", null, cpuTarget));
    now.add(cpuStatus(d, utilisation));
    if (index == 0 || random.chance(0.35)) {
      long memoryMi = memoryRequestMi(d);
      long targetMi = Math.max(64, memoryMi * 8 / 10);
      metrics.add(resource("memory", "AverageValue", targetMi + "Mi", null));
      now.add(status("Resource", "memory", random.between(40, 110) * targetMi / 100 + "Mi"));
    }
    if (index == 1 || index > 2 && random.chance(0.1)) {
      metrics.add(requestsPerSecond());
      now.add(status("Pods", "http_requests_per_second", random.between(20, 99) + ""));
    }
    if (index == 2 || index > 2 && random.chance(0.1)) {
      metrics.add(queueLength(name));
      now.add(status("External", "sqs_messages_visible", random.between(0, 29) + ""));
    }
    long deploymentAge =
        ClusterRandom.secondsBefore(Instant.parse(d.getMetadata().getCreationTimestamp()));
    int age = random.between(3600, (int) deploymentAge - 60);
    String created = ClusterRandom.before(age);
    String scaled = ClusterRandom.before(random.between(300, Math.min(2 * 86400, age - 60)));
    HorizontalPodAutoscaler hpa = build(random, d, created, min, max, metrics, now);
    scaled(hpa, current, scaled);
    hpa.getStatus().setConditions(conditions(hpa, created, scaled));
    return hpa;
  }

  /** An HPA of {@code d} at its current replicas, created {@code created}; draws its UID. */
  private static HorizontalPodAutoscaler build(
      ClusterRandom random,
      Deployment d,
      String created,
      int min,
      int max,
      List<MetricSpec> metrics,
      List<MetricStatus> now) {
    String name = d.getMetadata().getName();
    int current = d.getSpec().getReplicas();
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(d.getMetadata().getNamespace())
        .withUid(random.uid())
        .withCreationTimestamp(created)
        .withGeneration(1L)
        .withLabels(Map.of("app.kubernetes.io/name", name))
        .endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef("apps/v1", "Deployment", name)
        .withMinReplicas(min)
        .withMaxReplicas(max)
        .withMetrics(metrics)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withCurrentReplicas(current)
        .withDesiredReplicas(current)
        .withCurrentMetrics(now)
        .endStatus()
        .build();
  }

  /** A pods metric: 100 HTTP requests per second per pod. */
  private static MetricSpec requestsPerSecond() {
    return new MetricSpecBuilder()
        .withType("Pods")
        .withNewPods()
        .withMetric(new MetricIdentifier("http_requests_per_second", null))
        .withNewTarget()
        .withType("AverageValue")
        .withAverageValue(new Quantity("100"))
        .endTarget()
        .endPods()
        .build();
  }

  /** An external metric: 30 visible messages per pod in the SQS queue {@code queue}. */
  private static MetricSpec queueLength(String queue) {
    return new MetricSpecBuilder()
        .withType("External")
        .withNewExternal()
        .withNewMetric()
        .withName("sqs_messages_visible")
        .withNewSelector()
        .withMatchLabels(Map.of("queue", queue))
        .endSelector()
        .endMetric()
        .withNewTarget()
        .withType("AverageValue")
        .withAverageValue(new Quantity("30"))
        .endTarget()
        .endExternal()
        .build();
  }

  /**
   * Sets {@code hpa}'s status as after scaling to {@code replicas} at {@code when}: current and
   * desired replicas, last scale time, and whether its bounds now limit it.
   */
  static void scaled(HorizontalPodAutoscaler hpa, int replicas, String when) {
    int before = hpa.getStatus().getCurrentReplicas();
    hpa.getStatus().setCurrentReplicas(replicas);
    hpa.getStatus().setDesiredReplicas(replicas);
    if (replicas != before) {
      hpa.getStatus().setLastScaleTime(when);
    } else if (hpa.getStatus().getLastScaleTime() == null) {
      hpa.getStatus().setLastScaleTime(when);
    }
    if (hpa.getStatus().getConditions() != null && !hpa.getStatus().getConditions().isEmpty()) {
      hpa.getStatus()
          .setConditions(
              conditions(
                  hpa, hpa.getStatus().getConditions().get(0).getLastTransitionTime(), when));
    }
  }

  private static List<HorizontalPodAutoscalerCondition> conditions(
      HorizontalPodAutoscaler hpa, String since, String limitedSince) {
    int replicas = hpa.getStatus().getCurrentReplicas();
    boolean atMax = replicas >= hpa.getSpec().getMaxReplicas();
    boolean atMin = !atMax && replicas <= hpa.getSpec().getMinReplicas();
    return List.of(
        condition(
            "AbleToScale",
            true,
            "ReadyForNewScale",
            "recommended size matches current size",
            since),
        condition(
            "ScalingActive",
            true,
            "ValidMetricFound",
            "the HPA was able to successfully calculate a replica count from cpu resource"
                + " utilization (percentage of request)",
            since),
        atMax
            ? condition(
                "ScalingLimited",
                true,
                "TooManyReplicas",
                "the desired replica count is more than the maximum replica count",
                limitedSince)
            : atMin
                ? condition(
                    "ScalingLimited",
                    true,
                    "TooFewReplicas",
                    "the desired replica count is less than the minimum replica count",
                    limitedSince)
                : condition(
                    "ScalingLimited",
                    false,
                    "DesiredWithinRange",
                    "the desired count is within the acceptable range",
                    limitedSince));
  }

  private static HorizontalPodAutoscalerCondition condition(
      String type, boolean status, String reason, String message, String since) {
    return new HorizontalPodAutoscalerConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since)
        .build();
  }

  private static MetricSpec resource(String name, String type, String value, Integer percent) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName(name)
        .withNewTarget()
        .withType(type)
        .withAverageValue(value == null ? null : new Quantity(value))
        .withAverageUtilization(percent)
        .endTarget()
        .endResource()
        .build();
  }

  private static MetricStatus cpuStatus(Deployment d, int utilisation) {
    return new MetricStatusBuilder()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewCurrent()
        .withAverageUtilization(utilisation)
        .withAverageValue(new Quantity(cpuRequestMillis(d) * utilisation / 100 + "m"))
        .endCurrent()
        .endResource()
        .build();
  }

  private static MetricStatus status(String type, String name, String value) {
    MetricStatusBuilder s = new MetricStatusBuilder().withType(type);
    Quantity q = new Quantity(value);
    switch (type) {
      case "Resource" ->
          s.withNewResource()
              .withName(name)
              .withNewCurrent()
              .withAverageValue(q)
              .endCurrent()
              .endResource();
      case "Pods" ->
          s.withNewPods()
              .withMetric(new MetricIdentifier(name, null))
              .withNewCurrent()
              .withAverageValue(q)
              .endCurrent()
              .endPods();
      default ->
          s.withNewExternal()
              .withMetric(new MetricIdentifier(name, null))
              .withNewCurrent()
              .withAverageValue(q)
              .endCurrent()
              .endExternal();
    }
    return s.build();
  }

  /** CPU requested by one pod of {@code d}, in millicores; 0 when a container requests none. */
  static long cpuRequestMillis(Deployment d) {
    long total = 0;
    for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
      Quantity q =
          c.getResources() == null || c.getResources().getRequests() == null
              ? null
              : c.getResources().getRequests().get("cpu");
      if (q == null) {
        return 0;
      }
      total += q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }
    return total;
  }

  private static long memoryRequestMi(Deployment d) {
    long bytes = 0;
    for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
      Quantity q =
          c.getResources() == null || c.getResources().getRequests() == null
              ? null
              : c.getResources().getRequests().get("memory");
      bytes += q == null ? 0 : q.getNumericalAmount().longValue();
    }
    return bytes / (1024 * 1024);
  }
}
