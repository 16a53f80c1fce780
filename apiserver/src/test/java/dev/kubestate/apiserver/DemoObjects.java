package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.List;
import java.util.Map;

/** A few objects of kinds kubectl users reach for: namespace, node, pods, workloads, RBAC. */
final class DemoObjects {

  static final String NAMESPACE = "shop";

  private DemoObjects() {}

  static List<HasMetadata> some() {
    Map<String, String> web = Map.of("app", "web");
    return List.of(
        new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build(),
        new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build(),
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .withNewSelector()
            .withMatchLabels(web)
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("In")
            .withValues("front", "edge")
            .endMatchExpression()
            .endSelector()
            .endSpec()
            .withNewStatus()
            .withReplicas(2)
            .endStatus()
            .build(),
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("api")
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .endSpec()
            .build(),
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName("api")
            .withNamespace(NAMESPACE)
            .endMetadata()
            .build(),
        new ClusterRoleBuilder().withNewMetadata().withName("reader").endMetadata().build(),
        pod("web-0"),
        pod("web-1"));
  }

  static HasMetadata pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withLabels(Map.of("app", "web"))
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }
}
