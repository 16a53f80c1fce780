package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission control of a synthetic cluster: the webhooks its add-ons register (cert-manager's, the
 * AWS load balancer controller's, ingress-nginx's, each calling its service in the add-on's
 * namespace with the CA bundle it injected; EKS's pod identity webhook, reached by URL), and the
 * platform team's CEL admission policies with their bindings ({@link AdmissionPolicies}). Every
 * webhook service named exists in the cluster. Immutable.
 *
 * @param mutatingWebhookConfigurations mutating webhook configurations
 * @param validatingWebhookConfigurations validating webhook configurations
 * @param validatingAdmissionPolicies validating admission policies
 * @param validatingAdmissionPolicyBindings their bindings
 * @param mutatingAdmissionPolicies mutating admission policies
 * @param mutatingAdmissionPolicyBindings their bindings
 */
public record SyntheticAdmission(
    List<MutatingWebhookConfiguration> mutatingWebhookConfigurations,
    List<ValidatingWebhookConfiguration> validatingWebhookConfigurations,
    List<ValidatingAdmissionPolicy> validatingAdmissionPolicies,
    List<ValidatingAdmissionPolicyBinding> validatingAdmissionPolicyBindings,
    List<MutatingAdmissionPolicy> mutatingAdmissionPolicies,
    List<MutatingAdmissionPolicyBinding> mutatingAdmissionPolicyBindings) {

  public SyntheticAdmission {
    mutatingWebhookConfigurations = List.copyOf(mutatingWebhookConfigurations);
    validatingWebhookConfigurations = List.copyOf(validatingWebhookConfigurations);
    validatingAdmissionPolicies = List.copyOf(validatingAdmissionPolicies);
    validatingAdmissionPolicyBindings = List.copyOf(validatingAdmissionPolicyBindings);
    mutatingAdmissionPolicies = List.copyOf(mutatingAdmissionPolicies);
    mutatingAdmissionPolicyBindings = List.copyOf(mutatingAdmissionPolicyBindings);
  }

  /**
   * The admission objects of a cluster born {@code clusterBirth} whose {@code services} include the
   * add-ons' webhook services ({@code SyntheticCluster} creates them with the add-ons).
   *
   * @throws IllegalStateException when a webhook service is missing from {@code services}
   */
  static SyntheticAdmission generate(
      ClusterRandom random, String clusterBirth, List<Service> services) {
    Service certManager = service(services, "cert-manager", "cert-manager-webhook");
    Service awsLb = service(services, "kube-system", "aws-load-balancer-webhook-service");
    Service nginx = service(services, "ingress-nginx", "ingress-nginx-controller-admission");
    List<MutatingWebhookConfiguration> mutating =
        mutatingWebhooks(random, clusterBirth, certManager, awsLb);
    List<ValidatingWebhookConfiguration> validating =
        validatingWebhooks(random, certManager, awsLb, nginx);
    AdmissionPolicies policies = AdmissionPolicies.generate(random);
    return new SyntheticAdmission(
        mutating,
        validating,
        policies.validating(),
        policies.validatingBindings(),
        policies.mutating(),
        policies.mutatingBindings());
  }

  /** The add-ons' mutating webhooks: cert-manager, the AWS load balancer controller, IRSA. */
  private static List<MutatingWebhookConfiguration> mutatingWebhooks(
      ClusterRandom random, String clusterBirth, Service certManager, Service awsLb) {
    List<MutatingWebhookConfiguration> mutating = new ArrayList<>();
    mutating.add(
        new MutatingWebhookConfigurationBuilder()
            .withMetadata(meta(random, "cert-manager-webhook", certManager))
            .addNewWebhook()
            .withName("webhook.cert-manager.io")
            .withClientConfig(viaService(random, certManager, "/mutate"))
            .withRules(rule(List.of("cert-manager.io", "acme.cert-manager.io"), List.of("*/*")))
            .withFailurePolicy("Fail")
            .withSideEffects("None")
            .withAdmissionReviewVersions("v1")
            .withTimeoutSeconds(30)
            .withMatchPolicy("Equivalent")
            .withReinvocationPolicy("Never")
            .endWebhook()
            .build());
    mutating.add(loadBalancerMutating(random, awsLb));
    mutating.add(
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata()
            .withName("pod-identity-webhook")
            .withUid(random.uid())
            .withCreationTimestamp(clusterBirth)
            .endMetadata()
            .addNewWebhook()
            .withName("iam-for-pods.amazonaws.com")
            .withClientConfig(
                new WebhookClientConfig(caBundle(random), null, "https://127.0.0.1:23443/mutate"))
            .withRules(rule(List.of(""), List.of("pods")))
            .withFailurePolicy("Ignore")
            .withSideEffects("None")
            .withAdmissionReviewVersions("v1beta1")
            .withTimeoutSeconds(10)
            .withReinvocationPolicy("IfNeeded")
            .endWebhook()
            .build());
    return mutating;
  }

  /** The AWS load balancer controller's mutating webhooks of pods, services and bindings. */
  private static MutatingWebhookConfiguration loadBalancerMutating(
      ClusterRandom random, Service awsLb) {
    MutatingWebhookConfigurationBuilder lb =
        new MutatingWebhookConfigurationBuilder()
            .withMetadata(meta(random, "aws-load-balancer-webhook", awsLb));
    for (String[] w :
        new String[][] {
          {"mpod.elbv2.k8s.aws", "/mutate-v1-pod", "", "pods"},
          {"mservice.elbv2.k8s.aws", "/mutate-v1-service", "", "services"},
          {
            "mtargetgroupbinding.elbv2.k8s.aws",
            "/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding",
            "elbv2.k8s.aws",
            "targetgroupbindings"
          }
        }) {
      lb.addNewWebhook()
          .withName(w[0])
          .withClientConfig(viaService(random, awsLb, w[1]))
          .withRules(rule(List.of(w[2]), List.of(w[3])))
          .withFailurePolicy("Fail")
          .withSideEffects("None")
          .withAdmissionReviewVersions("v1beta1")
          .withTimeoutSeconds(10)
          .withNamespaceSelector(
              w[3].equals("pods")
                  ? selector("elbv2.k8s.aws/pod-readiness-gate-inject", "enabled")
                  : null)
          .endWebhook();
    }
    return lb.build();
  }

  /** The add-ons' validating webhooks: cert-manager, the AWS load balancer controller, nginx. */
  private static List<ValidatingWebhookConfiguration> validatingWebhooks(
      ClusterRandom random, Service certManager, Service awsLb, Service nginx) {
    List<ValidatingWebhookConfiguration> validating = new ArrayList<>();
    validating.add(
        new ValidatingWebhookConfigurationBuilder()
            .withMetadata(meta(random, "cert-manager-webhook", certManager))
            .addNewWebhook()
            .withName("webhook.cert-manager.io")
            .withClientConfig(viaService(random, certManager, "/validate"))
            .withRules(rule(List.of("cert-manager.io", "acme.cert-manager.io"), List.of("*/*")))
            .withFailurePolicy("Fail")
            .withSideEffects("None")
            .withAdmissionReviewVersions("v1")
            .withTimeoutSeconds(30)
            .endWebhook()
            .build());
    validating.add(
        new ValidatingWebhookConfigurationBuilder()
            .withMetadata(meta(random, "aws-load-balancer-webhook", awsLb))
            .addNewWebhook()
            .withName("vingress.elbv2.k8s.aws")
            .withClientConfig(viaService(random, awsLb, "/validate-networking-v1-ingress"))
            .withRules(rule(List.of("networking.k8s.io"), List.of("ingresses")))
            .withFailurePolicy("Fail")
            .withSideEffects("None")
            .withAdmissionReviewVersions("v1beta1")
            .withTimeoutSeconds(10)
            .endWebhook()
            .addNewWebhook()
            .withName("vtargetgroupbinding.elbv2.k8s.aws")
            .withClientConfig(
                viaService(random, awsLb, "/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding"))
            .withRules(rule(List.of("elbv2.k8s.aws"), List.of("targetgroupbindings")))
            .withFailurePolicy("Fail")
            .withSideEffects("None")
            .withAdmissionReviewVersions("v1beta1")
            .withTimeoutSeconds(10)
            .endWebhook()
            .build());
    validating.add(
        new ValidatingWebhookConfigurationBuilder()
            .withMetadata(meta(random, "ingress-nginx-admission", nginx))
            .addNewWebhook()
            .withName("validate.nginx.ingress.kubernetes.io")
            .withClientConfig(viaService(random, nginx, "/networking/v1/ingresses"))
            .withRules(rule(List.of("networking.k8s.io"), List.of("ingresses")))
            .withFailurePolicy("Fail")
            .withSideEffects("None")
            .withAdmissionReviewVersions("v1")
            .withMatchPolicy("Equivalent")
            .endWebhook()
            .build());
    return validating;
  }

  private static Service service(List<Service> services, String namespace, String name) {
    for (Service s : services) {
      if (s.getMetadata().getNamespace().equals(namespace)
          && s.getMetadata().getName().equals(name)) {
        return s;
      }
    }
    throw new IllegalStateException("webhook service " + namespace + "/" + name + " missing");
  }

  /** Metadata of a configuration registered when its webhook's {@code service} was created. */
  private static ObjectMeta meta(ClusterRandom random, String name, Service service) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withUid(random.uid())
        .withCreationTimestamp(service.getMetadata().getCreationTimestamp())
        .withGeneration(1L)
        .addToLabels("app.kubernetes.io/name", service.getMetadata().getName())
        .build();
  }

  private static WebhookClientConfig viaService(ClusterRandom random, Service s, String path) {
    return new WebhookClientConfig(
        caBundle(random),
        new ServiceReference(
            s.getMetadata().getName(),
            s.getMetadata().getNamespace(),
            path,
            s.getSpec().getPorts().get(0).getPort()),
        null);
  }

  private static String caBundle(ClusterRandom random) {
    return StandInCredentials.base64(StandInCredentials.certificate(random));
  }

  private static RuleWithOperations rule(List<String> groups, List<String> resources) {
    return new RuleWithOperations(
        groups, List.of("*"), List.of("CREATE", "UPDATE"), resources, "*");
  }

  private static LabelSelector selector(String key, String value) {
    return new LabelSelectorBuilder().addToMatchLabels(key, value).build();
  }
}
