package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingress classes and Ingresses of a synthetic cluster: ingress-nginx's class, the default, and the
 * AWS load balancer controller's; Grafana's Ingress and one for about a fifth of the team services
 * that speak HTTP on port 80. The first team Ingress still names its class by the legacy {@code
 * kubernetes.io/ingress.class} annotation; nginx Ingresses mostly terminate TLS with a certificate
 * cert-manager keeps in a Secret named in {@code spec.tls}, ALB Ingresses with an ACM certificate
 * named in an annotation. Every backend is an existing service's port; statuses carry the load
 * balancer's hostname. Stateless.
 */
final class SyntheticIngresses {

  static final String NGINX = "nginx";
  static final String ALB = "alb";
  static final String DOMAIN = "example.com";

  private static final String LEGACY_CLASS = "kubernetes.io/ingress.class";

  /** AWS's documentation account number: the ARNs name no real account. */
  private static final String ACCOUNT = "111122223333";

  private SyntheticIngresses() {}

  /** The nginx class (default) and the ALB class, created {@code created}. */
  static List<IngressClass> classes(ClusterRandom random, String created) {
    return List.of(
        new IngressClassBuilder()
            .withNewMetadata()
            .withName(NGINX)
            .withUid(random.uid())
            .withCreationTimestamp(created)
            .addToLabels("app.kubernetes.io/name", "ingress-nginx")
            .addToLabels("app.kubernetes.io/component", "controller")
            .addToAnnotations("ingressclass.kubernetes.io/is-default-class", "true")
            .endMetadata()
            .withNewSpec()
            .withController("k8s.io/ingress-nginx")
            .endSpec()
            .build(),
        new IngressClassBuilder()
            .withNewMetadata()
            .withName(ALB)
            .withUid(random.uid())
            .withCreationTimestamp(created)
            .addToLabels("app.kubernetes.io/name", "aws-load-balancer-controller")
            .endMetadata()
            .withNewSpec()
            .withController("ingress.k8s.aws/alb")
            .withNewParameters()
            .withApiGroup("elbv2.k8s.aws")
            .withKind("IngressClassParams")
            .withName(ALB)
            .endParameters()
            .endSpec()
            .build());
  }

  /**
   * Grafana's Ingress (when {@code services} has the service {@code monitoring/grafana}) and
   * Ingresses for some team services; nginx ones report {@code nginxHostname} (null: no address
   * yet).
   */
  static List<Ingress> ingresses(
      ClusterRandom random, List<Service> services, String nginxHostname) {
    List<Ingress> out = new ArrayList<>();
    int team = 0;
    for (Service s : services) {
      String ns = s.getMetadata().getNamespace();
      if (ns.equals("monitoring") && s.getMetadata().getName().equals("grafana")) {
        out.add(nginx(random, s, "grafana." + DOMAIN, true, false, nginxHostname));
      } else if (ns.startsWith("team-") && speaksHttp(s) && random.chance(0.2)) {
        String host = s.getMetadata().getName() + "." + DOMAIN;
        out.add(
            team > 0 && random.chance(0.25)
                ? alb(random, s, host)
                : nginx(random, s, host, random.chance(0.6), team == 0, nginxHostname));
        team++;
      }
    }
    return List.copyOf(out);
  }

  private static boolean speaksHttp(Service s) {
    return !"None".equals(s.getSpec().getClusterIP())
        && s.getSpec().getPorts().get(0).getPort() == 80;
  }

  private static Ingress nginx(
      ClusterRandom random, Service s, String host, boolean tls, boolean legacy, String hostname) {
    IngressBuilder i = base(random, s, host);
    if (legacy) {
      i.editMetadata().addToAnnotations(LEGACY_CLASS, NGINX).endMetadata();
    } else {
      i.editSpec().withIngressClassName(NGINX).endSpec();
    }
    if (tls) {
      i.editMetadata()
          .addToAnnotations("cert-manager.io/cluster-issuer", "letsencrypt-prod")
          .endMetadata()
          .editSpec()
          .addNewTl()
          .withHosts(host)
          .withSecretName(s.getMetadata().getName() + "-tls")
          .endTl()
          .endSpec();
    }
    if (hostname != null) {
      i.withNewStatus()
          .withNewLoadBalancer()
          .addNewIngress()
          .withHostname(hostname)
          .endIngress()
          .endLoadBalancer()
          .endStatus();
    }
    return i.build();
  }

  private static Ingress alb(ClusterRandom random, Service s, String host) {
    String ns = s.getMetadata().getNamespace();
    String name = s.getMetadata().getName();
    String hostname =
        "k8s-"
            + truncate(ns.replace("-", ""), 8)
            + "-"
            + truncate(name.replace("-", ""), 8)
            + "-"
            + random.hex(10)
            + "-"
            + random.between(100000000, 999999999)
            + "."
            + SyntheticNodes.REGION
            + ".elb.amazonaws.com";
    return base(random, s, host)
        .editMetadata()
        .addToAnnotations("alb.ingress.kubernetes.io/scheme", "internet-facing")
        .addToAnnotations("alb.ingress.kubernetes.io/target-type", "ip")
        .addToAnnotations(
            "alb.ingress.kubernetes.io/certificate-arn",
            "arn:aws:acm:" + SyntheticNodes.REGION + ":" + ACCOUNT + ":certificate/" + random.uid())
        .endMetadata()
        .editSpec()
        .withIngressClassName(ALB)
        .endSpec()
        .withNewStatus()
        .withNewLoadBalancer()
        .addNewIngress()
        .withHostname(hostname)
        .endIngress()
        .endLoadBalancer()
        .endStatus()
        .build();
  }

  /** An Ingress routing every path of {@code host} to the first port of {@code s}. */
  private static IngressBuilder base(ClusterRandom random, Service s, String host) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName(s.getMetadata().getName())
        .withNamespace(s.getMetadata().getNamespace())
        .withUid(random.uid())
        .withCreationTimestamp(s.getMetadata().getCreationTimestamp())
        .withGeneration(1L)
        .withLabels(s.getMetadata().getLabels())
        .endMetadata()
        .withNewSpec()
        .addNewRule()
        .withHost(host)
        .withNewHttp()
        .addNewPath()
        .withPath("/")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(s.getMetadata().getName())
        .withNewPort()
        .withNumber(s.getSpec().getPorts().get(0).getPort())
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .endSpec();
  }

  private static String truncate(String s, int length) {
    return s.length() <= length ? s : s.substring(0, length);
  }
}
