package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Services in front of synthetic deployments: mostly ClusterIP, some NodePort, LoadBalancer (with
 * an ingress hostname) and headless ones; a fifth of the team services ask for topology-aware
 * routing ({@value #TOPOLOGY_MODE} {@code Auto}). Stateless.
 */
final class SyntheticServices {

  /** The annotation that asks the EndpointSlice controller for zone hints. */
  static final String TOPOLOGY_MODE = "service.kubernetes.io/topology-mode";

  private SyntheticServices() {}

  /** A service selecting the pods of {@code deployment}, of a type drawn from the mix. */
  static Service generate(ClusterRandom random, Deployment deployment) {
    int roll = random.below(100);
    String type =
        roll < 70 ? "ClusterIP" : roll < 80 ? "NodePort" : roll < 90 ? "LoadBalancer" : "Headless";
    Service s =
        service(
            random,
            deployment.getMetadata().getNamespace(),
            deployment.getMetadata().getName(),
            type,
            deployment.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"),
            deployment.getMetadata().getCreationTimestamp());
    if (random.chance(0.2)) {
      s.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(TOPOLOGY_MODE, "Auto")));
    }
    return s;
  }

  /**
   * A service of {@code type} ({@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code
   * Headless}: a ClusterIP service with cluster IP {@code None}); {@code app} selects pods by
   * {@code app.kubernetes.io/name}, null for no selector.
   */
  static Service service(
      ClusterRandom random,
      String namespace,
      String name,
      String type,
      String app,
      String created) {
    return service(
        random,
        namespace,
        name,
        type,
        app,
        created,
        "http",
        type.equals("Headless") ? 8080 : 80,
        8080);
  }

  /**
   * As {@link #service(ClusterRandom, String, String, String, String, String)}, with one TCP port
   * {@code portName} of number {@code port} forwarding to {@code targetPort} on the pods.
   */
  static Service service(
      ClusterRandom random,
      String namespace,
      String name,
      String type,
      String app,
      String created,
      String portName,
      int port,
      int targetPort) {
    boolean headless = type.equals("Headless");
    String clusterIp =
        headless ? "None" : "172.20." + random.below(256) + "." + random.between(1, 254);
    ServicePortBuilder servicePort =
        new ServicePortBuilder()
            .withName(portName)
            .withProtocol("TCP")
            .withPort(port)
            .withTargetPort(new IntOrString(targetPort));
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      servicePort.withNodePort(random.between(30000, 32767));
    }
    ServiceBuilder s =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withUid(random.uid())
            .withCreationTimestamp(created)
            .addToLabels("app.kubernetes.io/name", name)
            .endMetadata()
            .withNewSpec()
            .withType(headless ? "ClusterIP" : type)
            .withClusterIP(clusterIp)
            .withClusterIPs(clusterIp)
            .withPorts(servicePort.build())
            .withSessionAffinity("None")
            .withIpFamilies("IPv4")
            .withIpFamilyPolicy("SingleStack")
            .withInternalTrafficPolicy("Cluster")
            .endSpec();
    if (app != null) {
      s.editSpec().addToSelector("app.kubernetes.io/name", app).endSpec();
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      s.editSpec().withExternalTrafficPolicy("Cluster").endSpec();
    }
    if (type.equals("LoadBalancer")) {
      s.withNewStatus()
          .withNewLoadBalancer()
          .addNewIngress()
          .withHostname(loadBalancerHostname(random))
          .endIngress()
          .endLoadBalancer()
          .endStatus();
    }
    return s.build();
  }

  /** The DNS name AWS gives a classic load balancer. */
  private static String loadBalancerHostname(ClusterRandom random) {
    return "a"
        + random.hex(31)
        + "-"
        + random.between(100000, 999999)
        + ".elb."
        + SyntheticNodes.REGION
        + ".amazonaws.com";
  }
}
