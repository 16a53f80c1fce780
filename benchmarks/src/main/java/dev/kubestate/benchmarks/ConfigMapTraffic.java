package dev.kubestate.benchmarks;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.ConfigMaps;
import dev.kubestate.exporter.resources.ObjectNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.PartialObjectMetadataList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What a metadata-only LIST of ConfigMaps would save: the bytes of a full {@code ConfigMapList}
 * against the {@code PartialObjectMetadataList} the API server sends for {@code Accept:
 * application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1}, and the time and heap fabric8
 * spends decoding each, for {@code count} ConfigMaps of {@code kib} KiB of data. Both forms are
 * rendered through the ConfigMap kind (whose families read only metadata) and must give the same
 * lines, or the program exits with status 1.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ConfigMapTraffic 2000 64
 * </pre>
 *
 * <p>Decoding is timed seven times after two warm-up rounds; the median wall time and the bytes
 * the decoding thread allocated are printed.
 */
public final class ConfigMapTraffic {

  private static final int WARMUP = 2;
  private static final int ROUNDS = 7;

  private ConfigMapTraffic() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int kib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<ConfigMap> maps = configMaps(count, kib);
    String full =
        serialization.asJson(
            new ConfigMapList("v1", maps, "ConfigMapList", new ListMetaBuilder().build()));
    List<PartialObjectMetadata> partial = new ArrayList<>();
    for (ConfigMap m : maps) {
      PartialObjectMetadata p = new PartialObjectMetadata();
      p.setApiVersion("meta.k8s.io/v1");
      p.setKind("PartialObjectMetadata");
      p.setMetadata(m.getMetadata());
      partial.add(p);
    }
    PartialObjectMetadataList metadataList = new PartialObjectMetadataList();
    metadataList.setApiVersion("meta.k8s.io/v1");
    metadataList.setKind("PartialObjectMetadataList");
    metadataList.setItems(partial);
    String metadataOnly = serialization.asJson(metadataList);

    byte[] fullBytes = full.getBytes(StandardCharsets.UTF_8);
    byte[] metadataBytes = metadataOnly.getBytes(StandardCharsets.UTF_8);
    Measure decodeFull =
        measure(() -> serialization.unmarshal(new String(fullBytes, StandardCharsets.UTF_8),
            ConfigMapList.class));
    Measure decodeMetadata =
        measure(() -> serialization.unmarshal(new String(metadataBytes, StandardCharsets.UTF_8),
            PartialObjectMetadataList.class));

    if (!sameLines(serialization, fullBytes, metadataBytes)) {
      System.err.println("metadata-only ConfigMaps render differently from full ones");
      System.exit(1);
    }
    System.out.printf(
        Locale.ROOT,
        "%d ConfigMaps of %d KiB data%n"
            + "full LIST:          %,d bytes, decoded in %.1f ms, %,d bytes allocated%n"
            + "metadata-only LIST: %,d bytes, decoded in %.1f ms, %,d bytes allocated%n"
            + "ratio: %.4f of the bytes, %.4f of the decode time, %.4f of the allocation;"
            + " rendered lines identical%n",
        count,
        kib,
        fullBytes.length,
        decodeFull.millis,
        decodeFull.allocated,
        metadataBytes.length,
        decodeMetadata.millis,
        decodeMetadata.allocated,
        (double) metadataBytes.length / fullBytes.length,
        decodeMetadata.millis / decodeFull.millis,
        (double) decodeMetadata.allocated / decodeFull.allocated);
  }

  /** ConfigMaps as apps have them: labels, an annotation, and {@code kib} KiB of text data. */
  static List<ConfigMap> configMaps(int count, int kib) {
    SplittableRandom random = new SplittableRandom(1);
    List<ConfigMap> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder(kib * 1024);
      while (text.length() < kib * 1024) {
        text.append("key").append(random.nextInt(1000)).append('=').append(random.nextLong())
            .append('\n');
      }
      out.add(
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName("app-config-" + i)
              .withNamespace("team-" + (i % 20))
              .withUid(new java.util.UUID(random.nextLong(), random.nextLong()).toString())
              .withResourceVersion(Integer.toString(1000 + i))
              .withCreationTimestamp("2026-01-01T00:00:00Z")
              .addToLabels("app.kubernetes.io/name", "app-" + i)
              .addToAnnotations("team", "team-" + (i % 20))
              .endMetadata()
              .addToData("application.properties", text.toString())
              .build());
    }
    return out;
  }

  /** Whether every ConfigMap renders to the same bytes from its full and its metadata form. */
  private static boolean sameLines(
      KubernetesSerialization serialization, byte[] full, byte[] metadataOnly) {
    KindRenderer<ConfigMap> renderer =
        new KindRenderer<>(
            new ConfigMaps(),
            new ResourceOptions(KeyAllowlist.ALL, KeyAllowlist.ALL),
            FamilyFilter.DEFAULT,
            RenderFailures.IGNORE,
            ObjectNames::describe);
    List<ConfigMap> a =
        serialization
            .unmarshal(new String(full, StandardCharsets.UTF_8), ConfigMapList.class)
            .getItems();
    List<PartialObjectMetadata> b =
        serialization
            .unmarshal(new String(metadataOnly, StandardCharsets.UTF_8),
                PartialObjectMetadataList.class)
            .getItems();
    for (int i = 0; i < a.size(); i++) {
      ConfigMap stub = new ConfigMap();
      stub.setMetadata(b.get(i).getMetadata());
      RenderedObject x = renderer.render(a.get(i));
      RenderedObject y = renderer.render(stub);
      if (!Arrays.equals(x.bytes(), y.bytes())) {
        return false;
      }
    }
    return true;
  }

  private record Measure(double millis, long allocated) {}

  private static Measure measure(Supplier<?> decode) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    double[] millis = new double[ROUNDS];
    long[] allocated = new long[ROUNDS];
    for (int round = -WARMUP; round < ROUNDS; round++) {
      long bytesBefore = threads.getThreadAllocatedBytes(self);
      long start = System.nanoTime();
      Object decoded = decode.get();
      long nanos = System.nanoTime() - start;
      long bytes = threads.getThreadAllocatedBytes(self) - bytesBefore;
      if (decoded == null) {
        throw new IllegalStateException("nothing decoded");
      }
      if (round >= 0) {
        millis[round] = nanos / 1e6;
        allocated[round] = bytes;
      }
    }
    Arrays.sort(millis);
    Arrays.sort(allocated);
    return new Measure(millis[ROUNDS / 2], allocated[ROUNDS / 2]);
  }
}
