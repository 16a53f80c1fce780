package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * StatefulSets of a synthetic cluster with what they own and need: pods {@code <set>-<ordinal>}
 * controlled by the set and labelled with their revision, one claim {@code
 * <template>-<set>-<ordinal>} per replica from the set's volume claim template (bound through
 * {@link SyntheticStorage}), and the headless service that governs the set. Prometheus and
 * Alertmanager run in {@code monitoring}; databases and queues in team namespaces, the first of
 * them with two or more replicas half-way through a rolling update. Statuses agree with the pods.
 * Immutable once built.
 *
 * @param statefulSets the sets
 * @param pods their pods, set by set in ordinal order
 * @param services the governing headless services
 */
record SyntheticStatefulSets(
    List<StatefulSet> statefulSets, List<Pod> pods, List<Service> services) {

  /** A kind of stateful application: image, port, claim template, usual sizes. */
  private record App(
      String name,
      String image,
      int port,
      String claim,
      String size,
      StorageBackend storage,
      List<Integer> replicas) {}

  /** A set of a fixed name, as an operator creates it, with labels its claims carry. */
  private record Fixed(
      String namespace, String name, String service, App app, Map<String, String> claimLabels) {}

  private static final List<Fixed> SYSTEM =
      List.of(
          new Fixed(
              "monitoring",
              "prometheus-k8s",
              "prometheus-operated",
              new App(
                  "prometheus",
                  "quay.io/prometheus/prometheus:v2.54.1",
                  9090,
                  "prometheus-k8s-db",
                  "100Gi",
                  StorageBackend.GP3,
                  List.of(2)),
              // Retention by size keeps this volume nearly full by design: no filling-up alert.
              Map.of("excluded_from_alerts", "true")),
          new Fixed(
              "monitoring",
              "alertmanager-main",
              "alertmanager-operated",
              new App(
                  "alertmanager",
                  "quay.io/prometheus/alertmanager:v0.27.0",
                  9093,
                  "alertmanager-main-db",
                  "10Gi",
                  StorageBackend.GP3,
                  List.of(3)),
              Map.of()));

  private static final List<App> TEAM_APPS =
      List.of(
          app("postgres", "docker.io/library/postgres:16.4", 5432, "data", "50Gi", 1, 2, 3),
          app("redis", "docker.io/library/redis:7.2.5", 6379, "data", "8Gi", 1, 3),
          app("kafka", "docker.io/bitnami/kafka:3.8.0", 9092, "data", "200Gi", 3),
          app("zookeeper", "docker.io/library/zookeeper:3.9.2", 2181, "datadir", "10Gi", 3),
          app("rabbitmq", "docker.io/library/rabbitmq:3.13.7", 5672, "data", "20Gi", 3),
          app("mongodb", "docker.io/library/mongo:7.0.14", 27017, "datadir", "50Gi", 1, 3),
          new App(
              "elasticsearch",
              "docker.elastic.co/elasticsearch/elasticsearch:8.15.1",
              9200,
              "data",
              "500Gi",
              StorageBackend.LOCAL_NVME,
              List.of(3)));

  private static App app(
      String name, String image, int port, String claim, String size, Integer... replicas) {
    return new App(name, image, port, claim, size, StorageBackend.GP3, List.of(replicas));
  }

  /**
   * Sets with {@code budget} pods at most, spread over {@code nodes} (the schedulable ones; none:
   * every pod pending and every claim waiting); claims and volumes go to {@code storage}.
   */
  static SyntheticStatefulSets generate(
      ClusterRandom random, List<Node> nodes, int budget, SyntheticStorage storage) {
    List<StatefulSet> sets = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    int remaining = budget;
    for (Fixed f : SYSTEM) {
      int replicas = f.app().replicas().get(0);
      if (replicas <= remaining) {
        Builder b =
            new Builder(
                random, f.namespace(), f.name(), f.service(), f.app(), replicas, f.claimLabels());
        b.build(replicas, nodes, storage, sets, pods, services);
        remaining -= replicas;
      }
    }
    Set<String> used = new HashSet<>();
    boolean rolling = false;
    for (int attempt = 0; remaining > 0 && attempt < 1000; attempt++) {
      String team = random.pick(SyntheticNamespaces.TEAMS);
      App app = random.pick(TEAM_APPS);
      String name = team + "-" + app.name();
      if (!used.add(name)) {
        continue;
      }
      int replicas = Math.min(random.pick(app.replicas()), remaining);
      int updated = replicas;
      if (!rolling && replicas >= 2) {
        rolling = true;
        updated = random.between(1, replicas - 1);
      }
      new Builder(random, "team-" + team, name, name, app, replicas, Map.of())
          .build(updated, nodes, storage, sets, pods, services);
      remaining -= replicas;
    }
    return new SyntheticStatefulSets(List.copyOf(sets), List.copyOf(pods), List.copyOf(services));
  }

  /** Builds one set and what it owns. */
  private static final class Builder {
    private final ClusterRandom random;
    private final String namespace;
    private final String name;
    private final String service;
    private final App app;
    private final int replicas;
    private final long ageSeconds;
    private final Map<String, String> selector;
    private final Map<String, String> claimLabels;

    Builder(
        ClusterRandom random,
        String namespace,
        String name,
        String service,
        App app,
        int replicas,
        Map<String, String> claimLabels) {
      this.random = random;
      this.namespace = namespace;
      this.name = name;
      this.service = service;
      this.app = app;
      this.replicas = replicas;
      this.ageSeconds = random.between(20 * 86400, 300 * 86400);
      this.selector = Map.of("app.kubernetes.io/name", name);
      // The controller gives each claim the template's labels and the set's selector.
      Map<String, String> labels = new LinkedHashMap<>(claimLabels);
      labels.putAll(selector);
      this.claimLabels = labels;
    }

    /**
     * Adds the set, its pods, claims and service; the {@code updated} highest ordinals run the
     * update revision, the others the current one (all updated: no rollout going on).
     */
    void build(
        int updated,
        List<Node> nodes,
        SyntheticStorage storage,
        List<StatefulSet> sets,
        List<Pod> pods,
        List<Service> services) {
      PodTemplates.Template template = template();
      String current = name + "-" + random.suffix(10);
      boolean rolling = updated < replicas;
      String update = rolling ? name + "-" + random.suffix(10) : current;
      StatefulSet set = statefulSet(template, rolling);
      List<Pod> own = new ArrayList<>();
      for (int k = 0; k < replicas; k++) {
        boolean onUpdate = rolling && k >= replicas - updated;
        // The pod the rollout recreated last still waits for its volume to attach.
        boolean attaching = rolling && k == replicas - updated;
        own.add(
            pod(
                set,
                template,
                k,
                onUpdate ? update : current,
                onUpdate,
                attaching,
                nodes,
                storage));
      }
      int ready = (int) own.stream().filter(SyntheticWorkloads::isReady).count();
      set.setStatus(
          new StatefulSetStatusBuilder()
              .withObservedGeneration(set.getMetadata().getGeneration())
              .withReplicas(replicas)
              .withReadyReplicas(ready)
              .withAvailableReplicas(ready)
              .withCurrentReplicas(rolling ? replicas - updated : replicas)
              .withUpdatedReplicas(rolling ? updated : replicas)
              .withCurrentRevision(current)
              .withUpdateRevision(update)
              .withCollisionCount(0)
              .build());
      sets.add(set);
      pods.addAll(own);
      services.add(
          SyntheticServices.service(
              random,
              namespace,
              service,
              "Headless",
              name,
              set.getMetadata().getCreationTimestamp()));
    }

    /** The pod template: the app's container, mounting its claim, admitted to the namespace. */
    private PodTemplates.Template template() {
      PodTemplates.Template template =
          SyntheticLimitRanges.admit(
              namespace,
              PodTemplates.single(
                  random,
                  app.name(),
                  app.image(),
                  app.port(),
                  random.chance(0.5) ? PodTemplates.Qos.GUARANTEED : PodTemplates.Qos.BURSTABLE));
      if (!namespace.startsWith("team-")) {
        template.spec().setServiceAccountName(name);
      }
      template
          .spec()
          .getContainers()
          .get(0)
          .setVolumeMounts(
              List.of(
                  new VolumeMountBuilder()
                      .withName(app.claim())
                      .withMountPath("/var/lib/" + app.name())
                      .build()));
      return template;
    }

    private StatefulSet statefulSet(PodTemplates.Template template, boolean rolling) {
      Map<String, String> labels = new LinkedHashMap<>(selector);
      labels.put("app.kubernetes.io/component", app.name());
      return new StatefulSetBuilder()
          .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .withUid(random.uid())
          .withCreationTimestamp(ClusterRandom.before(ageSeconds))
          .withGeneration((long) random.between(rolling ? 2 : 1, 12))
          .withLabels(labels)
          .endMetadata()
          .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector()
          .withMatchLabels(selector)
          .endSelector()
          .withServiceName(service)
          .withPodManagementPolicy(namespace.equals("monitoring") ? "Parallel" : "OrderedReady")
          .withNewUpdateStrategy()
          .withType("RollingUpdate")
          .withNewRollingUpdate()
          .withPartition(0)
          .endRollingUpdate()
          .endUpdateStrategy()
          .withRevisionHistoryLimit(10)
          .withMinReadySeconds(0)
          .withNewPersistentVolumeClaimRetentionPolicy()
          .withWhenDeleted("Retain")
          .withWhenScaled("Retain")
          .endPersistentVolumeClaimRetentionPolicy()
          .withTemplate(
              new PodTemplateSpec(
                  new ObjectMetaBuilder().withLabels(labels).build(), template.spec()))
          .withVolumeClaimTemplates(claimTemplate())
          .endSpec()
          .build();
    }

    private PersistentVolumeClaim claimTemplate() {
      PersistentVolumeClaim template =
          new PersistentVolumeClaimBuilder()
              .withNewMetadata()
              .withName(app.claim())
              .endMetadata()
              .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withNewResources()
              .addToRequests("storage", new Quantity(app.size()))
              .endResources()
              .withStorageClassName(app.storage().className)
              .withVolumeMode("Filesystem")
              .endSpec()
              .withNewStatus()
              .withPhase("Pending")
              .endStatus()
              .build();
      Map<String, String> own = new LinkedHashMap<>(claimLabels);
      own.keySet().removeAll(selector.keySet());
      if (!own.isEmpty()) {
        template.getMetadata().setLabels(own);
      }
      return template;
    }

    /**
     * Pod {@code k} of {@code revision} (recreated recently when {@code updated}; still creating
     * its containers when {@code attaching}) on a node drawn from {@code nodes}, and its claim.
     */
    private Pod pod(
        StatefulSet set,
        PodTemplates.Template template,
        int k,
        String revision,
        boolean updated,
        boolean attaching,
        List<Node> nodes,
        SyntheticStorage storage) {
      String pod = name + "-" + k;
      String claim = app.claim() + "-" + pod;
      Map<String, String> labels =
          new LinkedHashMap<>(set.getSpec().getTemplate().getMetadata().getLabels());
      labels.put("apps.kubernetes.io/pod-index", Integer.toString(k));
      labels.put("controller-revision-hash", revision);
      labels.put("statefulset.kubernetes.io/pod-name", pod);
      Node node = nodes.isEmpty() ? null : nodes.get(random.below(nodes.size()));
      SyntheticPods.State state = SyntheticPods.drawState(random);
      long claimAge = ageSeconds - 60L * k - random.between(5, 60);
      Pod out =
          SyntheticPods.generate(
              random,
              new SyntheticPods.Origin(
                  namespace,
                  pod,
                  null,
                  labels,
                  SyntheticPods.controllerOf("apps/v1", set),
                  template.spec()),
              template.qos(),
              node,
              attaching
                  ? SyntheticPods.State.CREATING
                  // A pod whose volume is bound stays on that volume's node or zone: never
                  // unplaced.
                  : state == SyntheticPods.State.UNSCHEDULABLE
                      ? SyntheticPods.State.RUNNING
                      : state,
              updated
                  ? random.between(60, 3600)
                  : random.between(60, (int) Math.min(claimAge, 30L * 86400)));
      out.getSpec().setHostname(pod);
      out.getSpec().setSubdomain(service);
      out.getSpec()
          .setVolumes(
              List.of(
                  new VolumeBuilder()
                      .withName(app.claim())
                      .withNewPersistentVolumeClaim()
                      .withClaimName(claim)
                      .endPersistentVolumeClaim()
                      .build()));
      storage.claim(
          random, namespace, claim, claimLabels, app.storage(), app.size(), claimAge, node);
      return out;
    }
  }
}
