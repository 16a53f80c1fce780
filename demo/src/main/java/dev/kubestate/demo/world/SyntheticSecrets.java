package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Secrets of a synthetic cluster but service-account tokens (see {@link SyntheticConfig}): per
 * team namespace the registry pull secret its default service account names; an Opaque credentials
 * Secret for about three team deployments in ten; a {@code kubernetes.io/tls} Secret per Ingress
 * TLS entry, as cert-manager keeps them; the add-ons' webhook certificates, Helm's release records,
 * Grafana's admin credentials and a bootstrap token. Every value is base64 of {@link
 * StandInCredentials} material, never a real credential. Stateless.
 */
final class SyntheticSecrets {

  /** The pull secret every team namespace has, named by its default service account. */
  static final String REGISTRY_CREDENTIALS = "registry-credentials";

  /** The annotation {@code kubectl apply} writes; on a Secret it holds the Secret's values. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final String REGISTRY = "registry.example.com";

  /** Helm releases of the add-ons: namespace, release name, chart version, revisions. */
  private record Release(String namespace, String name, String chart, int revisions) {}

  private static final List<Release> RELEASES =
      List.of(
          new Release("ingress-nginx", "ingress-nginx", "ingress-nginx-4.11.3", 4),
          new Release("cert-manager", "cert-manager", "cert-manager-v1.16.1", 2),
          new Release(
              "kube-system",
              "aws-load-balancer-controller",
              "aws-load-balancer-controller-1.10.0",
              3),
          new Release("monitoring", "kube-prometheus-stack", "kube-prometheus-stack-65.1.1", 6));

  private SyntheticSecrets() {}

  static List<Secret> generate(
      ClusterRandom random,
      List<Namespace> namespaces,
      List<Deployment> deployments,
      List<Ingress> ingresses) {
    List<Secret> out = new ArrayList<>();
    String clusterBirth = namespaces.get(0).getMetadata().getCreationTimestamp();
    addRegistryCredentials(random, namespaces, out);
    addAppCredentials(random, deployments, out);
    addIngressCertificates(random, ingresses, out);
    addAddOnSecrets(random, clusterBirth, out);
    addHelmReleases(random, out);
    return out;
  }

  /** A pull secret for the team registry in every team namespace. */
  private static void addRegistryCredentials(
      ClusterRandom random, List<Namespace> namespaces, List<Secret> out) {
    for (Namespace n : namespaces) {
      String ns = n.getMetadata().getName();
      if (ns.startsWith("team-")) {
        String team = ns.substring(5);
        String auth = random.hex(40);
        String config =
            "{\"auths\":{\""
                + REGISTRY
                + "\":{\"username\":\"robot$"
                + team
                + "\",\"password\":\""
                + auth
                + "\",\"auth\":\""
                + StandInCredentials.base64("robot$" + team + ":" + auth)
                + "\"}}}";
        out.add(
            secret(
                random,
                ns,
                REGISTRY_CREDENTIALS,
                "kubernetes.io/dockerconfigjson",
                Map.of(".dockerconfigjson", StandInCredentials.base64(config)),
                after(n.getMetadata().getCreationTimestamp(), random.between(5, 60))));
      }
    }
  }

  /** Credentials of about 30% of the team Deployments, applied with kubectl. */
  private static void addAppCredentials(
      ClusterRandom random, List<Deployment> deployments, List<Secret> out) {
    for (Deployment d : deployments) {
      if (d.getMetadata().getNamespace().startsWith("team-") && random.chance(0.3)) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("DATABASE_PASSWORD", StandInCredentials.randomValue(random, 32));
        data.put("API_KEY", StandInCredentials.randomValue(random, 40));
        if (random.chance(0.5)) {
          data.put("SESSION_SECRET", StandInCredentials.randomValue(random, 64));
        }
        Secret s =
            secret(
                random,
                d.getMetadata().getNamespace(),
                d.getMetadata().getName() + "-credentials",
                "Opaque",
                data,
                d.getMetadata().getCreationTimestamp());
        s.getMetadata().setLabels(new LinkedHashMap<>(d.getMetadata().getLabels()));
        s.getMetadata().setAnnotations(Map.of(LAST_APPLIED, lastApplied(s)));
        out.add(s);
      }
    }
  }

  /** One certificate per TLS Secret the Ingresses name. */
  private static void addIngressCertificates(
      ClusterRandom random, List<Ingress> ingresses, List<Secret> out) {
    Set<String> tls = new HashSet<>();
    for (Ingress i : ingresses) {
      if (i.getSpec().getTls() == null) {
        continue;
      }
      for (IngressTLS t : i.getSpec().getTls()) {
        String ns = i.getMetadata().getNamespace();
        if (tls.add(ns + "/" + t.getSecretName())) {
          out.add(
              certificate(random, ns, t.getSecretName(), i.getMetadata().getCreationTimestamp()));
        }
      }
    }
  }

  /** The add-ons' certificates and credentials, and a bootstrap token. */
  private static void addAddOnSecrets(ClusterRandom random, String clusterBirth, List<Secret> out) {
    out.add(certificate(random, "cert-manager", "cert-manager-webhook-ca", clusterBirth));
    out.add(certificate(random, "kube-system", "aws-load-balancer-tls", clusterBirth));
    out.add(
        secret(
            random,
            "ingress-nginx",
            "ingress-nginx-admission",
            "Opaque",
            Map.of(
                "ca", StandInCredentials.base64(StandInCredentials.certificate(random)),
                "cert", StandInCredentials.base64(StandInCredentials.certificate(random)),
                "key", StandInCredentials.base64(StandInCredentials.privateKey(random))),
            clusterBirth));
    out.add(
        secret(
            random,
            "monitoring",
            "grafana-admin-credentials",
            "Opaque",
            Map.of(
                "admin-user", StandInCredentials.base64("admin"),
                "admin-password", StandInCredentials.randomValue(random, 24)),
            clusterBirth));
    String tokenId = random.suffix(6);
    out.add(
        secret(
            random,
            "kube-system",
            "bootstrap-token-" + tokenId,
            "bootstrap.kubernetes.io/token",
            Map.of(
                "token-id", StandInCredentials.base64(tokenId),
                "token-secret", StandInCredentials.randomValue(random, 16),
                "usage-bootstrap-authentication", StandInCredentials.base64("true"),
                "usage-bootstrap-signing", StandInCredentials.base64("true"),
                "expiration", StandInCredentials.base64(ClusterRandom.after(20 * 3600))),
            ClusterRandom.before(4 * 3600)));
  }

  /** Helm's release records: the last two revisions of every release. */
  private static void addHelmReleases(ClusterRandom random, List<Secret> out) {
    for (Release r : RELEASES) {
      // Installed 60 to 200 days ago, upgraded weekly since.
      long installed = random.between(60 * 86400, 200 * 86400);
      for (int v = Math.max(1, r.revisions() - 1); v <= r.revisions(); v++) {
        Secret s =
            secret(
                random,
                r.namespace(),
                "sh.helm.release.v1." + r.name() + ".v" + v,
                "helm.sh/release.v1",
                Map.of("release", StandInCredentials.randomValue(random, 512)),
                ClusterRandom.before(installed - (v - 1) * 7L * 86400));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("name", r.name());
        labels.put("owner", "helm");
        labels.put("status", v == r.revisions() ? "deployed" : "superseded");
        labels.put("version", Integer.toString(v));
        s.getMetadata().setLabels(labels);
        out.add(s);
      }
    }
  }

  /** A {@code kubernetes.io/tls} Secret of a stand-in certificate, key and CA. */
  private static Secret certificate(
      ClusterRandom random, String namespace, String name, String created) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ca.crt", StandInCredentials.base64(StandInCredentials.certificate(random)));
    data.put("tls.crt", StandInCredentials.base64(StandInCredentials.certificate(random)));
    data.put("tls.key", StandInCredentials.base64(StandInCredentials.privateKey(random)));
    Secret s = secret(random, namespace, name, "kubernetes.io/tls", data, created);
    s.getMetadata()
        .setAnnotations(
            new LinkedHashMap<>(
                Map.of(
                    "cert-manager.io/certificate-name",
                    name,
                    "cert-manager.io/issuer-kind",
                    "ClusterIssuer")));
    return s;
  }

  /**
   * What {@code kubectl apply} leaves in {@link #LAST_APPLIED}: the applied manifest, values
   * included.
   */
  private static String lastApplied(Secret s) {
    Secret applied =
        new SecretBuilder()
            .withNewMetadata()
            .withName(s.getMetadata().getName())
            .withNamespace(s.getMetadata().getNamespace())
            .endMetadata()
            .withType(s.getType())
            .withData(s.getData())
            .build();
    return JSON.asJson(applied);
  }

  /** A Secret of {@code type} holding {@code data} (already base64), created {@code created}. */
  static Secret secret(
      ClusterRandom random,
      String namespace,
      String name,
      String type,
      Map<String, String> data,
      String created) {
    return new SecretBuilder()
        .withMetadata(random.meta(namespace, name, created))
        .withType(type)
        .withData(new TreeMap<>(data))
        .build();
  }

  /** {@code seconds} after the RFC 3339 time {@code t}. */
  static String after(String t, long seconds) {
    return Instant.parse(t).plusSeconds(seconds).toString();
  }
}
