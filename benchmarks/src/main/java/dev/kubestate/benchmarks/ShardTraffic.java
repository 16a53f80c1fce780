package dev.kubestate.benchmarks;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import dev.kubestate.sharding.ShardSelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bytes and objects the API server sends each shard's LISTs, with and without server-side sharding,
 * for 1, 2, 4 and 8 shards, over one seeded demo cluster.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ShardTraffic 10000
 * </pre>
 *
 * <p>Two embedded API servers hold the same cluster: one honours {@code shardSelector}, one ignores
 * it (an older server, or the feature gate off). Every shard k of N LISTs pods, replicasets,
 * deployments, services, nodes and namespaces from both with its consistent-ranges selector, as a
 * shard of an exporter with server-side sharding asks; from the second server it receives
 * everything and has to filter itself. Counted are the response body bytes as sent (the mock does
 * not compress) and the items. The program checks, and exits with status 1 otherwise, that with the
 * selector honoured every response echoes it in {@code metadata.shardInfo}, every item is one the
 * consistent-ranges map gives that shard, and the shards' items of each kind together are the
 * unsharded set, none twice; and that the ignoring server sends every shard the unsharded set
 * without {@code shardInfo}.
 */
public final class ShardTraffic {

  private static final int[] TOTALS = {1, 2, 4, 8};
  private static final List<String> PATHS =
      List.of(
          "/api/v1/pods",
          "/apis/apps/v1/replicasets",
          "/apis/apps/v1/deployments",
          "/api/v1/services",
          "/api/v1/nodes",
          "/api/v1/namespaces");

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = JsonMapper.builder().build();
  private final List<String> failures = new ArrayList<>();

  private ShardTraffic() {}

  /** What one LIST returned: body bytes, item UIDs in order, and the echoed selector if any. */
  private record Listing(long bytes, List<String> uids, String echoedSelector) {}

  /** What one shard received over all paths. */
  private record Received(long bytes, long items) {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    SyntheticCluster cluster = SyntheticCluster.generate(1, Math.max(10, pods / 40), pods);
    ShardTraffic traffic = new ShardTraffic();
    try (EmbeddedApiServer honouring =
            EmbeddedApiServer.start(0, ApiServerFeatures.withShardSelector());
        EmbeddedApiServer ignoring =
            EmbeddedApiServer.start(0, ApiServerFeatures.withoutShardSelector())) {
      honouring.seed(cluster.objects());
      ignoring.seed(cluster.objects());
      System.out.printf(
          Locale.ROOT, "cluster: %d objects, %d pods%n", cluster.size(), cluster.pods().size());
      traffic.measure(honouring.url(), ignoring.url());
    }
    if (!traffic.failures.isEmpty()) {
      traffic.failures.forEach(f -> System.err.println("FAILED: " + f));
      System.exit(1);
    }
    System.out.println("checks passed: shards partition every kind, ignoring server sends all");
  }

  private void measure(String honouring, String ignoring) throws Exception {
    List<Listing> unsharded = new ArrayList<>();
    long unshardedBytes = 0;
    long unshardedItems = 0;
    for (String path : PATHS) {
      Listing l = list(honouring, path, null);
      unsharded.add(l);
      unshardedBytes += l.bytes();
      unshardedItems += l.uids().size();
      System.out.printf(
          Locale.ROOT, "unsharded %s: %d items, %,d B%n", path, l.uids().size(), l.bytes());
    }
    System.out.printf(
        Locale.ROOT, "unsharded total: %d items, %,d B%n%n", unshardedItems, unshardedBytes);
    System.out.println(
        "| N | with selector: bytes per shard, mean | max | of unsharded (mean)"
            + " | objects per shard, mean | max | of unsharded (mean)"
            + " | without: bytes per shard | objects per shard | of unsharded |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int total : TOTALS) {
      List<Received> with = new ArrayList<>();
      List<Received> without = new ArrayList<>();
      List<Set<String>> unions = new ArrayList<>();
      List<Long> sums = new ArrayList<>();
      for (int p = 0; p < PATHS.size(); p++) {
        unions.add(new HashSet<>());
        sums.add(0L);
      }
      for (int ordinal = 0; ordinal < total; ordinal++) {
        Shard shard = new Shard(ordinal, total);
        String selector = ShardSelector.format(ShardMap.consistentRanges().ranges(shard));
        with.add(receive(honouring, shard, selector, unsharded, unions, sums, true));
        without.add(receive(ignoring, shard, selector, unsharded, null, null, false));
      }
      for (int p = 0; p < PATHS.size(); p++) {
        checkPartition(total, p, unsharded.get(p), unions.get(p), sums.get(p));
      }
      printRow(total, with, without, unshardedBytes, unshardedItems);
    }
  }

  /**
   * Every path's LIST for {@code shard}; records what a selected LIST returned into {@code unions}
   * and {@code sums} when given, and checks the responses.
   */
  private Received receive(
      String url,
      Shard shard,
      String selector,
      List<Listing> unsharded,
      List<Set<String>> unions,
      List<Long> sums,
      boolean honoured)
      throws Exception {
    long bytes = 0;
    long items = 0;
    for (int p = 0; p < PATHS.size(); p++) {
      String path = PATHS.get(p);
      Listing l = list(url, path, selector);
      bytes += l.bytes();
      items += l.uids().size();
      String what = path + " for shard " + shard.ordinal() + " of " + shard.total();
      if (honoured) {
        check(selector.equals(l.echoedSelector()), what + ": selector not echoed in shardInfo");
        for (String uid : l.uids()) {
          check(ShardMap.consistentRanges().owns(shard, uid), what + ": foreign object " + uid);
        }
        unions.get(p).addAll(l.uids());
        sums.set(p, sums.get(p) + l.uids().size());
      } else {
        check(l.echoedSelector() == null, what + ": ignoring server echoed shardInfo");
        check(
            l.uids().equals(unsharded.get(p).uids()),
            what + ": ignoring server did not send the unsharded list");
      }
    }
    return new Received(bytes, items);
  }

  private void checkPartition(int total, int p, Listing unsharded, Set<String> union, long sum) {
    String what = PATHS.get(p) + " over " + total + " shards";
    Set<String> all = new HashSet<>(unsharded.uids());
    check(union.equals(all), what + ": union of shards is not the unsharded set");
    check(sum == all.size(), what + ": " + (sum - all.size()) + " objects sent to two shards");
  }

  private Listing list(String baseUrl, String path, String selector) throws Exception {
    String uri = baseUrl.replaceAll("/$", "") + path;
    if (selector != null) {
      uri +=
          "?shardSelector="
              + URLEncoder.encode(selector, StandardCharsets.UTF_8).replace("+", "%20");
    }
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(uri)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET "
              + uri
              + ": HTTP "
              + response.statusCode()
              + " "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    JsonNode list = json.readTree(response.body());
    List<String> uids = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      uids.add(item.path("metadata").path("uid").asString());
    }
    JsonNode echoed = list.path("metadata").path("shardInfo").path("selector");
    return new Listing(
        response.body().length, uids, echoed.isMissingNode() ? null : echoed.asString());
  }

  private void check(boolean condition, String failure) {
    if (!condition) {
      failures.add(failure);
    }
  }

  private static void printRow(
      int total, List<Received> with, List<Received> without, long allBytes, long allItems) {
    double meanBytes = with.stream().mapToLong(Received::bytes).average().orElse(0);
    long maxBytes = with.stream().mapToLong(Received::bytes).max().orElse(0);
    double meanItems = with.stream().mapToLong(Received::items).average().orElse(0);
    long maxItems = with.stream().mapToLong(Received::items).max().orElse(0);
    double withoutBytes = without.stream().mapToLong(Received::bytes).average().orElse(0);
    double withoutItems = without.stream().mapToLong(Received::items).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "| %d | %,.0f | %,d | %.3f | %,.0f | %,d | %.3f | %,.0f | %,.0f | %.3f |%n",
        total,
        meanBytes,
        maxBytes,
        meanBytes / allBytes,
        meanItems,
        maxItems,
        meanItems / allItems,
        withoutBytes,
        withoutItems,
        withoutBytes / allBytes);
  }
}
