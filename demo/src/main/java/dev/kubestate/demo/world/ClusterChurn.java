package dev.kubestate.demo.world;

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
 * Seeded changes to a seeded cluster through the API, each the kind of change a controller, the
 * kubelet or a user makes: pod readiness flips, restarts and crash-loops, pods deleted and
 * recreated under a new UID (and, unless a StatefulSet's, a new name), each followed by the pod's
 * endpoints in its services' Endpoints and EndpointSlices, deployments scaled by hand or by their
 * autoscaler, node readiness flips, StatefulSet rollout steps, Jobs finishing and CronJobs starting
 * new ones, claims bound to newly provisioned volumes, leases renewed, certificate requests
 * submitted and approved, config maps edited. Pod changes are the majority. Given the same seed and
 * the same starting cluster, the sequence of changes is the same; timestamps count forward from
 * {@link ClusterRandom#EPOCH}, one second per change, and jump to a CronJob's next run when the
 * churn runs it early. Changes run one at a time on one scheduler thread (or the caller's, through
 * {@link #step}). Thread-safe; {@link #close} is idempotent.
 */
public final class ClusterChurn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterChurn.class);

  /** Offsets the churn's random stream from the cluster's own. */
  private static final long STREAM = 0x6368_7572_6e21L;

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final ChurnClock clock = new ChurnClock();

  /**
   * Running or pending pods of long-running controllers; a Job's pods change only with their Job,
   * an evicted pod not at all.
   */
  private final List<Pod> pods;

  /** Deployments scaled by hand: those without an autoscaler. */
  private final List<Deployment> deployments;

  private final Map<String, ReplicaSet> currentSets = new HashMap<>();
  private final List<Node> nodes;
  private final StatefulSetRollouts rollouts;
  private final JobRuns jobs;
  private final AutoscalerSteps autoscalers;
  private final ClaimBinding claims;
  private final EndpointUpdates endpoints;
  private final LeaseRenewals leases;
  private final CertificateApprovals certificates;
  private final ConfigEdits configs;
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile ScheduledExecutorService scheduler;

  /** A churn of {@code cluster}, already seeded into the server {@code client} talks to. */
  public ClusterChurn(KubernetesClient client, SyntheticCluster cluster) {
    this.client = client;
    this.random = new ClusterRandom(cluster.seed() ^ STREAM);
    this.pods = new ArrayList<>();
    for (Pod p : cluster.pods()) {
      if (!p.getMetadata().getOwnerReferences().get(0).getKind().equals("Job")
          && !"Failed".equals(p.getStatus().getPhase())) {
        pods.add(p);
      }
    }
    this.nodes = List.copyOf(cluster.nodes());
    for (ReplicaSet rs : cluster.replicaSets()) {
      // Each deployment's current replica set comes first in the cluster's list.
      currentSets.putIfAbsent(rs.getMetadata().getOwnerReferences().get(0).getUid(), rs);
    }
    this.endpoints = new EndpointUpdates(client, cluster);
    this.rollouts = new StatefulSetRollouts(client, random, cluster.statefulSets(), endpoints);
    this.jobs = new JobRuns(client, random, cluster);
    this.autoscalers = new AutoscalerSteps(client, random, cluster, currentSets);
    this.claims = new ClaimBinding(client, random, cluster);
    this.leases = new LeaseRenewals(client, random, cluster);
    this.certificates = new CertificateApprovals(client, random, cluster);
    this.configs = new ConfigEdits(client, random, cluster);
    this.deployments = cluster.deployments().stream().filter(d -> !autoscalers.scales(d)).toList();
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
   * @return what was changed, starting with the kind ({@code pod}, {@code deployment}, {@code
   *     node}, {@code statefulset}, {@code job}, {@code cronjob}, {@code hpa}, {@code pvc}, {@code
   *     lease}, {@code certificatesigningrequest} or {@code configmap}), e.g. {@code pod
   *     team-orders/orders-api-5d7f-x2x4z: restart}
   * @throws RuntimeException when the API refuses the change (the sequence still moves on)
   */
  public synchronized String step() {
    clock.tick();
    int roll = random.below(100);
    String done = null;
    if (roll < 46) {
      done = pods.isEmpty() ? null : flipPod(random.below(pods.size()));
    } else if (roll < 63) {
      done = pods.isEmpty() ? null : replacePod(random.below(pods.size()));
    } else if (roll < 71) {
      done =
          deployments.isEmpty() ? null : scale(deployments.get(random.below(deployments.size())));
    } else if (roll < 77) {
      done = nodes.isEmpty() ? null : flipNode(nodes.get(random.below(nodes.size())));
    } else if (roll < 80) {
      done = rollouts.step(clock.text());
    } else if (roll < 84) {
      done = jobs.finish(clock.text());
    } else if (roll < 87) {
      done = jobs.schedule(clock);
    } else if (roll < 91) {
      done = autoscalers.step(clock.text());
    } else if (roll < 94) {
      done = claims.step(clock);
    } else if (roll < 96) {
      done = leases.step(clock);
    } else if (roll < 98) {
      done = certificates.step(clock);
    } else {
      done = configs.step();
    }
    if (done == null) {
      // The drawn kind of change had nothing to act on: a pod changes instead.
      done = pods.isEmpty() ? "nothing to change" : flipPod(random.below(pods.size()));
    }
    changes.incrementAndGet();
    return done;
  }

  private String flipPod(int index) {
    Pod pod = pods.get(index);
    String now = clock.text();
    int kind = random.below(3);
    Pod after =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .edit(p -> PodChanges.apply(p, kind, now));
    String followed = endpoints.follow(pod, after);
    return "pod "
        + name(pod)
        + ": "
        + PodChanges.describe(kind)
        + (followed == null ? "" : "; " + followed);
  }

  private String replacePod(int index) {
    Pod old = pods.get(index);
    Pod live =
        client
            .pods()
            .inNamespace(old.getMetadata().getNamespace())
            .withName(old.getMetadata().getName())
            .get();
    // A StatefulSet names its pods itself: the new pod has the old one's name.
    String generateName = old.getMetadata().getGenerateName();
    Pod fresh =
        PodChanges.replacement(
            client.getKubernetesSerialization().clone(live == null ? old : live),
            generateName == null ? old.getMetadata().getName() : generateName + random.suffix(5),
            random.uid(),
            clock.text());
    client
        .pods()
        .inNamespace(old.getMetadata().getNamespace())
        .withName(old.getMetadata().getName())
        .delete();
    client.resource(fresh).create();
    pods.set(index, fresh);
    String followed = endpoints.follow(old, fresh);
    return "pod "
        + name(old)
        + ": replaced by "
        + fresh.getMetadata().getName()
        + (followed == null ? "" : "; " + followed);
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
    String now = clock.text();
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
    leases.nodeReady(node.getMetadata().getName(), "True".equals(ready(after)));
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
