package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ApplyConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.JSONPatch;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResourcesBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Mutation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.TypeChecking;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import java.util.List;

/**
 * The platform team's CEL admission policies and their bindings: validating ones that require the
 * app label on workloads (denying), warn about {@code :latest} images (warning and auditing), and
 * cap replicas at a limit read from the ConfigMap {@value #LIMITS_NAMESPACE}/{@value
 * #REPLICA_LIMITS} (a parameter); mutating ones that label new workloads with their team's
 * namespace and mark new pods for scraping. Each binding names an existing policy, and only team
 * namespaces are matched. Immutable.
 *
 * @param validating validating admission policies
 * @param validatingBindings one binding per validating policy
 * @param mutating mutating admission policies
 * @param mutatingBindings one binding per mutating policy
 */
record AdmissionPolicies(
    List<ValidatingAdmissionPolicy> validating,
    List<ValidatingAdmissionPolicyBinding> validatingBindings,
    List<MutatingAdmissionPolicy> mutating,
    List<MutatingAdmissionPolicyBinding> mutatingBindings) {

  /** The ConfigMap the replica-limit policy takes its parameter from. */
  static final String REPLICA_LIMITS = "replica-limits";

  static final String LIMITS_NAMESPACE = "kube-system";

  private static final List<String> WORKLOADS = List.of("deployments", "statefulsets");

  static AdmissionPolicies generate(ClusterRandom random) {
    List<ValidatingAdmissionPolicy> validating = validatingPolicies(random);
    List<MutatingAdmissionPolicy> mutating = mutatingPolicies(random);
    return new AdmissionPolicies(
        validating,
        List.of(
            validatingBinding(random, validating.get(0), null, List.of("Deny")),
            validatingBinding(random, validating.get(1), null, List.of("Warn", "Audit")),
            validatingBinding(
                random,
                validating.get(2),
                new ParamRef(REPLICA_LIMITS, LIMITS_NAMESPACE, "Deny", null),
                List.of("Deny"))),
        mutating,
        List.of(
            mutatingBinding(random, mutating.get(0)), mutatingBinding(random, mutating.get(1))));
  }

  /** Require the app label, warn on :latest images, and limit replicas by a ConfigMap, in order. */
  private static List<ValidatingAdmissionPolicy> validatingPolicies(ClusterRandom random) {
    ValidatingAdmissionPolicy requireLabel =
        validating(
            random,
            "require-app-label",
            null,
            new Validation(
                "has(object.metadata.labels) && 'app.kubernetes.io/name' in object.metadata.labels",
                "workloads must carry the app.kubernetes.io/name label",
                null,
                "Invalid"));
    ValidatingAdmissionPolicy latest =
        validating(
            random,
            "warn-latest-tag",
            null,
            new Validation(
                "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))",
                "images should be pinned, not :latest",
                null,
                "Invalid"));
    ValidatingAdmissionPolicy replicas =
        validating(
            random,
            "replica-limit",
            new ParamKind("v1", "ConfigMap"),
            new Validation(
                "!has(object.spec.replicas) || object.spec.replicas <="
                    + " int(params.data.maxReplicas)",
                null,
                "'replicas must be at most ' + params.data.maxReplicas",
                "Forbidden"));
    return List.of(requireLabel, latest, replicas);
  }

  /** Label workloads with their namespace, and mark pods for scraping, in order. */
  private static List<MutatingAdmissionPolicy> mutatingPolicies(ClusterRandom random) {
    MutatingAdmissionPolicy teamLabel =
        mutating(
            random,
            "label-part-of-namespace",
            "Never",
            new Mutation(
                new ApplyConfiguration(
                    "Object{metadata: Object.metadata{labels: {\"app.kubernetes.io/part-of\":"
                        + " namespaceObject.metadata.name}}}"),
                null,
                "ApplyConfiguration"));
    MutatingAdmissionPolicy scrape =
        mutating(
            random,
            "mark-pods-for-scraping",
            "IfNeeded",
            new Mutation(
                null,
                new JSONPatch(
                    "[JSONPatch{op: \"add\", path: \"/metadata/annotations/prometheus.io~1scrape\","
                        + " value: \"true\"}]"),
                "JSONPatch"));
    return List.of(teamLabel, scrape);
  }

  private static ValidatingAdmissionPolicy validating(
      ClusterRandom random, String name, ParamKind paramKind, Validation validation) {
    long generation = random.between(1, 3);
    return new ValidatingAdmissionPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(random.between(30 * 86400, 200 * 86400)))
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withFailurePolicy("Fail")
        .withParamKind(paramKind)
        .withMatchConstraints(workloads())
        .withValidations(validation)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(generation)
        .withTypeChecking(new TypeChecking(List.of()))
        .endStatus()
        .build();
  }

  private static MutatingAdmissionPolicy mutating(
      ClusterRandom random, String name, String reinvocation, Mutation mutation) {
    return new MutatingAdmissionPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(random.between(30 * 86400, 200 * 86400)))
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withFailurePolicy(reinvocation.equals("Never") ? "Fail" : "Ignore")
        .withReinvocationPolicy(reinvocation)
        .withMatchConstraints(workloads())
        .withMutations(mutation)
        .endSpec()
        .build();
  }

  private static ValidatingAdmissionPolicyBinding validatingBinding(
      ClusterRandom random,
      ValidatingAdmissionPolicy policy,
      ParamRef paramRef,
      List<String> actions) {
    String name = policy.getMetadata().getName();
    return new ValidatingAdmissionPolicyBindingBuilder()
        .withNewMetadata()
        .withName(name + "-binding")
        .withUid(random.uid())
        .withCreationTimestamp(policy.getMetadata().getCreationTimestamp())
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withPolicyName(name)
        .withParamRef(paramRef)
        .withValidationActions(actions)
        .withMatchResources(teamNamespaces())
        .endSpec()
        .build();
  }

  private static MutatingAdmissionPolicyBinding mutatingBinding(
      ClusterRandom random, MutatingAdmissionPolicy policy) {
    String name = policy.getMetadata().getName();
    return new MutatingAdmissionPolicyBindingBuilder()
        .withNewMetadata()
        .withName(name + "-binding")
        .withUid(random.uid())
        .withCreationTimestamp(policy.getMetadata().getCreationTimestamp())
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withPolicyName(name)
        .withMatchResources(teamNamespaces())
        .endSpec()
        .build();
  }

  private static MatchResources workloads() {
    return new MatchResourcesBuilder()
        .withResourceRules(
            new NamedRuleWithOperations(
                List.of("apps"),
                List.of("v1"),
                List.of("CREATE", "UPDATE"),
                null,
                WORKLOADS,
                "Namespaced"))
        .build();
  }

  /** Matches the namespaces labelled with a team, as every team namespace is. */
  private static MatchResources teamNamespaces() {
    return new MatchResourcesBuilder()
        .withNamespaceSelector(
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("team")
                .withOperator("Exists")
                .endMatchExpression()
                .build())
        .build();
  }
}
