package dev.kubestate.exporter.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded changes to a seeded cluster through the API: pod readiness flips, restarts and
 * crash-loops, pods deleted and recreated under a new name and UID, deployments scaled, node
 * readiness flips. Given the same seed and the same starting cluster, the sequence of changes is
 * the same; timestamps count forward from {@link ClusterRandom#EPOCH}, one second per change.
 * Changes run one at a time on one scheduler thread (or the caller's, through {@link #step}).
 * Thread-safe; {@link #close} is idempotent.
 */
public final class ClusterChurn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterChurn.class);

  /** Offsets the churn's random stream from the cluster's own. */
  private static final long STREAM = 0x6368_7572_6e21L;

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<Pod> pods;
  private final List<Deployment> deployments;
  private final Map<String, ReplicaSet> currentSets = new HashMap<>();
  private final List<Node> nodes;
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile ScheduledExecutorService scheduler;
  private long step;

  /** A churn of {@code cluster}, already seeded into the server {@code client} talks to. */
  public ClusterChurn(KubernetesClient client, SyntheticCluster cluster) {
    this.client = client;
    this.random = new ClusterRandom(cluster.seed() ^ STREAM);
    this.pods = new ArrayList<>(cluster.pods());
    this.deployments = List.copyOf(cluster.deployments());
    this.nodes = List.copyOf(cluster.nodes());
    for (ReplicaSet rs : cluster.replicaSets()) {
      // Each deployment's current replica set comes first in the cluster's list.
      currentSets.putIfAbsent(rs.getMetadata().getOwnerReferences().get(0).getUid(), rs);
    }
  }

  /**
   * Applies about {@code perSecond} changes per second on a scheduler thread until closed.
   *
   * @throws IllegalArgumentException when {@code perSecond} is not positive
   * @throws IllegalStateException when already started or closed
   */
  public synchronized void start(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("churn rate must be > 0 per second, got " + perSecond);
    }
    if (scheduler != null) {
      throw new IllegalStateException("churn already started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-churn");
              t.setDaemon(true);
              return t;
            });
    long periodNanos = Math.max(1_000L, (long) (1_000_000_000L / perSecond));
    scheduler.scheduleAtFixedRate(this::stepLogged, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Changes applied so far. */
  public long changes() {
    return changes.get();
  }

  /** Changes the API refused or that could not be sent. */
  public long failures() {
    return failures.get();
  }

  private void stepLogged() {
    try {
      step();
    } catch (RuntimeException e) {
      if (failures.incrementAndGet() % 100 == 1) {
        LOG.warn(
            "demo churn: change failed ({} failures so far): {}", failures.get(), e.toString());
      }
    }
  }

  /**
   * Applies the next change of the sequence, on the calling thread.
   *
   * @return what was changed, e.g. {@code pod team-orders/orders-api-5d7f-x2x4z: restart}
   * @throws RuntimeException when the API refuses the change (the sequence still moves on)
   */
  public synchronized String step() {
    step++;
    int roll = random.below(100);
    String done;
    if (roll < 55 && !pods.isEmpty()) {
      done = flipPod(pods.get(random.below(pods.size())));
    } else if (roll < 75 && !pods.isEmpty()) {
      done = replacePod(random.below(pods.size()));
    } else if (roll < 90 && !deployments.isEmpty()) {
      done = scale(deployments.get(random.below(deployments.size())));
    } else if (!nodes.isEmpty()) {
      done = flipNode(nodes.get(random.below(nodes.size())));
    } else {
      done = "nothing to change";
    }
    changes.incrementAndGet();
    return done;
  }

  private String flipPod(Pod pod) {
    String now = ClusterRandom.after(step);
    int kind = random.below(3);
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .edit(p -> PodChanges.apply(p, kind, now));
    return "pod " + name(pod) + ": " + PodChanges.describe(kind);
  }

  private String replacePod(int index) {
    Pod old = pods.get(index);
    Pod fresh =
        PodChanges.replacement(
            client.getKubernetesSerialization().clone(old),
            old.getMetadata().getGenerateName() + random.suffix(5),
            random.uid(),
            ClusterRandom.after(step));
    client
        .pods()
        .inNamespace(old.getMetadata().getNamespace())
        .withName(old.getMetadata().getName())
        .delete();
    client.resource(fresh).create();
    pods.set(index, fresh);
    return "pod " + name(old) + ": replaced by " + fresh.getMetadata().getName();
  }

  private String scale(Deployment d) {
    int delta = random.chance(0.5) ? 1 : -1;
    Deployment now =
        client
            .apps()
            .deployments()
            .inNamespace(d.getMetadata().getNamespace())
            .withName(d.getMetadata().getName())
            .edit(
                x -> {
                  int replicas = Math.max(0, x.getSpec().getReplicas() + delta);
                  x.getSpec().setReplicas(replicas);
                  x.getMetadata().setGeneration(x.getMetadata().getGeneration() + 1);
                  return x;
                });
    ReplicaSet rs = currentSets.get(d.getMetadata().getUid());
    if (rs != null) {
      client
          .apps()
          .replicaSets()
          .inNamespace(rs.getMetadata().getNamespace())
          .withName(rs.getMetadata().getName())
          .edit(
              x -> {
                x.getSpec().setReplicas(now.getSpec().getReplicas());
                return x;
              });
    }
    return "deployment " + name(d) + ": replicas " + now.getSpec().getReplicas();
  }

  private String flipNode(Node node) {
    String now = ClusterRandom.after(step);
    Node after =
        client
            .nodes()
            .withName(node.getMetadata().getName())
            .edit(
                n -> {
                  for (NodeCondition c : n.getStatus().getConditions()) {
                    if ("Ready".equals(c.getType())) {
                      boolean ready = !"True".equals(c.getStatus());
                      c.setStatus(ready ? "True" : "False");
                      c.setReason(ready ? "KubeletReady" : "KubeletNotReady");
                      c.setLastTransitionTime(now);
                    }
                  }
                  return n;
                });
    return "node " + node.getMetadata().getName() + ": ready " + ready(after);
  }

  private static String ready(Node n) {
    for (NodeCondition c : n.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return c.getStatus();
      }
    }
    return "Unknown";
  }

  private static String name(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  /**
   * Stops the scheduler: no new change starts, a change in flight may finish (up to 5 s, then it is
   * interrupted); idempotent.
   */
  @Override
  public void close() {
    ScheduledExecutorService s = scheduler;
    if (s == null) {
      return;
    }
    s.shutdown();
    try {
      if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
        s.shutdownNow();
      }
    } catch (InterruptedException e) {
      s.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
