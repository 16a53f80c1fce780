package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deployment behaviour stated by ksm-metrics.tsv and ksm-behaviour.md 14. */
class DeploymentsTest {

  private static final String MAX_UNAVAILABLE =
      "kube_deployment_spec_strategy_rollingupdate_max_unavailable";
  private static final String MAX_SURGE = "kube_deployment_spec_strategy_rollingupdate_max_surge";
  private static final String IDENTITY = "{namespace=\"ns\",deployment=\"d\"}";

  private final KindRendering<Deployment> rendering = new KindRendering<>(new Deployments());

  private static DeploymentBuilder named() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("d")
        .endMetadata();
  }

  private static Deployment rolling(Integer replicas, Object maxUnavailable, Object maxSurge) {
    return named()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewStrategy()
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(maxUnavailable))
        .withMaxSurge(new IntOrString(maxSurge))
        .endRollingUpdate()
        .endStrategy()
        .endSpec()
        .build();
  }

  @Test
  void rendersEmptyDeploymentWithoutFailures() {
    List<String> lines = rendering.allLines(new Deployment());

    assertEquals(List.of(), rendering.failures());
    assertTrue(
        lines.contains("kube_deployment_status_replicas{namespace=\"\",deployment=\"\"} 0"),
        lines::toString);
  }

  @ParameterizedTest
  @CsvSource({
    "10, 25%, 25%, 2, 3",
    "3, 33%, 33%, 0, 1",
    "4, 50%, 50%, 2, 2",
    "0, 25%, 25%, 0, 0",
    "7, 100%, 0%, 7, 0"
  })
  void resolvesPercentagesDownForUnavailableAndUpForSurge(
      int replicas,
      String unavailable,
      String surge,
      String expectUnavailable,
      String expectSurge) {
    Deployment d = rolling(replicas, unavailable, surge);

    assertEquals(
        List.of(MAX_UNAVAILABLE + IDENTITY + " " + expectUnavailable),
        rendering.lines(d, MAX_UNAVAILABLE));
    assertEquals(List.of(MAX_SURGE + IDENTITY + " " + expectSurge), rendering.lines(d, MAX_SURGE));
  }

  @Test
  void takesIntegersAsIsWhateverTheReplicas() {
    Deployment d = rolling(1, 4, 0);

    assertEquals(List.of(MAX_UNAVAILABLE + IDENTITY + " 4"), rendering.lines(d, MAX_UNAVAILABLE));
    assertEquals(List.of(MAX_SURGE + IDENTITY + " 0"), rendering.lines(d, MAX_SURGE));
  }

  @Test
  void reportsAStringThatIsNotAPercentageAndEmitsNothing() {
    Deployment d = rolling(3, "2", "+50%");

    assertEquals(List.of(), rendering.lines(d, MAX_UNAVAILABLE));
    assertEquals(List.of(MAX_SURGE + IDENTITY + " 2"), rendering.lines(d, MAX_SURGE));
    assertFalse(rendering.failures().isEmpty());
    assertTrue(
        rendering.failures().stream().allMatch(f -> f.contains(MAX_UNAVAILABLE + ": ")),
        rendering.failures()::toString);
  }

  @Test
  void emitsNoRollingUpdateValuesForRecreateStrategy() {
    Deployment d =
        named()
            .withNewSpec()
            .withReplicas(3)
            .withNewStrategy()
            .withType("Recreate")
            .endStrategy()
            .endSpec()
            .build();

    assertEquals(List.of(), rendering.lines(d, MAX_UNAVAILABLE));
    assertEquals(List.of(), rendering.lines(d, MAX_SURGE));
  }

  @Test
  void writesOwnersWithoutControllerLabel() {
    Deployment d =
        named()
            .editMetadata()
            .addNewOwnerReference()
            .withKind("Rollout")
            .withName("r1")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .build();

    assertEquals(
        List.of(
            "kube_deployment_owner{namespace=\"ns\",deployment=\"d\",owner_kind=\"Rollout\","
                + "owner_name=\"r1\"} 1"),
        rendering.lines(d, "kube_deployment_owner"));
  }

  @Test
  void writesConditionLabelsReasonConditionStatus() {
    Deployment d =
        named()
            .withNewStatus()
            .addNewCondition()
            .withType("Progressing")
            .withStatus("True")
            .withReason("DeploymentPaused")
            .endCondition()
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_deployment_status_condition{namespace=\"ns\",deployment=\"d\","
                + "reason=\"DeploymentPaused\",condition=\"Progressing\",status=\"true\"} 1",
            "kube_deployment_status_condition{namespace=\"ns\",deployment=\"d\","
                + "reason=\"DeploymentPaused\",condition=\"Progressing\",status=\"false\"} 0",
            "kube_deployment_status_condition{namespace=\"ns\",deployment=\"d\","
                + "reason=\"DeploymentPaused\",condition=\"Progressing\",status=\"unknown\"} 0"),
        rendering.lines(d, "kube_deployment_status_condition"));
  }

  @Test
  void emitsNoTerminatingReplicasWhenUnset() {
    Deployment d = named().withNewStatus().withReplicas(2).endStatus().build();

    assertEquals(List.of(), rendering.lines(d, "kube_deployment_status_terminating_replicas"));
    assertEquals(
        List.of("kube_deployment_status_replicas" + IDENTITY + " 2"),
        rendering.lines(d, "kube_deployment_status_replicas"));
  }
}
