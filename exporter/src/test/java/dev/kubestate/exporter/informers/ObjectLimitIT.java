package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --object-limit} (reference/ksm-flags.tsv): a LIST keeps at most N objects, watch events
 * are not limited, and KSM's {@code kube_state_metrics_list_objects} and {@code
 * kube_state_metrics_list_objects_limit} show it per resource (Go type name).
 */
@ExtendWith(CrudApiServer.class)
class ObjectLimitIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final int LISTED = 7;
  private static final int LIMIT = 3;

  @BeforeAll
  static void seed() {
    for (int i = 0; i < LISTED; i++) {
      create("listed-" + i);
    }
  }

  @Test
  void aListKeepsAtMostTheLimitAndWatchEventsAreNotLimited() throws Exception {
    ClusterWatch limited =
        new ClusterWatch(client.getConfiguration(), List.of(), List.of(), NodeScope.all(), false,
            LIMIT);
    try (Exporter exporter =
        Exporter.start(
            TestExporters.watching(
                TestExporters.config(client.getConfiguration(), "--resources=namespaces"),
                limited))) {
      Await.until("synced", exporter::isSynced, s -> s);
      // What the LIST kept; the store itself cannot show it here, since the test server starts
      // every watch with an ADDED event per object (SelectingDispatcher, "Not faithful"), and
      // watch events are not limited. LimitedListTest checks the cut itself.
      String telemetry = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
      assertTrue(
          telemetry.contains(
              "# HELP kube_state_metrics_list_objects Number of resources listed in"
                  + " kube-state-metrics\n"),
          telemetry);
      assertTrue(
          telemetry.contains(
              "# HELP kube_state_metrics_list_objects_limit Number of resource list limit in"
                  + " kube-state-metrics\n"),
          telemetry);
      assertEquals(LIMIT, value(telemetry, "kube_state_metrics_list_objects"));
      assertEquals(LIMIT, value(telemetry, "kube_state_metrics_list_objects_limit"));

      String uid = create("watched-after-sync");
      Await.until(
          "a watched namespace beyond the limit served",
          exporter::heldUids,
          uids -> uids.contains(uid) && uids.size() > LIMIT);
    }
  }

  @Test
  void withoutALimitEverythingIsListedAndTheSeriesAreAbsent() throws Exception {
    try (Exporter exporter =
        Exporter.start(
            TestExporters.config(client.getConfiguration(), "--resources=namespaces"))) {
      Await.until("synced", exporter::isSynced, s -> s);
      assertTrue(exporter.heldUids().size() >= LISTED, "held " + exporter.heldUids().size());
      String telemetry = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
      assertFalse(telemetry.contains("kube_state_metrics_list_objects"), telemetry);
    }
  }

  private static String create(String name) {
    return client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create()
        .getMetadata()
        .getUid();
  }

  private static double value(String body, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name + "{resource=\"*v1.Namespace\"}") + " (\\S+)$")
            .matcher(body);
    assertTrue(m.find(), name + " in\n" + body);
    return Double.parseDouble(m.group(1));
  }
}
