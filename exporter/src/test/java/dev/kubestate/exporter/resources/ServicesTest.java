package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service behaviour stated by ksm-metrics.tsv. */
class ServicesTest {

  private final KindRendering<Service> rendering = new KindRendering<>(new Services());

  @Test
  void rendersEmptyServiceWithoutFailures() {
    List<String> lines = rendering.allLines(new Service());

    assertEquals(List.of(), rendering.failures());
    assertTrue(
        lines.contains("kube_service_spec_type{namespace=\"\",service=\"\",uid=\"\",type=\"\"} 1"),
        lines::toString);
  }

  @Test
  void writesOneSamplePerLoadBalancerIngress() {
    Service s =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web")
            .withUid("u1")
            .endMetadata()
            .withNewStatus()
            .withNewLoadBalancer()
            .addNewIngress()
            .withIp("192.0.2.10")
            .endIngress()
            .addNewIngress()
            .withHostname("lb.example.com")
            .endIngress()
            .endLoadBalancer()
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_service_status_load_balancer_ingress{namespace=\"ns\",service=\"web\","
                + "uid=\"u1\",ip=\"192.0.2.10\",hostname=\"\"} 1",
            "kube_service_status_load_balancer_ingress{namespace=\"ns\",service=\"web\","
                + "uid=\"u1\",ip=\"\",hostname=\"lb.example.com\"} 1"),
        rendering.lines(s, "kube_service_status_load_balancer_ingress"));
  }
}
