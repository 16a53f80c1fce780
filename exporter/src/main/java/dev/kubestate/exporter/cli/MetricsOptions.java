package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.metrics.Allowlists;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.sharding.Shard;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The flags that decide what is exported, with KSM's names and semantics (reference/
 * ksm-flags.tsv): shared by {@code run}, {@code render} and {@code demo}.
 */
public final class MetricsOptions {

  @Option(
      names = "--resources",
      split = ",",
      paramLabel = "NAME",
      description =
          "Resources to export (comma-separated, repeatable); naming any replaces the default"
              + " set. Default: KSM's default resources (${bundle:resources.default}). Exported"
              + " only when named: ${bundle:resources.optIn}.")
  List<String> resources = new ArrayList<>();

  @Option(
      names = "--metric-allowlist",
      split = ",",
      paramLabel = "REGEX",
      description =
          "Only generate families whose name matches one of these regexes (unanchored)."
              + " Exclusive with --metric-denylist. Default: all.")
  List<String> metricAllowlist = new ArrayList<>();

  @Option(
      names = "--metric-denylist",
      split = ",",
      paramLabel = "REGEX",
      description =
          "Do not generate families whose name matches one of these regexes (unanchored)."
              + " Default: none.")
  List<String> metricDenylist = new ArrayList<>();

  @Option(
      names = "--metric-opt-in-list",
      split = ",",
      paramLabel = "REGEX",
      description = "Enable opt-in families matching these regexes (unanchored). Default: none.")
  List<String> metricOptInList = new ArrayList<>();

  @Option(
      names = "--metric-labels-allowlist",
      paramLabel = "RES=[KEYS]",
      description =
          "Kubernetes labels exported by kube_<kind>_labels, e.g. pods=[app,team],namespaces=[*]"
              + " or *=[*]. Default: none.")
  String labelsAllowlist;

  @Option(
      names = "--metric-annotations-allowlist",
      paramLabel = "RES=[KEYS]",
      description =
          "Kubernetes annotations exported by kube_<kind>_annotations, same syntax as"
              + " --metric-labels-allowlist. Default: none.")
  String annotationsAllowlist;

  @Option(
      names = "--shard",
      paramLabel = "N",
      description = "Zero-based shard index of this instance. Default: 0.")
  int shard = 0;

  @Option(
      names = "--total-shards",
      paramLabel = "N",
      description = "Total number of shards; 1 disables sharding. Default: 1.")
  int totalShards = 1;

  /**
   * Checks the flags and resolves what they export.
   *
   * @throws IllegalArgumentException with a one-line message naming the flag
   */
  public ExportedMetrics validate() {
    Set<String> known = Kinds.all().keySet();
    List<String> enabled;
    if (resources.isEmpty()) {
      enabled = Kinds.defaults();
    } else {
      Set<String> unique = new LinkedHashSet<>();
      for (String r : resources) {
        String name = r.trim();
        if (name.isEmpty()) {
          continue;
        }
        if (!known.contains(name)) {
          throw new IllegalArgumentException(
              "--resources: resource \"" + name + "\" does not exist. Available resources: "
                  + String.join(",", known));
        }
        unique.add(name);
      }
      enabled = unique.stream().sorted().toList();
    }
    staticShard();
    FamilyFilter filter = FamilyFilter.of(trimmed(metricAllowlist), trimmed(metricDenylist),
        trimmed(metricOptInList));
    Allowlists labels = Allowlists.parse("--metric-labels-allowlist", labelsAllowlist, known);
    Allowlists annotations =
        Allowlists.parse("--metric-annotations-allowlist", annotationsAllowlist, known);
    return new ExportedMetrics(enabled, filter, labels, annotations);
  }

  /**
   * The static shard, from {@code --shard} and {@code --total-shards}.
   *
   * @throws IllegalArgumentException with a one-line message naming the flag
   */
  public Shard staticShard() {
    if (totalShards < 1) {
      throw new IllegalArgumentException("--total-shards: must be >= 1, got " + totalShards);
    }
    if (shard < 0 || shard >= totalShards) {
      throw new IllegalArgumentException(
          "--shard: must be in [0, " + totalShards + ") for --total-shards=" + totalShards
              + ", got " + shard);
    }
    return new Shard(shard, totalShards);
  }

  /** Whether {@code --shard} or {@code --total-shards} was given a value other than its default. */
  public boolean namesAShard() {
    return shard != 0 || totalShards != 1;
  }

  private static List<String> trimmed(List<String> values) {
    return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
