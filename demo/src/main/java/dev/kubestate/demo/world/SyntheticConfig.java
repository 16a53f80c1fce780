package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of a synthetic cluster: ConfigMaps ({@code kube-root-ca.crt} in every namespace,
 * the system components' and add-ons' configuration, the admission policies' parameters, and a
 * config for about two team deployments in five), Secrets ({@link SyntheticSecrets}, plus the
 * long-lived token Secrets of two service accounts that still use them), and ServiceAccounts:
 * {@code default} in every namespace (in team namespaces naming the registry pull secret), then
 * every other account a pod template runs as or a role binding names. Data values are stand-ins
 * ({@link StandInCredentials}). Immutable.
 *
 * @param configMaps config maps
 * @param secrets secrets, token secrets last
 * @param serviceAccounts service accounts, each namespace's default first
 */
public record SyntheticConfig(
    List<ConfigMap> configMaps, List<Secret> secrets, List<ServiceAccount> serviceAccounts) {

  /** A service account something runs as or is bound to, and when it was first needed. */
  record AccountUse(String namespace, String name, String since) {}

  /** The config map of the cluster CA, which every namespace has. */
  static final String ROOT_CA = "kube-root-ca.crt";

  /** System config maps: namespace, name, data keys (values are generated). */
  private static final String[][] SYSTEM_MAPS = {
    {"kube-system", "coredns", "Corefile"},
    {"kube-system", "kube-proxy", "config"},
    {"kube-system", "kube-proxy-config", "config"},
    {"kube-system", "aws-auth", "mapRoles"},
    {"kube-system", "amazon-vpc-cni", "enable-network-policy-controller"},
    {"kube-system", "extension-apiserver-authentication", "client-ca-file"},
    {"kube-public", "cluster-info", "kubeconfig"},
    {"monitoring", "grafana-dashboard-k8s-resources-cluster", "k8s-resources-cluster.json"},
    {"monitoring", "grafana-dashboard-nodes", "nodes.json"},
    {"monitoring", "prometheus-k8s-rulefiles-0", "monitoring-kubernetes-rules.yaml"},
    {"ingress-nginx", "ingress-nginx-controller", "allow-snippet-annotations"}
  };

  public SyntheticConfig {
    configMaps = List.copyOf(configMaps);
    secrets = List.copyOf(secrets);
    serviceAccounts = List.copyOf(serviceAccounts);
  }

  /**
   * The configuration of a cluster of {@code namespaces} whose workloads and bindings need the
   * accounts {@code uses}, with {@code deployments} and {@code ingresses}.
   */
  static SyntheticConfig generate(
      ClusterRandom random,
      List<Namespace> namespaces,
      List<AccountUse> uses,
      List<Deployment> deployments,
      List<Ingress> ingresses) {
    List<ConfigMap> maps = new ArrayList<>();
    for (Namespace n : namespaces) {
      Map<String, String> annotations =
          Map.of(
              "kubernetes.io/description",
              "Contains a CA bundle that can be used to verify the kube-apiserver when using"
                  + " internal endpoints such as the internal service IP or"
                  + " kubernetes.default.svc. No other usage is guaranteed across distributions"
                  + " of Kubernetes clusters.");
      ConfigMap ca =
          map(
              random,
              n.getMetadata().getName(),
              ROOT_CA,
              Map.of("ca.crt", StandInCredentials.certificate(random)),
              SyntheticSecrets.after(n.getMetadata().getCreationTimestamp(), 1));
      ca.getMetadata().setAnnotations(new LinkedHashMap<>(annotations));
      maps.add(ca);
    }
    String clusterBirth = namespaces.get(0).getMetadata().getCreationTimestamp();
    for (String[] m : SYSTEM_MAPS) {
      maps.add(
          map(
              random,
              m[0],
              m[1],
              Map.of(m[2], systemValue(random, m[2])),
              SyntheticSecrets.after(clusterBirth, random.between(60, 86400))));
    }
    maps.add(
        map(
            random,
            AdmissionPolicies.LIMITS_NAMESPACE,
            AdmissionPolicies.REPLICA_LIMITS,
            Map.of("maxReplicas", "50"),
            ClusterRandom.before(200L * 86400)));
    for (Deployment d : deployments) {
      if (d.getMetadata().getNamespace().startsWith("team-") && random.chance(0.4)) {
        ConfigMap c =
            map(
                random,
                d.getMetadata().getNamespace(),
                d.getMetadata().getName() + "-config",
                appConfig(random, d.getMetadata().getName()),
                d.getMetadata().getCreationTimestamp());
        c.getMetadata().setLabels(new LinkedHashMap<>(d.getMetadata().getLabels()));
        maps.add(c);
      }
    }
    List<Secret> secrets =
        new ArrayList<>(SyntheticSecrets.generate(random, namespaces, deployments, ingresses));
    List<ServiceAccount> accounts = accounts(random, namespaces, uses, secrets);
    return new SyntheticConfig(maps, secrets, accounts);
  }

  /**
   * The default account of each namespace, then one per distinct other use, in order of use; an
   * account using a long-lived token names its token Secret, which is added to {@code secrets}.
   */
  private static List<ServiceAccount> accounts(
      ClusterRandom random,
      List<Namespace> namespaces,
      List<AccountUse> uses,
      List<Secret> secrets) {
    List<ServiceAccount> out = new ArrayList<>();
    for (Namespace n : namespaces) {
      String ns = n.getMetadata().getName();
      ServiceAccount sa =
          account(
              random,
              ns,
              "default",
              SyntheticSecrets.after(n.getMetadata().getCreationTimestamp(), 1));
      if (ns.startsWith("team-")) {
        sa.setImagePullSecrets(
            List.of(new LocalObjectReference(SyntheticSecrets.REGISTRY_CREDENTIALS)));
      }
      out.add(sa);
    }
    Set<String> seen = new LinkedHashSet<>();
    boolean teamToken = false;
    for (AccountUse u : uses) {
      if (u.name().equals("default") || !seen.add(u.namespace() + "/" + u.name())) {
        continue;
      }
      ServiceAccount sa = account(random, u.namespace(), u.name(), u.since());
      // Accounts from before bound tokens that still hand out a long-lived one: the CI system's,
      // and the first team app's.
      boolean legacy =
          u.name().equals(RbacGrants.CI_DEPLOYER)
              || (!teamToken && u.namespace().startsWith("team-"));
      if (legacy) {
        teamToken |= u.namespace().startsWith("team-");
        Secret token = token(random, sa);
        sa.setSecrets(
            List.of(new ObjectReferenceBuilder().withName(token.getMetadata().getName()).build()));
        secrets.add(token);
      }
      out.add(sa);
    }
    return out;
  }

  private static ServiceAccount account(
      ClusterRandom random, String namespace, String name, String created) {
    return new ServiceAccountBuilder()
        .withMetadata(random.meta(namespace, name, created))
        .build();
  }

  /** The long-lived token Secret of {@code sa}, as the token controller made it. */
  private static Secret token(ClusterRandom random, ServiceAccount sa) {
    String ns = sa.getMetadata().getNamespace();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ca.crt", StandInCredentials.base64(StandInCredentials.certificate(random)));
    data.put("namespace", StandInCredentials.base64(ns));
    data.put("token", StandInCredentials.base64(StandInCredentials.token(random)));
    Secret s =
        SyntheticSecrets.secret(
            random,
            ns,
            sa.getMetadata().getName() + "-token-" + random.suffix(5),
            "kubernetes.io/service-account-token",
            data,
            SyntheticSecrets.after(sa.getMetadata().getCreationTimestamp(), 1));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("kubernetes.io/service-account.name", sa.getMetadata().getName());
    annotations.put("kubernetes.io/service-account.uid", sa.getMetadata().getUid());
    s.getMetadata().setAnnotations(annotations);
    return s;
  }

  private static ConfigMap map(
      ClusterRandom random,
      String namespace,
      String name,
      Map<String, String> data,
      String created) {
    return new ConfigMapBuilder()
        .withMetadata(random.meta(namespace, name, created))
        .withData(new LinkedHashMap<>(data))
        .build();
  }

  /** An application's configuration: its log level, a feature flag, its port. */
  static Map<String, String> appConfig(ClusterRandom random, String app) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("LOG_LEVEL", random.chance(0.8) ? "info" : "debug");
    data.put("FEATURE_FLAGS", random.chance(0.5) ? "new-checkout,fast-search" : "");
    data.put(
        "application.yaml",
        "server:\n  port: 8080\nspring:\n  application:\n    name: " + app + "\n");
    return data;
  }

  private static String systemValue(ClusterRandom random, String key) {
    return switch (key) {
      case "Corefile" ->
          ".:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
              + "      pods insecure\n      fallthrough in-addr.arpa ip6.arpa\n    }\n"
              + "    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n"
              + "    reload\n    loadbalance\n}\n";
      case "mapRoles" ->
          "- rolearn: arn:aws:iam::111122223333:role/eks-node-role\n"
              + "  username: system:node:{{EC2PrivateDNSName}}\n"
              + "  groups:\n  - system:bootstrappers\n  - system:nodes\n";
      case "client-ca-file" -> StandInCredentials.certificate(random);
      case "kubeconfig" ->
          "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n"
              + "    certificate-authority-data: "
              + StandInCredentials.base64(StandInCredentials.certificate(random))
              + "\n    server: https://kubernetes.default.svc\n  name: \"\"\n";
      case "enable-network-policy-controller", "allow-snippet-annotations" -> "false";
      default -> "# generated for the demo\n";
    };
  }
}
