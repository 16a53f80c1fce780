package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the behaviour cases cannot see: a malformed rolling-update value gives no sample of its
 * family, as KSM's error path returns an empty family, and is no generator failure. The lines
 * themselves are in {@code behaviour/deployments/04-rollingupdate-string-not-percentage.yaml}.
 */
class DeploymentsTest {

  @Test
  void aStringThatIsNotAPercentageGivesNoSampleAndNoFailure() {
    KindRendering<Deployment> rendering = new KindRendering<>(new Deployments());
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

    assertEquals(
        List.of(),
        rendering.lines(d, "kube_deployment_spec_strategy_rollingupdate_max_unavailable"));
    // 50% of 3 replicas, rounded up for maxSurge (ksm-behaviour.md)
    assertEquals(
        List.of(
            "kube_deployment_spec_strategy_rollingupdate_max_surge{namespace=\"ns\","
                + "deployment=\"d\"} 2"),
        rendering.lines(d, "kube_deployment_spec_strategy_rollingupdate_max_surge"));
    assertEquals(List.of(), rendering.failures());
  }
}
