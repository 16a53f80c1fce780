package dev.kubestate.exporter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClusterChurnTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void sameSeedMakesSameChangesVisibleThroughTheApi() {
    SyntheticCluster cluster = SyntheticCluster.generate(11, 4, 40);
    List<String> first;
    Map<String, String> firstState;
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster);
      first = steps(new ClusterChurn(server.client(), cluster), 40);
      firstState = state(server.client());
      Set<String> seededPods =
          cluster.pods().stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
      Set<String> listedPods =
          server.client().pods().inAnyNamespace().list().getItems().stream()
              .map(p -> p.getMetadata().getUid())
              .collect(Collectors.toSet());
      assertEquals(cluster.pods().size(), listedPods.size());
      assertNotEquals(seededPods, listedPods, "some pods were replaced under new UIDs");
      assertNotEquals(state(cluster.objects()), firstState);
    }
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster);
      assertEquals(first, steps(new ClusterChurn(server.client(), cluster), 40));
      assertEquals(firstState, state(server.client()));
    }
  }

  @Test
  void runsOnItsOwnThreadUntilClosed() throws InterruptedException {
    SyntheticCluster cluster = SyntheticCluster.generate(12, 3, 20);
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster);
      CountDownLatch modified = new CountDownLatch(3);
      Watcher<io.fabric8.kubernetes.api.model.Pod> onChange =
          new Watcher<>() {
            @Override
            public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {
              if (action == Action.MODIFIED || action == Action.DELETED) {
                modified.countDown();
              }
            }

            @Override
            public void onClose(WatcherException cause) {}
          };
      try (Watch watch = server.client().pods().inAnyNamespace().watch(onChange);
          ClusterChurn churn = new ClusterChurn(server.client(), cluster)) {
        churn.start(50);
        assertTrue(modified.await(60, TimeUnit.SECONDS), "pods changed through the API");
        churn.close();
        long after = churn.changes();
        assertTrue(after >= 3);
        assertEquals(0, churn.failures());
        assertThrows(IllegalStateException.class, () -> churn.start(1));
      }
    }
  }

  @Test
  void rejectsNonPositiveRate() {
    SyntheticCluster cluster = SyntheticCluster.generate(1, 1, 1);
    ClusterChurn churn = new ClusterChurn(null, cluster);
    assertThrows(IllegalArgumentException.class, () -> churn.start(0));
    assertThrows(IllegalArgumentException.class, () -> churn.start(Double.NaN));
    assertFalse(churn.changes() > 0);
  }

  private static List<String> steps(ClusterChurn churn, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(churn.step());
    }
    return out;
  }

  private static Map<String, String> state(KubernetesClient client) {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.nodes().list().getItems());
    all.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    all.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
    all.addAll(client.pods().inAnyNamespace().list().getItems());
    return state(all);
  }

  /** Nodes, deployments, replica sets and pods by kind/namespace/name, without resourceVersion. */
  private static Map<String, String> state(List<HasMetadata> objects) {
    Map<String, String> out = new TreeMap<>();
    for (HasMetadata o : objects) {
      if (o.getKind().equals("Namespace") || o.getKind().equals("Service")) {
        continue;
      }
      HasMetadata copy = JSON.clone(o);
      copy.getMetadata().setResourceVersion(null);
      copy.getMetadata().setGeneration(null);
      out.put(
          o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
          JSON.asJson(copy));
    }
    return out;
  }
}
