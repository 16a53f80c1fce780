package dev.kubestate.exporter.resharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.ExpositionLines;
import dev.kubestate.exporter.testing.TestExporters;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The union property of sharding, end to end: for each shard map and 1, 2, 3 and 5 static shards,
 * the sample lines the shards serve on {@code /metrics} add up, as a multiset, to exactly the lines
 * of one unsharded exporter over the same API server; no line is served by two shards, and every
 * line a shard serves belongs to an object the map gives that shard. For {@code consistent-ranges}
 * (the one map the API server can select) it holds both against a server honouring {@code
 * shardSelector} and against one ignoring it, so client-side filtering alone must already be
 * enough.
 *
 * <p>The cluster is the demo's synthetic one: its UIDs are seeded and random-looking, unlike the
 * near-sequential UIDs the CRUD mock assigns, which cluster in FNV-1a's space and would leave
 * {@code consistent-ranges} shards empty. Every default kind is present. The unsharded reference
 * comes from a server that also ignores the metadata-only {@code Accept}, so ConfigMaps listed as
 * {@code PartialObjectMetadata} by the shards of the honouring server must add up to the lines of
 * full ConfigMaps.
 */
class ShardUnionIT {

  private static final Logger LOG = LoggerFactory.getLogger(ShardUnionIT.class);

  private static final SyntheticCluster CLUSTER = SyntheticCluster.generate(2, 5, 150);

  /** Object key ({@code resource/namespace/name}) to UID, for every seeded object. */
  private static final Map<String, String> UIDS = uids(CLUSTER);

  private static EmbeddedApiServer honouring;
  private static EmbeddedApiServer ignoring;

  /** The unsharded exporter's sample lines, with their counts. */
  private static Map<String, Integer> unsharded;

  @BeforeAll
  static void startServersAndReadUnshardedOutput() throws Exception {
    honouring = EmbeddedApiServer.start(0, ApiServerFeatures.withShardSelector());
    honouring.seed(CLUSTER.objects());
    // Ignores the metadata-only Accept too: the unsharded reference is rendered from full
    // ConfigMaps, the shards of the honouring server from PartialObjectMetadata.
    ignoring =
        EmbeddedApiServer.start(
            0, ApiServerFeatures.withoutShardSelector().withoutPartialObjectMetadata());
    ignoring.seed(CLUSTER.objects());
    try (Fleet one = Fleet.start(ignoring, ShardMap.jumpBackHash(), 1)) {
      unsharded = one.samples().get(0);
    }
    Set<String> kinds = new TreeSet<>();
    unsharded.keySet().forEach(line -> kinds.add(ObjectKey.of(line).resource()));
    assertEquals(
        new TreeSet<>(Kinds.defaults()), kinds, "kinds in the unsharded output of the cluster");
    List<String> repeated = new ArrayList<>();
    unsharded.forEach(
        (line, n) -> {
          if (n > 1) {
            repeated.add(n + "x " + line);
          }
        });
    assertEquals(List.of(), first(repeated), "lines the unsharded exporter serves more than once");
  }

  @AfterAll
  static void stopServers() {
    for (EmbeddedApiServer api : new EmbeddedApiServer[] {honouring, ignoring}) {
      if (api == null) {
        continue;
      }
      try {
        api.close();
      } catch (IllegalStateException e) {
        LOG.warn("the mock API server did not stop in time: {}", e.getMessage());
      }
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String map : ShardMap.NAMES) {
      for (int total : new int[] {1, 2, 3, 5}) {
        out.add(caseOf(map, total, true));
      }
    }
    for (int total : new int[] {1, 2, 3, 5}) {
      out.add(caseOf("consistent-ranges", total, false));
    }
    return out.stream();
  }

  private static Arguments caseOf(String map, int total, boolean serverHonoursSelector) {
    return Arguments.argumentSet(
        map
            + ", "
            + total
            + " shard(s), server "
            + (serverHonoursSelector ? "honours" : "ignores")
            + " shardSelector",
        map,
        total,
        serverHonoursSelector);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void shardsTogetherServeTheUnshardedSamplesEachOnceAndOnlyTheirOwn(
      String mapName, int total, boolean serverHonoursSelector) throws Exception {
    ShardMap map = ShardMap.named(mapName);
    List<Map<String, Integer>> perShard;
    List<Long> dropped;
    try (Fleet fleet = Fleet.start(serverHonoursSelector ? honouring : ignoring, map, total)) {
      perShard = fleet.samples();
      dropped = fleet.droppedByShardFilter();
    }
    if (total > 1) {
      boolean selectedOnServer = serverHonoursSelector && mapName.equals("consistent-ranges");
      for (int k = 0; k < total; k++) {
        assertEquals(
            selectedOnServer,
            dropped.get(k) == 0,
            "shard "
                + k
                + " dropped "
                + dropped.get(k)
                + " objects of other shards; the API"
                + " server "
                + (selectedOnServer ? "should have" : "cannot have")
                + " selected");
      }
    }
    Map<String, Integer> union = new TreeMap<>();
    Map<String, List<Integer>> servedBy = new TreeMap<>();
    for (int k = 0; k < total; k++) {
      assertServesOnlyItsOwn(map, new Shard(k, total), perShard.get(k));
      for (Map.Entry<String, Integer> e : perShard.get(k).entrySet()) {
        union.merge(e.getKey(), e.getValue(), Integer::sum);
        servedBy.computeIfAbsent(e.getKey(), l -> new ArrayList<>()).add(k);
      }
    }
    List<String> shared = new ArrayList<>();
    servedBy.forEach(
        (line, shards) -> {
          if (shards.size() > 1) {
            shared.add("shards " + shards + ": " + line);
          }
        });
    assertEquals(List.of(), first(shared), "lines served by more than one shard");
    assertEquals(List.of(), first(difference(unsharded, union)), "unsharded lines the shards lack");
    assertEquals(List.of(), first(difference(union, unsharded)), "shard lines unsharded lacks");
    assertEquals(unsharded, union);
  }

  /**
   * Asserts that every line {@code shard} serves belongs to an object {@code map} gives it, and,
   * when there are several shards, that it serves at least one pod.
   */
  private static void assertServesOnlyItsOwn(
      ShardMap map, Shard shard, Map<String, Integer> samples) {
    List<String> foreign = new ArrayList<>();
    Set<String> pods = new TreeSet<>();
    for (String line : samples.keySet()) {
      ObjectKey object = ObjectKey.of(line);
      if (!map.owns(shard, uidOf(object))) {
        foreign.add(line);
      }
      if (object.resource().equals("pods")) {
        pods.add(object.key());
      }
    }
    String name = "shard " + shard.ordinal() + " of " + shard.total();
    assertEquals(List.of(), first(foreign), "lines of objects " + name + " does not own");
    assertTrue(!shard.isSharded() || !pods.isEmpty(), name + " serves no pod");
  }

  private static String uidOf(ObjectKey object) {
    String uid = UIDS.get(object.key());
    assertTrue(uid != null, "no seeded object " + object.key());
    return uid;
  }

  /** Lines {@code a} holds more often than {@code b}, with the surplus. */
  private static List<String> difference(Map<String, Integer> a, Map<String, Integer> b) {
    List<String> out = new ArrayList<>();
    a.forEach(
        (line, n) -> {
          int surplus = n - b.getOrDefault(line, 0);
          if (surplus > 0) {
            out.add(surplus + "x " + line);
          }
        });
    return out;
  }

  /** At most the first five entries, so a failure message stays readable. */
  private static List<String> first(List<String> lines) {
    return lines.subList(0, Math.min(5, lines.size()));
  }

  private static Map<String, String> uids(SyntheticCluster cluster) {
    Map<String, String> out = new HashMap<>();
    for (HasMetadata o : cluster.objects()) {
      String resource = HasMetadata.getPlural(o.getClass());
      String namespace = o.getMetadata().getNamespace();
      out.put(
          resource + "/" + (namespace == null ? "" : namespace) + "/" + o.getMetadata().getName(),
          o.getMetadata().getUid());
    }
    return out;
  }

  /**
   * The object a sample line describes, found as KSM names it: every family of a kind is called
   * {@code kube_<kind>_...}, the prefix the kind's families share, and its lines carry the object's
   * name in the kind's identity label (and, for namespaced kinds, its namespace in {@code
   * namespace}). Neither is the resource name less its "s": {@code ingresses} are {@code
   * kube_ingress_} and {@code ingress}, {@code jobs} {@code kube_job_} and {@code job_name}.
   *
   * @param resource the {@code --resources} name, e.g. {@code pods}
   * @param key {@code resource/namespace/name}, the namespace empty for cluster-scoped kinds
   */
  record ObjectKey(String resource, String key) {

    private static final Map<String, String> PREFIXES = new HashMap<>();

    static {
      Kinds.all().forEach((resource, kind) -> PREFIXES.put(resource, familyPrefix(kind)));
    }

    static ObjectKey of(String line) {
      ExpositionLines.ParsedSample sample = ExpositionLines.parse(line);
      assertTrue(sample != null, "not a sample line: " + line);
      for (ResourceKind<?> kind : Kinds.all().values()) {
        if (!(sample.name() + "_").startsWith(PREFIXES.get(kind.resource()))) {
          continue;
        }
        List<String> identity = kind.identityLabels();
        // The label naming the object: the kind's own identity label (job_name for jobs), or
        // namespace for namespaces, whose only identity label it is.
        String singular =
            identity.stream().filter(l -> !l.equals("namespace")).findFirst().orElse("namespace");
        String name = label(sample, singular);
        String namespace = kind.namespaced() ? label(sample, "namespace") : "";
        assertTrue(name != null && namespace != null, "no identity labels in " + line);
        return new ObjectKey(kind.resource(), kind.resource() + "/" + namespace + "/" + name);
      }
      throw new AssertionError("no kind names the family of " + line);
    }

    /**
     * The prefix every family of {@code kind} shares, up to and with its last underscore: {@code
     * kube_job_} for jobs, {@code kube_ingress_} for ingresses.
     */
    private static String familyPrefix(ResourceKind<?> kind) {
      List<? extends Family<?>> families = kind.families(ResourceOptions.defaults());
      // With an underscore after each name, as kube_resourcequota is a family of its own.
      String prefix = families.get(0).name() + "_";
      for (Family<?> f : families) {
        while (!(f.name() + "_").startsWith(prefix)) {
          prefix = prefix.substring(0, prefix.length() - 1);
        }
      }
      return prefix.substring(0, prefix.lastIndexOf('_') + 1);
    }

    private static String label(ExpositionLines.ParsedSample sample, String name) {
      for (String[] kv : sample.labels()) {
        if (kv[0].equals(name)) {
          return kv[1];
        }
      }
      return null;
    }
  }

  /**
   * Static shards 0..total-1 of one shard map over one API server, all started before any is
   * awaited so they sync in parallel; server-side sharding {@code auto}. Closes every shard.
   */
  private static final class Fleet implements AutoCloseable {

    private static final Pattern DROPPED =
        Pattern.compile("(?m)^kube_state_exporter_shard_dropped_total\\{[^}]*} (\\S+)$");

    private final List<Exporter> exporters = new ArrayList<>();

    static Fleet start(EmbeddedApiServer api, ShardMap map, int total) throws Exception {
      Fleet fleet = new Fleet();
      try {
        for (int k = 0; k < total; k++) {
          ExporterConfig config =
              new ExporterConfig(
                  ExportedMetrics.defaults(),
                  Sharding.fixed(map, new Shard(k, total), ServerSideSharding.AUTO),
                  ClusterWatch.all(api.config()),
                  Listeners.ephemeral("127.0.0.1"));
          fleet.exporters.add(Exporter.start(config, TestExporters.strictEventLoop()));
        }
        for (int k = 0; k < total; k++) {
          Exporter e = fleet.exporters.get(k);
          Await.until("shard " + k + " of " + total + " synced", e::isSynced, s -> s);
        }
      } catch (Exception | Error e) {
        fleet.close();
        throw e;
      }
      return fleet;
    }

    /** Each shard's sample lines (headers left out), in shard order, with their counts. */
    List<Map<String, Integer>> samples() {
      List<Map<String, Integer>> out = new ArrayList<>();
      for (Exporter e : exporters) {
        Map<String, Integer> lines = new TreeMap<>();
        for (String line : Endpoints.lines(scrape(e))) {
          if (!line.startsWith("#")) {
            lines.merge(line, 1, Integer::sum);
          }
        }
        out.add(lines);
      }
      return out;
    }

    private static String scrape(Exporter e) {
      return Endpoints.metrics(e, "");
    }

    /**
     * Objects each shard received and dropped because another shard owns them, over all resources:
     * 0 when the API server selected for it, more when the shard filtered itself.
     */
    List<Long> droppedByShardFilter() {
      List<Long> out = new ArrayList<>();
      for (Exporter e : exporters) {
        long dropped = 0;
        Matcher m = DROPPED.matcher(Endpoints.get(e.telemetryPort(), "/metrics").body());
        while (m.find()) {
          dropped += (long) Double.parseDouble(m.group(1));
        }
        out.add(dropped);
      }
      return out;
    }

    @Override
    public void close() {
      exporters.forEach(Exporter::close);
    }
  }
}
