package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ingress objects the API server rejects but the exporter must still render without failing. */
class IngressesTest {

  private final KindRendering<Ingress> rendering = new KindRendering<>(new Ingresses());

  @Test
  void readsBackendWithoutServiceOrResourceAsEmptyResourceBackend() {
    // KSM dereferences the missing resource backend and panics; we write an empty one instead.
    Ingress i =
        new IngressBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .addNewRule()
            .withHost("h")
            .withNewHttp()
            .addNewPath()
            .withPath("/")
            .endPath()
            .endHttp()
            .endRule()
            .endSpec()
            .build();

    assertEquals(
        List.of(
            "kube_ingress_path{namespace=\"ns\",ingress=\"web\",host=\"h\",path=\"/\","
                + "path_type=\"\",resource_api_group=\"\",resource_kind=\"\","
                + "resource_name=\"\"} 1"),
        rendering.lines(i, "kube_ingress_path"));
    assertEquals(List.of(), rendering.failures());
  }

  @Test
  void readsNullRuleAndPathAsZeroStructs() {
    HTTPIngressRuleValue http = new HTTPIngressRuleValue();
    http.setPaths(Arrays.asList((HTTPIngressPath) null));
    IngressRule rule = new IngressRule();
    rule.setHttp(http);
    IngressSpec spec = new IngressSpec();
    spec.setRules(Arrays.asList(null, rule));
    Ingress i = new IngressBuilder().withNewMetadata().withName("web").endMetadata().build();
    i.setSpec(spec);

    assertEquals(
        List.of(
            "kube_ingress_path{namespace=\"\",ingress=\"web\",host=\"\",path=\"\","
                + "path_type=\"\",resource_api_group=\"\",resource_kind=\"\","
                + "resource_name=\"\"} 1"),
        rendering.lines(i, "kube_ingress_path"));
    assertEquals(List.of(), rendering.failures());
  }
}
