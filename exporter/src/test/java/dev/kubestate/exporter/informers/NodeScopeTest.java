package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KSM's node selection (reference/ksm-behaviour.md sections 7 and 8.3), applied on the client. */
class NodeScopeTest {

  private static Pod podOn(String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withUid("u")
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .build();
  }

  @Test
  void trackUnscheduledPodsWinsOverNode() {
    assertEquals(NodeScope.unscheduled(), NodeScope.of("node-1", true));
    assertEquals("", NodeScope.of("node-1", true).nodeName());
  }

  @Test
  void emptyNodeSelectsEveryPod() {
    assertEquals(NodeScope.all(), NodeScope.of("", false));
    assertEquals(NodeScope.all(), NodeScope.of(null, false));
    assertFalse(NodeScope.all().restricts());
    assertThrows(IllegalStateException.class, () -> NodeScope.all().nodeName());
  }

  @Test
  void nodeScopeAdmitsOnlyPodsBoundToThatNode() {
    NodeScope scope = NodeScope.of("node-1", false);
    assertTrue(scope.restricts());
    assertEquals("node-1", scope.nodeName());
    assertTrue(scope.admits(podOn("node-1")));
    assertFalse(scope.admits(podOn("node-2")));
    assertFalse(scope.admits(podOn(null)));
    assertFalse(scope.admits(new Pod()));
  }

  @Test
  void unscheduledScopeAdmitsPodsWithoutNodeOnly() {
    NodeScope scope = NodeScope.unscheduled();
    assertTrue(scope.admits(podOn(null)));
    assertTrue(scope.admits(podOn("")));
    assertTrue(scope.admits(new Pod()));
    assertFalse(scope.admits(podOn("node-1")));
  }

  @Test
  void restrictingScopeRejectsWhatIsNotAPod() {
    assertFalse(NodeScope.of("node-1", false).admits(new Namespace()));
    assertFalse(NodeScope.unscheduled().admits(null));
    assertTrue(NodeScope.all().admits(new Namespace()));
    assertTrue(NodeScope.all().admits(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a,spec.nodeName=b", "Node-1", "node 1", "-node", "node-", "a!=b"})
  void rejectsWhatIsNotANodeName(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NodeScope.of(name, false));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"node-1", "ip-10-0-0-1.eu-west-1.compute.internal", "0"})
  void acceptsNodeNames(String name) {
    assertEquals(name, NodeScope.of(name, false).nodeName());
  }
}
