package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lease renewals as part of churn, through the API: a kubelet renewing its node's heartbeat lease,
 * or a leader renewing its leader-election lease. A node that is not ready renews nothing; the
 * churn reports readiness flips through {@link #nodeReady}. Released leases stay released. Confined
 * to the churn's thread.
 */
final class LeaseRenewals {

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<Lease> held = new ArrayList<>();
  private final Set<String> notReady = new HashSet<>();

  LeaseRenewals(KubernetesClient client, ClusterRandom random, SyntheticCluster cluster) {
    this.client = client;
    this.random = random;
    for (Lease l : cluster.controlPlane().leases()) {
      if (l.getSpec().getHolderIdentity() != null) {
        held.add(l);
      }
    }
    for (Node n : cluster.nodes()) {
      for (NodeCondition c : n.getStatus().getConditions()) {
        if ("Ready".equals(c.getType()) && !"True".equals(c.getStatus())) {
          notReady.add(n.getMetadata().getName());
        }
      }
    }
  }

  /** Records that node {@code node} is now {@code ready} or not. */
  void nodeReady(String node, boolean ready) {
    if (ready) {
      notReady.remove(node);
    } else {
      notReady.add(node);
    }
  }

  /** Renews a held lease drawn at random at {@code clock}'s time; null when its holder is down. */
  String step(ChurnClock clock) {
    if (held.isEmpty()) {
      return null;
    }
    Lease lease = held.get(random.below(held.size()));
    String ns = lease.getMetadata().getNamespace();
    String name = lease.getMetadata().getName();
    if (ns.equals(SyntheticControlPlane.NODE_LEASES) && notReady.contains(name)) {
      return null;
    }
    client
        .leases()
        .inNamespace(ns)
        .withName(name)
        .edit(
            l -> {
              l.getSpec().setRenewTime(SyntheticControlPlane.microTime(clock.now()));
              return l;
            });
    return "lease " + ns + "/" + name + ": renewed by " + lease.getSpec().getHolderIdentity();
  }
}
