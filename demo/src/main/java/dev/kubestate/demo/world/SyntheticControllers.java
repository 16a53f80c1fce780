package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * The controllers of a synthetic cluster and their pods, sharing its pod budget: node agents
 * (DaemonSets) take up to an eighth of the pods, StatefulSets up to a twentieth, Jobs up to a
 * twenty-fifth, legacy replication controllers up to a two-hundredth, and deployments the rest. The
 * lists it returns are new on every call.
 *
 * @param agents the node agents
 * @param sets the StatefulSets, their services and claims
 * @param batch the CronJobs and Jobs
 * @param legacy the replication controllers
 * @param workloads the deployments with their replica sets and pods
 */
record SyntheticControllers(
    SyntheticDaemonSets agents,
    SyntheticStatefulSets sets,
    SyntheticJobs batch,
    SyntheticReplicationControllers legacy,
    List<SyntheticWorkloads> workloads) {

  /** Shares of the pod budget node agents, StatefulSets, Jobs and legacy controllers may take. */
  private static final int DAEMON_SHARE = 8;

  private static final int STATEFUL_SHARE = 20;
  private static final int JOB_SHARE = 25;
  private static final int LEGACY_SHARE = 200;

  /** Generates the controllers of {@code nodes} with exactly {@code podCount} pods in all. */
  static SyntheticControllers generate(
      ClusterRandom random, List<Node> nodes, int podCount, SyntheticStorage storage) {
    List<Node> schedulable = nodes.stream().filter(SyntheticNodes::schedulable).toList();
    SyntheticDaemonSets agents =
        SyntheticDaemonSets.generate(random, nodes, podCount / DAEMON_SHARE);
    int remaining = podCount - agents.pods().size();
    SyntheticStatefulSets sets =
        SyntheticStatefulSets.generate(
            random, schedulable, Math.min(remaining, podCount / STATEFUL_SHARE), storage);
    remaining -= sets.pods().size();
    SyntheticJobs batch =
        SyntheticJobs.generate(random, schedulable, Math.min(remaining, podCount / JOB_SHARE));
    remaining -= batch.pods().size();
    SyntheticReplicationControllers legacy =
        SyntheticReplicationControllers.generate(
            random, schedulable, Math.min(remaining, podCount / LEGACY_SHARE));
    remaining -= legacy.pods().size();
    List<SyntheticWorkloads> workloads =
        SyntheticDeployments.generate(random, schedulable, remaining);
    return new SyntheticControllers(agents, sets, batch, legacy, workloads);
  }

  /** The deployments. */
  List<Deployment> deployments() {
    List<Deployment> out = new ArrayList<>();
    for (SyntheticWorkloads w : workloads) {
      out.add(w.deployment());
    }
    return out;
  }

  /** The replica sets, each deployment's current one first. */
  List<ReplicaSet> replicaSets() {
    List<ReplicaSet> out = new ArrayList<>();
    for (SyntheticWorkloads w : workloads) {
      out.addAll(w.replicaSets());
    }
    return out;
  }

  /** Every pod: of deployments (with their leftovers), StatefulSets, agents, Jobs, legacy. */
  List<Pod> pods() {
    List<Pod> out = new ArrayList<>();
    for (SyntheticWorkloads w : workloads) {
      out.addAll(w.pods());
      out.addAll(w.leftovers());
    }
    out.addAll(sets.pods());
    out.addAll(agents.pods());
    out.addAll(batch.pods());
    out.addAll(legacy.pods());
    return out;
  }

  /** Generates the deployments' services, then adds the StatefulSets' (headless) ones. */
  List<Service> services(ClusterRandom random, String clusterBirth) {
    List<Service> services = SyntheticDeployments.services(random, clusterBirth, workloads);
    services.addAll(sets.services());
    return services;
  }

  /** The add-ons whose RBAC the cluster holds. */
  List<RbacGrants.AddOn> addOns() {
    return RbacGrants.addOns(deployments(), sets.statefulSets(), agents.daemonSets());
  }

  /**
   * Where service accounts are used: by the controllers' pod templates, by {@code pods} and by the
   * subjects of {@code rbac}'s bindings.
   */
  List<SyntheticConfig.AccountUse> accountUses(List<Pod> pods, SyntheticRbac rbac) {
    List<SyntheticConfig.AccountUse> uses = new ArrayList<>();
    for (Deployment d : deployments()) {
      use(uses, d, d.getSpec().getTemplate().getSpec());
    }
    for (StatefulSet s : sets.statefulSets()) {
      use(uses, s, s.getSpec().getTemplate().getSpec());
    }
    for (DaemonSet d : agents.daemonSets()) {
      use(uses, d, d.getSpec().getTemplate().getSpec());
    }
    for (CronJob c : batch.cronJobs()) {
      use(uses, c, c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
    }
    for (Job j : batch.jobs()) {
      use(uses, j, j.getSpec().getTemplate().getSpec());
    }
    for (ReplicationController rc : legacy.replicationControllers()) {
      use(uses, rc, rc.getSpec().getTemplate().getSpec());
    }
    for (Pod p : pods) {
      use(uses, p, p.getSpec());
    }
    for (ClusterRoleBinding b : rbac.clusterRoleBindings()) {
      use(uses, b.getSubjects(), b.getMetadata().getCreationTimestamp());
    }
    for (RoleBinding b : rbac.roleBindings()) {
      use(uses, b.getSubjects(), b.getMetadata().getCreationTimestamp());
    }
    return uses;
  }

  /** Records that {@code owner}'s pods run as {@code spec}'s service account. */
  private static void use(List<SyntheticConfig.AccountUse> uses, HasMetadata owner, PodSpec spec) {
    String name = spec.getServiceAccountName();
    if (name != null) {
      uses.add(
          new SyntheticConfig.AccountUse(
              owner.getMetadata().getNamespace(),
              name,
              owner.getMetadata().getCreationTimestamp()));
    }
  }

  /** Records the service accounts among a binding's {@code subjects}. */
  private static void use(
      List<SyntheticConfig.AccountUse> uses, List<Subject> subjects, String since) {
    for (Subject s : subjects) {
      if ("ServiceAccount".equals(s.getKind())) {
        uses.add(new SyntheticConfig.AccountUse(s.getNamespace(), s.getName(), since));
      }
    }
  }
}
