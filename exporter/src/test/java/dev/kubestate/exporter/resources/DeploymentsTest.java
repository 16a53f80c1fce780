package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the behaviour cases cannot see: a malformed rolling-update value is reported as a failure
 * of its own family, so it is logged and counted. The lines themselves are in {@code
 * behaviour/deployments/04-rollingupdate-string-not-percentage.yaml}.
 */
class DeploymentsTest {

  @Test
  void reportsAStringThatIsNotAPercentageAsAFailureOfItsFamilyOnly() {
    List<String> failures = new ArrayList<>();
    KindRenderer<Deployment> renderer =
        new KindRenderer<>(
            new Deployments(),
            ResourceOptions.defaults(),
            FamilyFilter.DEFAULT,
            (resource, family, object, error) -> failures.add(resource + " " + family),
            ObjectNames::describe);
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("d")
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .withNewStrategy()
            .withNewRollingUpdate()
            .withMaxUnavailable(new IntOrString("2"))
            .withMaxSurge(new IntOrString("50%"))
            .endRollingUpdate()
            .endStrategy()
            .endSpec()
            .build();

    renderer.render(d);

    assertEquals(
        List.of("deployments kube_deployment_spec_strategy_rollingupdate_max_unavailable"),
        failures);
  }
}
