package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered StatefulSet runs the exporter under a restricted security context it can start in
 * (read-only root, non-root uid 65534, only an emptyDir /tmp writable, with Vert.x's cache there),
 * shards by its own pod, serves the ports its args name, and spreads over Linux nodes.
 */
class StatefulSetManifestTest {

  private static RenderedManifests base;
  private static ContainerSettings container;

  @BeforeAll
  static void render() throws Exception {
    base = RenderedManifests.base();
    container = base.exporterContainer();
  }

  @Test
  void runsUnderTheRestrictedSecurityContext() {
    assertTrue(container.runAsNonRoot());
    assertEquals(65534L, container.runAsUser());
    assertEquals(65534L, container.runAsGroup());
    assertTrue(container.readOnlyRootFilesystem());
    assertFalse(container.allowPrivilegeEscalation());
    assertEquals(List.of("ALL"), container.droppedCapabilities());
    assertEquals("RuntimeDefault", container.seccompProfile());
  }

  @Test
  void writesOnlyToASmallTmp() {
    assertEquals(Map.of("/tmp", "64Mi"), container.writableMounts());
  }

  @Test
  void keepsVertxCacheInTheWritableTmp() {
    List<String> options = List.of(container.env().get("JAVA_TOOL_OPTIONS").split("\\s+"));
    assertTrue(options.contains("-Dvertx.cacheDirBase=/tmp/vertx-cache"), "" + options);
    assertTrue(options.contains("-XX:MaxRAMPercentage=60"), "" + options);
    assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), "" + options);
  }

  /**
   * The heap share of the memory limit leaves room for what the JVM uses beyond the heap: about
   * 150 MiB measured in a memory cgroup (metaspace, code cache, direct buffers, class data;
   * benchmarks/README.md, container memory). The request covers the steady RSS measured for a
   * shard the limit is sized for (395 to 407 MiB of anonymous memory at up to 5,000 pods).
   */
  @Test
  void leavesTheJvmItsMeasuredMemoryBeyondTheHeap() {
    Container c = podSpec().getContainers().get(0);
    long limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValue();
    long request =
        Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")).longValue();
    double percentage =
        List.of(container.env().get("JAVA_TOOL_OPTIONS").split("\\s+")).stream()
            .filter(o -> o.startsWith("-XX:MaxRAMPercentage="))
            .mapToDouble(o -> Double.parseDouble(o.substring(o.indexOf('=') + 1)))
            .findFirst()
            .orElseThrow();
    long beyondHeap = (long) (limit * (1 - percentage / 100));
    assertTrue(beyondHeap >= 150L << 20, "only " + (beyondHeap >> 20) + " MiB beyond the heap");
    assertTrue(request >= 407L << 20 && request <= limit, "request " + (request >> 20) + " MiB");
  }

  @Test
  void shardsByItsOwnPodWithServerSelectableRanges() {
    assertEquals(
        Map.of("POD_NAME", "metadata.name", "POD_NAMESPACE", "metadata.namespace"),
        container.downwardEnv());
    List<String> args =
        container.args(
            Map.of("metadata.name", "kube-state-exporter-2", "metadata.namespace", "monitoring"));
    assertTrue(args.contains("--pod=kube-state-exporter-2"), "" + args);
    assertTrue(args.contains("--pod-namespace=monitoring"), "" + args);
    assertTrue(args.contains("--shard-map=consistent-ranges"), "" + args);
  }

  @Test
  void servesOnThePortsItsArgsName() {
    assertTrue(container.args().contains("--port=8080"), "" + container.args());
    assertTrue(container.args().contains("--telemetry-port=8081"), "" + container.args());
    assertEquals(Map.of("http-metrics", 8080, "telemetry", 8081), container.ports());
    Container c = podSpec().getContainers().get(0);
    assertEquals("http-metrics", c.getLivenessProbe().getHttpGet().getPort().getStrVal());
    assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath());
    assertEquals("telemetry", c.getReadinessProbe().getHttpGet().getPort().getStrVal());
    assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath());
  }

  @Test
  void spreadsOverLinuxNodes() {
    PodSpec pod = podSpec();
    assertEquals(Map.of("kubernetes.io/os", "linux"), pod.getNodeSelector());
    assertEquals(1, pod.getTopologySpreadConstraints().size());
    TopologySpreadConstraint spread = pod.getTopologySpreadConstraints().get(0);
    assertEquals(1, spread.getMaxSkew());
    assertEquals("kubernetes.io/hostname", spread.getTopologyKey());
    assertEquals("ScheduleAnyway", spread.getWhenUnsatisfiable());
    assertTrue(
        LabelSelectors.matches(
            spread.getLabelSelector(),
            base.statefulSet().getSpec().getTemplate().getMetadata().getLabels()));
  }

  @Test
  void requestsCpuAndMemoryAndLimitsMemory() {
    Container c = podSpec().getContainers().get(0);
    assertNotNull(c.getResources().getRequests().get("cpu"));
    assertNotNull(c.getResources().getRequests().get("memory"));
    assertNotNull(container.memoryLimit());
  }

  private static PodSpec podSpec() {
    StatefulSet set = base.statefulSet();
    return set.getSpec().getTemplate().getSpec();
  }
}
