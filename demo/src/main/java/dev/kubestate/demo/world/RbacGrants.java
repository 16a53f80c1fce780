package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the roles of a synthetic cluster grant and to whom: the bootstrap cluster roles with the
 * subject the API server binds each to, the roles of system components in their namespaces, the
 * cluster role each add-on's chart installs, and a team developer's rules. Data only, immutable.
 */
final class RbacGrants {

  /** A bootstrap cluster role, aggregating roles labelled for {@code aggregates} (or null). */
  record Bootstrap(String role, List<PolicyRule> rules, String aggregates, Subject subject) {}

  /** A namespaced role of a system component and its one binding. */
  record SystemRole(
      String namespace, String role, List<PolicyRule> rules, String binding, Subject subject) {}

  /** An add-on's cluster role, bound to the service account its pods run as. */
  record AddOn(
      String namespace,
      String serviceAccount,
      String role,
      List<PolicyRule> rules,
      String created) {}

  /** The service account a CI system deploys with, bound to cluster-admin. */
  static final String CI_DEPLOYER = "ci-deployer";

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> ALL = List.of("*");
  private static final List<String> WRITE =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");

  static final List<PolicyRule> DEVELOPER =
      List.of(
          rule("", List.of("pods", "pods/log", "services", "endpoints"), READ),
          rule("", List.of("configmaps"), WRITE),
          rule("", List.of("pods/portforward"), List.of("create")),
          rule("apps", List.of("deployments", "statefulsets", "replicasets"), READ),
          rule("apps", List.of("deployments/scale"), List.of("patch", "update")),
          rule("batch", List.of("jobs", "cronjobs"), WRITE));

  static final List<Bootstrap> BOOTSTRAP = bootstrap();

  static final List<SystemRole> SYSTEM_ROLES =
      List.of(
          new SystemRole(
              "kube-system",
              "extension-apiserver-authentication-reader",
              List.of(rule("", List.of("configmaps"), READ)),
              "metrics-server-auth-reader",
              SyntheticRbac.serviceAccount("kube-system", "metrics-server")),
          new SystemRole(
              "kube-system",
              "system::leader-locking-kube-scheduler",
              List.of(rule("coordination.k8s.io", List.of("leases"), WRITE)),
              "system::leader-locking-kube-scheduler",
              SyntheticRbac.user("system:kube-scheduler")),
          new SystemRole(
              "kube-system",
              "system::leader-locking-kube-controller-manager",
              List.of(rule("coordination.k8s.io", List.of("leases"), WRITE)),
              "system::leader-locking-kube-controller-manager",
              SyntheticRbac.user("system:kube-controller-manager")),
          new SystemRole(
              "kube-public",
              "system:controller:bootstrap-signer",
              List.of(rule("", List.of("configmaps"), List.of("get", "list", "watch", "update"))),
              "system:controller:bootstrap-signer",
              SyntheticRbac.serviceAccount("kube-system", "bootstrap-signer")),
          new SystemRole(
              "cert-manager",
              "cert-manager:leaderelection",
              List.of(rule("coordination.k8s.io", List.of("leases"), WRITE)),
              "cert-manager:leaderelection",
              SyntheticRbac.serviceAccount("cert-manager", "cert-manager")),
          new SystemRole(
              "ingress-nginx",
              "ingress-nginx",
              List.of(
                  rule("", List.of("configmaps", "pods", "secrets"), READ),
                  rule("coordination.k8s.io", List.of("leases"), WRITE)),
              "ingress-nginx",
              SyntheticRbac.serviceAccount("ingress-nginx", "ingress-nginx-controller")));

  /** Add-on workload (namespace/name) to its cluster role and rules. */
  private static final Map<String, Map.Entry<String, List<PolicyRule>>> ADD_ONS = addOnTable();

  private RbacGrants() {}

  /**
   * The add-ons among {@code deployments}, {@code statefulSets} and {@code daemonSets}, in that
   * order, each with the service account of its pod template.
   */
  static List<AddOn> addOns(
      List<Deployment> deployments, List<StatefulSet> statefulSets, List<DaemonSet> daemonSets) {
    List<AddOn> out = new ArrayList<>();
    for (Deployment d : deployments) {
      addOn(d.getMetadata(), d.getSpec().getTemplate().getSpec(), out);
    }
    for (StatefulSet s : statefulSets) {
      addOn(s.getMetadata(), s.getSpec().getTemplate().getSpec(), out);
    }
    for (DaemonSet d : daemonSets) {
      addOn(d.getMetadata(), d.getSpec().getTemplate().getSpec(), out);
    }
    return out;
  }

  private static void addOn(ObjectMeta meta, PodSpec template, List<AddOn> out) {
    Map.Entry<String, List<PolicyRule>> grant =
        ADD_ONS.get(meta.getNamespace() + "/" + meta.getName());
    if (grant != null) {
      out.add(
          new AddOn(
              meta.getNamespace(),
              template.getServiceAccountName(),
              grant.getKey(),
              grant.getValue(),
              meta.getCreationTimestamp()));
    }
  }

  private static Map<String, Map.Entry<String, List<PolicyRule>>> addOnTable() {
    Map<String, Map.Entry<String, List<PolicyRule>>> m = new HashMap<>();
    List<PolicyRule> watchPods = List.of(rule("", List.of("pods", "namespaces", "nodes"), READ));
    m.put(
        "kube-system/coredns",
        Map.entry(
            "system:coredns",
            List.of(
                rule("", List.of("endpoints", "services", "pods", "namespaces"), READ),
                rule("discovery.k8s.io", List.of("endpointslices"), READ))));
    m.put(
        "kube-system/metrics-server",
        Map.entry(
            "system:metrics-server",
            List.of(rule("", List.of("nodes/metrics", "pods", "nodes"), READ))));
    m.put(
        "kube-system/aws-load-balancer-controller",
        Map.entry(
            "aws-load-balancer-controller-role",
            List.of(
                rule("", List.of("endpoints", "pods", "services", "nodes"), READ),
                rule("networking.k8s.io", List.of("ingresses", "ingressclasses"), READ),
                rule("networking.k8s.io", List.of("ingresses/status"), List.of("update", "patch")),
                rule("elbv2.k8s.aws", List.of("targetgroupbindings"), WRITE))));
    m.put("kube-system/kube-proxy", Map.entry("kube-proxy", watchPods));
    m.put(
        "kube-system/aws-node",
        Map.entry(
            "aws-node",
            List.of(
                rule("", List.of("pods", "namespaces", "nodes"), READ),
                rule("crd.k8s.amazonaws.com", List.of("eniconfigs"), READ))));
    m.put(
        "kube-system/ebs-csi-node",
        Map.entry(
            "ebs-csi-node-role", List.of(rule("", List.of("nodes"), List.of("get", "patch")))));
    m.put("kube-system/fluent-bit", Map.entry("fluent-bit-read", watchPods));
    m.put(
        "monitoring/node-exporter",
        Map.entry(
            "node-exporter",
            List.of(
                rule("authentication.k8s.io", List.of("tokenreviews"), List.of("create")),
                rule("authorization.k8s.io", List.of("subjectaccessreviews"), List.of("create")))));
    m.put(
        "monitoring/kube-state-metrics",
        Map.entry(
            "kube-state-metrics",
            List.of(
                rule("", List.of("*"), List.of("list", "watch")),
                rule("apps", List.of("*"), List.of("list", "watch")),
                rule("batch", List.of("*"), List.of("list", "watch")))));
    m.put(
        "monitoring/prometheus-operator",
        Map.entry(
            "prometheus-operator",
            List.of(
                rule("monitoring.coreos.com", List.of("*"), ALL),
                rule("apps", List.of("statefulsets"), ALL),
                rule("", List.of("configmaps", "secrets", "services", "endpoints"), ALL))));
    m.put(
        "monitoring/prometheus-k8s",
        Map.entry(
            "prometheus-k8s",
            List.of(
                rule("", List.of("nodes/metrics", "services", "endpoints", "pods"), READ),
                rule("discovery.k8s.io", List.of("endpointslices"), READ))));
    m.put(
        "ingress-nginx/ingress-nginx-controller",
        Map.entry(
            "ingress-nginx",
            List.of(
                rule("", List.of("configmaps", "endpoints", "nodes", "pods", "secrets"), READ),
                rule("networking.k8s.io", List.of("ingresses", "ingressclasses"), READ),
                rule("networking.k8s.io", List.of("ingresses/status"), List.of("update")))));
    m.put(
        "cert-manager/cert-manager",
        Map.entry(
            "cert-manager-controller-certificates",
            List.of(
                rule("cert-manager.io", List.of("certificates", "certificaterequests"), WRITE),
                rule("", List.of("secrets"), WRITE))));
    m.put(
        "cert-manager/cert-manager-webhook",
        Map.entry(
            "cert-manager-webhook:subjectaccessreviews",
            List.of(
                rule("authorization.k8s.io", List.of("subjectaccessreviews"), List.of("create")))));
    return m;
  }

  private static List<Bootstrap> bootstrap() {
    List<Bootstrap> out = new ArrayList<>();
    out.add(
        new Bootstrap(
            "cluster-admin",
            List.of(rule("*", List.of("*"), ALL), nonResource(List.of("*"), ALL)),
            null,
            SyntheticRbac.group("system:masters")));
    List<PolicyRule> namespacedRead =
        List.of(
            rule("", List.of("pods", "services", "configmaps", "endpoints"), READ),
            rule("apps", List.of("deployments", "statefulsets", "daemonsets"), READ));
    for (String role : List.of("admin", "edit", "view")) {
      out.add(new Bootstrap(role, List.of(), role, null));
      out.add(new Bootstrap("system:aggregate-to-" + role, namespacedRead, null, null));
    }
    out.add(
        new Bootstrap(
            "system:basic-user",
            List.of(
                rule(
                    "authorization.k8s.io",
                    List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                    List.of("create"))),
            null,
            SyntheticRbac.group("system:authenticated")));
    out.add(
        new Bootstrap(
            "system:discovery",
            List.of(nonResource(List.of("/api", "/api/*", "/apis", "/apis/*"), List.of("get"))),
            null,
            SyntheticRbac.group("system:authenticated")));
    out.add(
        new Bootstrap(
            "system:public-info-viewer",
            List.of(
                nonResource(List.of("/healthz", "/livez", "/readyz", "/version"), List.of("get"))),
            null,
            SyntheticRbac.group("system:unauthenticated")));
    out.add(
        new Bootstrap(
            "system:node",
            List.of(rule("", List.of("pods", "nodes", "configmaps", "secrets"), READ)),
            null,
            null));
    out.add(
        new Bootstrap(
            "system:node-proxier",
            List.of(rule("", List.of("endpoints", "services", "nodes"), READ)),
            null,
            SyntheticRbac.user("system:kube-proxy")));
    out.add(
        new Bootstrap(
            "system:kube-scheduler",
            List.of(rule("", List.of("pods", "nodes", "persistentvolumeclaims"), READ)),
            null,
            SyntheticRbac.user("system:kube-scheduler")));
    out.add(
        new Bootstrap(
            "system:kube-controller-manager",
            List.of(rule("", List.of("secrets", "serviceaccounts"), READ)),
            null,
            SyntheticRbac.user("system:kube-controller-manager")));
    out.add(
        new Bootstrap(
            "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
            List.of(
                rule(
                    "certificates.k8s.io",
                    List.of("certificatesigningrequests/selfnodeclient"),
                    List.of("create"))),
            null,
            SyntheticRbac.group("system:nodes")));
    String[][] controllers = {
      {"attachdetach-controller", "storage.k8s.io", "volumeattachments"},
      {"certificate-controller", "certificates.k8s.io", "certificatesigningrequests"},
      {"cronjob-controller", "batch", "cronjobs"},
      {"daemon-set-controller", "apps", "daemonsets"},
      {"deployment-controller", "apps", "deployments"},
      {"disruption-controller", "policy", "poddisruptionbudgets"},
      {"endpoint-controller", "", "endpoints"},
      {"endpointslice-controller", "discovery.k8s.io", "endpointslices"},
      {"horizontal-pod-autoscaler", "autoscaling", "horizontalpodautoscalers"},
      {"job-controller", "batch", "jobs"},
      {"namespace-controller", "", "namespaces"},
      {"node-controller", "", "nodes"},
      {"persistent-volume-binder", "", "persistentvolumes"},
      {"replicaset-controller", "apps", "replicasets"},
      {"statefulset-controller", "apps", "statefulsets"}
    };
    for (String[] c : controllers) {
      out.add(
          new Bootstrap(
              "system:controller:" + c[0],
              List.of(
                  rule(c[1], List.of(c[2], c[2] + "/status"), WRITE),
                  rule("", List.of("events"), List.of("create", "patch", "update"))),
              null,
              SyntheticRbac.serviceAccount("kube-system", c[0])));
    }
    return List.copyOf(out);
  }

  static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
    return new PolicyRule(List.of(group), null, null, resources, verbs);
  }

  private static PolicyRule nonResource(List<String> urls, List<String> verbs) {
    return new PolicyRule(null, urls, null, null, verbs);
  }
}
