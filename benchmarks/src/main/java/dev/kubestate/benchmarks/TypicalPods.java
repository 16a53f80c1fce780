package dev.kubestate.benchmarks;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Pods shaped like a typical Deployment replica: owner reference, two containers with requests
 * and limits and running statuses, conditions, IPs, labels and annotations. Deterministic from
 * the index.
 */
final class TypicalPods {

  private TypicalPods() {}

  static Pod pod(int i) {
    String name = "web-" + Integer.toHexString(0x5f4dcc3b + i);
    String uid = String.format(java.util.Locale.ROOT, "5f4dcc3b-5aa7-4d65-8c1e-%012d", i);
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("team-" + (i % 20))
        .withUid(uid)
        .withResourceVersion(Integer.toString(100_000 + i))
        .withCreationTimestamp("2026-11-01T10:00:00Z")
        .withLabels(Map.of("app", "web", "pod-template-hash", "5f4dcc3b", "team", "t" + i % 20))
        .withAnnotations(Map.of("prometheus.io/scrape", "true"))
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName("web-5f4dcc3b")
        .withUid("rs-" + i / 10)
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-" + i % 50)
        .withRestartPolicy("Always")
        .withServiceAccountName("web")
        .withSchedulerName("default-scheduler")
        .withPriorityClassName("normal")
        .addToContainers(app(i), sidecar())
        .addNewToleration()
        .withKey("node.kubernetes.io/not-ready")
        .withOperator("Exists")
        .withEffect("NoExecute")
        .withTolerationSeconds(300L)
        .endToleration()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withQosClass("Burstable")
        .withHostIP("10.0." + i % 50 + ".1")
        .withPodIP("10.244." + (i / 250) + "." + (i % 250))
        .addNewPodIP()
        .withIp("10.244." + (i / 250) + "." + (i % 250))
        .endPodIP()
        .withStartTime("2026-11-01T10:00:02Z")
        .addToConditions(
            condition("PodScheduled", "2026-11-01T10:00:01Z"),
            condition("Initialized", "2026-11-01T10:00:03Z"),
            condition("ContainersReady", "2026-11-01T10:00:09Z"),
            condition("Ready", "2026-11-01T10:00:09Z"))
        .addToContainerStatuses(status("app", i), status("sidecar", i))
        .endStatus()
        .build();
  }

  /** The app container: requests and limits of CPU and memory. */
  private static Container app(int i) {
    return new ContainerBuilder()
        .withName("app")
        .withImage("registry.example/web:1.4." + i % 7)
        .withNewResources()
        .addToRequests("cpu", new Quantity("250m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("cpu", new Quantity("1"))
        .addToLimits("memory", new Quantity("512Mi"))
        .endResources()
        .build();
  }

  /** The sidecar: requests only. */
  private static Container sidecar() {
    return new ContainerBuilder()
        .withName("sidecar")
        .withImage("registry.example/proxy:2.0")
        .withNewResources()
        .addToRequests("cpu", new Quantity("50m"))
        .addToRequests("memory", new Quantity("64Mi"))
        .endResources()
        .build();
  }

  private static PodCondition condition(String type, String since) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withLastTransitionTime(since)
        .build();
  }

  private static io.fabric8.kubernetes.api.model.ContainerStatus status(String name, int i) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("registry.example/" + name + ":1.4")
        .withImageID("registry.example/" + name + "@sha256:0123456789abcdef")
        .withContainerID("containerd://" + Integer.toHexString(i * 31 + name.length()))
        .withReady(true)
        .withStarted(true)
        .withRestartCount(i % 3)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-11-01T10:00:05Z")
        .endRunning()
        .endState()
        .build();
  }
}
