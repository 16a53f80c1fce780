package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static sharding through {@code render}: the shards' samples partition the unsharded ones. */
class ShardedRenderTest {

  @Test
  void shardsPartitionTheUnshardedSamples(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("namespaces.yaml");
    Files.writeString(file, seededNamespaces(120), StandardCharsets.UTF_8);
    Map<String, Integer> unsharded = samples(CliTest.run("render", file.toString()));
    for (int total = 2; total <= 5; total++) {
      Map<String, Integer> union = new TreeMap<>();
      for (int shard = 0; shard < total; shard++) {
        CliTest.Run r =
            CliTest.run("render", "--shard=" + shard, "--total-shards=" + total, file.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Integer> mine = samples(r);
        assertTrue(mine.size() < unsharded.size(), "shard " + shard + " of " + total + " owns all");
        for (String line : mine.keySet()) {
          assertTrue(!union.containsKey(line), line + " rendered by two shards of " + total);
        }
        union.putAll(mine);
      }
      assertEquals(unsharded, union, "union of " + total + " shards");
    }
  }

  private static Map<String, Integer> samples(CliTest.Run r) {
    assertEquals(0, r.exit(), r.err());
    Map<String, Integer> out = new TreeMap<>();
    for (String line : r.exposition().split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        out.merge(line, 1, Integer::sum);
      }
    }
    return out;
  }

  private static String seededNamespaces(int count) {
    SplittableRandom random = new SplittableRandom(42);
    KubernetesSerialization yaml = new KubernetesSerialization();
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Namespace ns =
          new NamespaceBuilder()
              .withNewMetadata()
              .withName("ns-" + i)
              .withUid(new UUID(random.nextLong(), random.nextLong()).toString())
              .endMetadata()
              .withNewStatus()
              .withPhase(i % 2 == 0 ? "Active" : "Terminating")
              .endStatus()
              .build();
      docs.add(yaml.asYaml(ns));
    }
    return String.join("\n", docs);
  }
}
