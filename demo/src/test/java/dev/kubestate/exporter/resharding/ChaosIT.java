package dev.kubestate.exporter.resharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.demo.world.ClusterChurn;
import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.ExpositionLines;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos on a sharded demo cluster: three shards (consistent ranges, selected by the API server)
 * watch the synthetic cluster while it churns and the API server, from a seeded schedule, cuts
 * watches, compacts its history (watches resume with 410 Gone and list again), fails LISTs with
 * 500, refuses WATCHes, goes down, and answers slowly. Throughout, every scrape of every shard
 * parses and serves no sample twice. Once the faults and the churn stop, each shard serves, sample
 * for sample, what a fresh exporter of the same shard serves on the same API state.
 *
 * <p>Runs only when asked: {@code -Dchaos.seconds=40} (ten minutes: 600), {@code -Dchaos.seed=N}
 * for another schedule. Not in the default suite yet: one run in three here ended with shard 0
 * not equal to a fresh shard after 90 s, while the test API server had answered watch upgrades
 * with HTTP 400 during the faults; the cause is not found yet.
 */
class ChaosIT {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosIT.class);

  static final int DEFAULT_SECONDS = 40;
  private static final int SHARDS = 3;
  private static final ShardMap MAP = ShardMap.named("consistent-ranges");

  private EmbeddedApiServer api;
  private ClusterChurn churn;
  private final List<Exporter> exporters = new ArrayList<>();

  @AfterEach
  void stop() {
    if (churn != null) {
      churn.close();
    }
    exporters.forEach(Exporter::close);
    if (api != null) {
      api.close();
    }
  }

  private static Exporter start(EmbeddedApiServer api, int k) throws Exception {
    return Exporter.start(
        new ExporterConfig(
            ExportedMetrics.defaults(),
            Sharding.fixed(MAP, new Shard(k, SHARDS), ServerSideSharding.AUTO),
            ClusterWatch.all(api.config()),
            Listeners.ephemeral("127.0.0.1")));
  }

  @Test
  void shardsSurviveFaultsUnderChurnAndEndEqualToFreshShards() throws Exception {
    Assumptions.assumeTrue(
        System.getProperty("chaos.seconds") != null, "chaos runs only with -Dchaos.seconds=N");
    long seed = Long.getLong("chaos.seed", 7L);
    long seconds = Long.getLong("chaos.seconds", DEFAULT_SECONDS);
    SyntheticCluster cluster = SyntheticCluster.generate(seed, 3, 120);
    api = EmbeddedApiServer.start(0, ApiServerFeatures.withShardSelector());
    api.seed(cluster.objects());
    for (int k = 0; k < SHARDS; k++) {
      exporters.add(start(api, k));
    }
    for (Exporter e : exporters) {
      Await.until("synced", e::isSynced, s -> s);
    }
    churn = new ClusterChurn(api.client(), cluster);
    churn.start(20);

    AtomicBoolean chaos = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong scrapes = new AtomicLong();
    Thread scraper = new Thread(() -> scrapeWhile(chaos, problems, scrapes), "chaos-scraper");
    scraper.start();
    Map<String, Integer> injected = new TreeMap<>();
    Random random = new Random(seed);
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    try {
      while (System.nanoTime() < end) {
        injected.merge(injectOne(random), 1, Integer::sum);
      }
    } finally {
      api.faults().clear();
      if (!api.isServing()) {
        api.resume();
      }
      chaos.set(false);
      scraper.join();
      churn.close();
    }
    List<String> seen = List.copyOf(problems);
    assertEquals(List.of(), seen.subList(0, Math.min(5, seen.size())), "bad scrapes during chaos");
    assertTrue(scrapes.get() > 0, "scraped during chaos");

    for (int k = 0; k < SHARDS; k++) {
      Map<String, Integer> fresh;
      try (Exporter reference = start(api, k)) {
        Await.until("fresh shard synced", reference::isSynced, s -> s);
        fresh = samples(reference);
      }
      Exporter shard = exporters.get(k);
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      Map<String, Integer> served = samples(shard);
      while (!served.equals(fresh) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        served = samples(shard);
      }
      assertEquals(List.of(), difference(fresh, served), "shard " + k + " against a fresh one");
    }
    LOG.info(
        "chaos: {} s, seed {}, faults injected {}, {} churn changes ({} refused), {} scrapes"
            + " checked; every shard ended equal to a fresh one",
        seconds,
        seed,
        injected,
        churn.changes(),
        churn.failures(),
        scrapes.get());
  }

  /** Injects one fault from the schedule and lets it last; returns its name. */
  private String injectOne(Random random) throws InterruptedException {
    long hold = 500 + random.nextInt(2_000);
    switch (random.nextInt(6)) {
      case 0 -> {
        api.closeWatches();
        Thread.sleep(hold);
        return "watches cut";
      }
      case 1 -> {
        api.compact();
        api.closeWatches();
        Thread.sleep(hold);
        return "history compacted";
      }
      case 2 -> {
        api.faults().failLists(500);
        api.closeWatches();
        Thread.sleep(hold);
        api.faults().failLists(0);
        return "lists failing";
      }
      case 3 -> {
        api.faults().refuseWatches(true);
        api.closeWatches();
        Thread.sleep(hold);
        api.faults().refuseWatches(false);
        return "watches refused";
      }
      case 4 -> {
        api.suspend();
        Thread.sleep(hold);
        api.resume();
        return "server down";
      }
      default -> {
        api.faults().delayResponses(Duration.ofMillis(300));
        Thread.sleep(hold);
        api.faults().delayResponses(Duration.ZERO);
        return "answers slowed";
      }
    }
  }

  private void scrapeWhile(
      AtomicBoolean chaos, ConcurrentLinkedQueue<String> problems, AtomicLong scrapes) {
    while (chaos.get()) {
      for (int k = 0; k < SHARDS; k++) {
        String body = Endpoints.metrics(exporters.get(k), "");
        scrapes.incrementAndGet();
        Set<String> lines = new HashSet<>();
        for (String line : Endpoints.lines(body)) {
          if (line.startsWith("#")) {
            continue;
          }
          if (!lines.add(line)) {
            problems.add("shard " + k + " served a sample twice: " + line);
          }
          try {
            ExpositionLines.parse(line);
          } catch (RuntimeException e) {
            problems.add("shard " + k + " served an unparsable line: " + line);
          }
        }
      }
    }
  }

  /** Up to 20 lines only one side has: "-" a fresh shard's, "+" the chaotic shard's. */
  private static List<String> difference(Map<String, Integer> fresh, Map<String, Integer> served) {
    List<String> out = new ArrayList<>();
    fresh.keySet().stream().filter(l -> !served.containsKey(l)).forEach(l -> out.add("- " + l));
    served.keySet().stream().filter(l -> !fresh.containsKey(l)).forEach(l -> out.add("+ " + l));
    return out.subList(0, Math.min(20, out.size()));
  }

  private static Map<String, Integer> samples(Exporter e) {
    Map<String, Integer> out = new TreeMap<>();
    for (String line : Endpoints.lines(Endpoints.metrics(e, ""))) {
      if (!line.startsWith("#")) {
        out.merge(line, 1, Integer::sum);
      }
    }
    return out;
  }
}
