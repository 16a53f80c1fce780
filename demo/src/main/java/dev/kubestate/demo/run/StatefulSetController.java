package dev.kubestate.demo.run;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's StatefulSet controller, for one StatefulSet whose pods run in this process: it keeps
 * one {@link Replica} and one pod per ordinal below {@code spec.replicas}, and reports in the
 * StatefulSet's status how many run and are ready, which is what automatic sharding watches. Pods
 * are managed in parallel (all new ordinals start at once, as {@code podManagementPolicy:
 * Parallel}).
 *
 * <p>Scaling down, a leaving replica keeps running for a grace period and until every remaining
 * replica is ready before it is stopped and its pod deleted: the stand-in for the preStop sleep of
 * {@code deploy/statefulset/}. The remaining replicas learn the new size when {@code spec.replicas}
 * changes and list the objects they gain; if the leaving replica stopped at once, those objects
 * would be missing from every {@code /metrics} while that LIST runs. Readiness is only a lower
 * bound here (a remaining replica may report ready before it has seen the change), hence the grace.
 *
 * <p>A pod deleted from outside ({@code kubectl delete pod}) has its replica stopped and started
 * again with a new pod, as the StatefulSet controller recreates it. While the API server cannot be
 * reached the controller logs one line and keeps its replicas running.
 *
 * <p>All API writes come from one scheduler thread, polling every 100 ms. Thread-safe; {@link
 * #close} is idempotent.
 *
 * @param <R> the replica type
 */
public final class StatefulSetController<R extends Replica> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

  private static final long TICK_MILLIS = 100;

  /** Ticks between two checks for pods deleted from outside. */
  private static final int POD_CHECK_TICKS = 5;

  /** How long after a failed start an ordinal is started again, in ns. */
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** One running ordinal. */
  private final class Member {
    final R replica;
    long leavingSinceNanos = -1;
    boolean podReady;

    Member(R replica) {
      this.replica = replica;
    }
  }

  private final KubernetesClient client;
  private final StatefulSetObjects objects;
  private final Replica.Launcher<R> launcher;
  private final long graceNanos;
  private final ScheduledExecutorService loop;

  /** Running ordinals; guarded by this. */
  private final TreeMap<Integer, Member> members = new TreeMap<>();

  private final Map<Integer, Long> retryAfterNanos = new TreeMap<>();
  private String setUid;
  private long incarnations;
  private Integer requested;
  private volatile int desired;
  private List<Long> lastStatus = List.of();
  private boolean closed;
  private long ticks;
  private boolean unreachable;

  private StatefulSetController(
      KubernetesClient client,
      StatefulSetObjects objects,
      Replica.Launcher<R> launcher,
      Duration grace) {
    this.client = client;
    this.objects = objects;
    this.launcher = launcher;
    this.graceNanos = grace.toNanos();
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-statefulset-controller");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Creates namespace {@code namespace} (unless it exists), StatefulSet {@code name} in it with
   * {@code replicas} replicas and its pods, starts a replica for each pod, in ordinal order, and
   * then keeps them in line with the StatefulSet until closed.
   *
   * @param nodes node names the pods are spread over; may be empty
   * @param grace how long a leaving replica keeps running at least
   * @throws Exception from the launcher, or an API error, after stopping what had started
   */
  public static <R extends Replica> StatefulSetController<R> start(
      KubernetesClient client,
      String namespace,
      String name,
      int replicas,
      List<String> nodes,
      Duration grace,
      Replica.Launcher<R> launcher)
      throws Exception {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
    }
    StatefulSetController<R> c =
        new StatefulSetController<>(
            client, new StatefulSetObjects(namespace, name, nodes), launcher, grace);
    try {
      c.create(replicas);
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    c.loop.scheduleWithFixedDelay(c::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return c;
  }

  private synchronized void create(int replicas) throws Exception {
    if (client.namespaces().withName(objects.namespace()).get() == null) {
      client.resource(objects.namespaceObject()).create();
    }
    setUid = client.resource(objects.statefulSet(replicas)).create().getMetadata().getUid();
    desired = replicas;
    for (int k = 0; k < replicas; k++) {
      members.put(k, new Member(startPod(k)));
    }
  }

  /**
   * Asks for {@code replicas} replicas: sets {@code spec.replicas} (from the controller's thread,
   * soon); the controller then starts or stops replicas.
   *
   * @throws IllegalArgumentException when {@code replicas < 1}
   */
  public synchronized void scale(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
    }
    requested = replicas;
    desired = replicas;
  }

  /** {@code spec.replicas} as last read by the controller, or as asked for by {@link #scale}. */
  public int desired() {
    return desired;
  }

  /** The running replicas by ordinal, including any still leaving after a scale-down. */
  public synchronized Map<Integer, R> replicas() {
    Map<Integer, R> out = new TreeMap<>();
    members.forEach((k, m) -> out.put(k, m.replica));
    return out;
  }

  private synchronized void tick() {
    if (closed) {
      return;
    }
    try {
      StatefulSet set = statefulSet().get();
      if (set == null) {
        return;
      }
      if (requested != null) {
        int to = requested;
        set =
            statefulSet()
                .edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(to).endSpec().build());
        requested = null;
      }
      Integer wanted = set.getSpec() == null ? null : set.getSpec().getReplicas();
      desired = wanted == null ? 1 : wanted;
      if (++ticks % POD_CHECK_TICKS == 0) {
        restartDeleted();
      }
      startMissing();
      stopLeaving();
      reportStatus(set);
      if (unreachable) {
        unreachable = false;
        LOG.info(
            "StatefulSet {}/{}: the API server answers again", objects.namespace(), objects.name());
      }
    } catch (RuntimeException e) {
      // One line per outage, not one per tick.
      if (!unreachable) {
        unreachable = true;
        LOG.warn(
            "StatefulSet {}/{}: {}; retrying every {} ms, quietly",
            objects.namespace(),
            objects.name(),
            e.toString(),
            TICK_MILLIS);
      }
    }
  }

  /**
   * Stops the replica of every running ordinal whose pod was deleted from outside (say {@code
   * kubectl delete pod}); {@link #startMissing} then starts it again with a new pod, as the
   * StatefulSet controller recreates a deleted pod.
   */
  private void restartDeleted() {
    Set<String> pods = new HashSet<>();
    for (Pod p : client.pods().inNamespace(objects.namespace()).list().getItems()) {
      pods.add(p.getMetadata().getName());
    }
    for (Integer k : new ArrayList<>(members.headMap(desired, false).keySet())) {
      if (!pods.contains(objects.podName(k))) {
        LOG.info(
            "StatefulSet {}: pod {} was deleted; starting replica {} again",
            objects.name(),
            objects.podName(k),
            k);
        members.remove(k).replica.close();
      }
    }
  }

  private void startMissing() {
    long now = System.nanoTime();
    for (int k = 0; k < desired; k++) {
      Member m = members.get(k);
      if (m != null) {
        m.leavingSinceNanos = -1;
        continue;
      }
      Long retry = retryAfterNanos.get(k);
      if (retry != null && now - retry < 0) {
        continue;
      }
      try {
        members.put(k, new Member(startPod(k)));
        retryAfterNanos.remove(k);
      } catch (Exception e) {
        LOG.warn("cannot start replica {} of {}: {}", k, objects.name(), e.toString());
        retryAfterNanos.put(k, now + RETRY_NANOS);
      }
    }
  }

  /** Creates pod {@code k} (replacing a leftover) and starts its replica. */
  private R startPod(int k) throws Exception {
    String pod = objects.podName(k);
    client.pods().inNamespace(objects.namespace()).withName(pod).delete();
    client.resource(objects.pod(k, setUid, incarnations++)).create();
    try {
      return launcher.start(k, objects.namespace(), pod);
    } catch (Exception | Error e) {
      client.pods().inNamespace(objects.namespace()).withName(pod).delete();
      throw e;
    }
  }

  private void stopLeaving() {
    long now = System.nanoTime();
    List<Integer> leaving = new ArrayList<>(members.tailMap(desired, true).keySet());
    if (leaving.isEmpty()) {
      return;
    }
    boolean remainingReady = true;
    for (Member m : members.headMap(desired, false).values()) {
      remainingReady &= m.replica.isReady();
    }
    for (int k : leaving) {
      Member m = members.get(k);
      if (m.leavingSinceNanos < 0) {
        m.leavingSinceNanos = now;
      }
      if (remainingReady && now - m.leavingSinceNanos >= graceNanos) {
        members.remove(k);
        m.replica.close();
        client.pods().inNamespace(objects.namespace()).withName(objects.podName(k)).delete();
        LOG.info("StatefulSet {}: replica {} stopped and its pod deleted", objects.name(), k);
      }
    }
  }

  /** Marks newly ready pods ready and writes the set's status when it changed. */
  private void reportStatus(StatefulSet set) {
    int ready = 0;
    for (Map.Entry<Integer, Member> e : members.entrySet()) {
      Member m = e.getValue();
      if (m.replica.isReady()) {
        ready++;
        if (!m.podReady) {
          markPodReady(e.getKey());
          m.podReady = true;
        }
      }
    }
    Long generation = set.getMetadata().getGeneration();
    List<Long> status =
        List.of((long) members.size(), (long) ready, generation == null ? 0 : generation);
    if (status.equals(lastStatus)) {
      return;
    }
    int readyReplicas = ready;
    statefulSet()
        .editStatus(
            s ->
                new StatefulSetBuilder(s)
                    .editStatus()
                    .withReplicas(members.size())
                    .withCurrentReplicas(members.size())
                    .withReadyReplicas(readyReplicas)
                    .withAvailableReplicas(readyReplicas)
                    .withObservedGeneration(generation)
                    .endStatus()
                    .build());
    lastStatus = status;
  }

  private void markPodReady(int k) {
    client
        .pods()
        .inNamespace(objects.namespace())
        .withName(objects.podName(k))
        .editStatus(
            p ->
                new PodBuilder(p)
                    .editStatus()
                    .withConditions()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .endCondition()
                    .endStatus()
                    .build());
  }

  private RollableScalableResource<StatefulSet> statefulSet() {
    return client.apps().statefulSets().inNamespace(objects.namespace()).withName(objects.name());
  }

  /** Stops the control loop, then every replica (highest ordinal first); idempotent. */
  @Override
  public void close() {
    loop.shutdownNow();
    List<Member> stopping;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      stopping = new ArrayList<>(members.descendingMap().values());
      members.clear();
    }
    for (Member m : stopping) {
      m.replica.close();
    }
  }
}
