package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The sharding Role grants what automatic sharding requests (PodShard, FleetWatch) and no more:
 * get, list and watch of the one StatefulSet by name (the fleet watch's LIST and WATCH select
 * metadata.name, which the API server authorizes as that object), and get of pods, which cannot be
 * narrowed by name because the pod names grow with the replicas (role.yaml says why).
 */
class ShardingRoleTest {

  @Test
  void grantsTheStatefulSetByNameAndPodsByGet() throws Exception {
    RenderedManifests base = RenderedManifests.base();
    Role role = base.get(Role.class, "kube-state-exporter-sharding");
    Map<String, String> granted = new TreeMap<>();
    for (PolicyRule rule : role.getRules()) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          granted.put(
              (group.isEmpty() ? "core" : group) + "/" + resource,
              rule.getVerbs() + " names " + rule.getResourceNames());
        }
      }
    }
    String statefulSet = base.statefulSet().getMetadata().getName();
    assertEquals(
        Map.of(
            "core/pods", List.of("get") + " names " + List.of(),
            "apps/statefulsets",
                List.of("get", "list", "watch") + " names " + List.of(statefulSet)),
        granted);
  }
}
