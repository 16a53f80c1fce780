package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The selector tokenizer finds metric names and matchers, and nothing else. */
class PromQlTest {

  @Test
  void findsSelectorsPastAggregationsLabelListsAndNumbers() {
    // KSM's KubeStateMetricsShardsMissing, as kube-prometheus ships it.
    String expr =
        "2^max(kube_state_metrics_total_shards{job=\"kube-state-metrics\"}) by (cluster) - 1\n"
            + "  -\n"
            + "sum( 2 ^ max by (cluster, shard_ordinal)"
            + " (kube_state_metrics_shard_ordinal{job=\"kube-state-metrics\"}) ) by (cluster)\n"
            + "!= 0";
    assertEquals(
        List.of(
            new PromQl.Selector("kube_state_metrics_total_shards", "job=\"kube-state-metrics\""),
            new PromQl.Selector("kube_state_metrics_shard_ordinal", "job=\"kube-state-metrics\"")),
        PromQl.selectors(expr));
  }

  @Test
  void skipsFunctionsRangesOffsetsAndStrings() {
    String expr =
        "histogram_quantile(0.99, sum by (le) (rate(a_bucket{handler=\"x}y\"}[5m] offset 1h)))"
            + " > 1e-6 or on (pod) group_left (family) b unless c offset 15m";
    assertEquals(
        List.of(
            new PromQl.Selector("a_bucket", "handler=\"x}y\""),
            new PromQl.Selector("b", ""),
            new PromQl.Selector("c", "")),
        PromQl.selectors(expr));
  }
}
