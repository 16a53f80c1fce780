package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReplicaSet behaviour stated by ksm-metrics.tsv and ksm-behaviour.md 14. */
class ReplicaSetsTest {

  private final KindRendering<ReplicaSet> rendering = new KindRendering<>(new ReplicaSets());

  @Test
  void rendersEmptyReplicaSetWithoutFailures() {
    List<String> lines = rendering.allLines(new ReplicaSet());

    assertEquals(List.of(), rendering.failures());
    assertTrue(
        lines.contains("kube_replicaset_status_ready_replicas{namespace=\"\",replicaset=\"\"} 0"),
        lines::toString);
    assertEquals(List.of(), rendering.lines(new ReplicaSet(), "kube_replicaset_spec_replicas"));
  }

  @Test
  void writesUnsetControllerFlagAsFalse() {
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("rs")
            .addNewOwnerReference()
            .withKind("Deployment")
            .withName("d")
            .endOwnerReference()
            .endMetadata()
            .build();

    assertEquals(
        List.of(
            "kube_replicaset_owner{namespace=\"ns\",replicaset=\"rs\",owner_kind=\"Deployment\","
                + "owner_name=\"d\",owner_is_controller=\"false\"} 1"),
        rendering.lines(rs, "kube_replicaset_owner"));
  }
}
