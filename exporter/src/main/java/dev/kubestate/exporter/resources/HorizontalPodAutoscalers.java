package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import java.util.List;
import java.util.function.Function;

/**
 * HorizontalPodAutoscaler families ({@code horizontalpodautoscalers}, autoscaling/v2); identity
 * {@code namespace}, {@code horizontalpodautoscaler}.
 */
public final class HorizontalPodAutoscalers extends KubernetesKind<HorizontalPodAutoscaler> {

  public HorizontalPodAutoscalers() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  public List<Family<HorizontalPodAutoscaler>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_horizontalpodautoscaler_info", "Information about this autoscaler.", ALPHA,
            HorizontalPodAutoscalers::info),
        metadataGeneration("kube_horizontalpodautoscaler_metadata_generation",
            "The generation observed by the HorizontalPodAutoscaler controller.", STABLE),
        gauge("kube_horizontalpodautoscaler_spec_max_replicas", "Upper limit for the number of"
                + " pods that can be set by the autoscaler; cannot be smaller than MinReplicas.",
            STABLE, value(a -> spec(a).getMaxReplicas())),
        gauge("kube_horizontalpodautoscaler_spec_min_replicas", "Lower limit for the number of"
                + " pods that can be set by the autoscaler, default 1.", STABLE,
            HorizontalPodAutoscalers::specMinReplicas),
        gauge("kube_horizontalpodautoscaler_spec_target_metric", "The metric specifications used"
                + " by this autoscaler when calculating the desired replica count.", ALPHA,
            HorizontalPodAutoscalers::specTargetMetric),
        gauge("kube_horizontalpodautoscaler_spec_behavior_scale_down_tolerance", "The tolerance on"
                + " the ratio between the current and desired metric value below which no scale"
                + " down occurs.", ALPHA, tolerance(HorizontalPodAutoscalerBehavior::getScaleDown)),
        gauge("kube_horizontalpodautoscaler_spec_behavior_scale_up_tolerance", "The tolerance on"
                + " the ratio between the current and desired metric value below which no scale"
                + " up occurs.", ALPHA, tolerance(HorizontalPodAutoscalerBehavior::getScaleUp)),
        gauge("kube_horizontalpodautoscaler_status_target_metric", "The current metric status used"
                + " by this autoscaler when calculating the desired replica count.", STABLE,
            HorizontalPodAutoscalers::statusTargetMetric),
        gauge("kube_horizontalpodautoscaler_status_current_replicas",
            "Current number of replicas of pods managed by this autoscaler.", STABLE,
            value(a -> status(a).getCurrentReplicas())),
        gauge("kube_horizontalpodautoscaler_status_desired_replicas",
            "Desired number of replicas of pods managed by this autoscaler.", STABLE,
            value(a -> status(a).getDesiredReplicas())),
        annotations("kube_horizontalpodautoscaler_annotations", ALPHA, options),
        labels("kube_horizontalpodautoscaler_labels", STABLE, options),
        gauge("kube_horizontalpodautoscaler_status_condition", "The condition of this autoscaler.",
            STABLE, HorizontalPodAutoscalers::conditions),
        created("kube_horizontalpodautoscaler_created", ALPHA),
        deletionTimestamp("kube_horizontalpodautoscaler_deletion_timestamp", ALPHA));
  }

  private static HorizontalPodAutoscalerSpec spec(HorizontalPodAutoscaler a) {
    return orZero(a.getSpec(), HorizontalPodAutoscalerSpec::new);
  }

  private static HorizontalPodAutoscalerStatus status(HorizontalPodAutoscaler a) {
    return orZero(a.getStatus(), HorizontalPodAutoscalerStatus::new);
  }

  /** The {@code scaletargetref_api_version} label is left out when the apiVersion is empty. */
  private static void info(HorizontalPodAutoscaler a, Samples out) {
    CrossVersionObjectReference ref =
        orZero(spec(a).getScaleTargetRef(), CrossVersionObjectReference::new);
    out.begin();
    if (ref.getApiVersion() != null && !ref.getApiVersion().isEmpty()) {
      out.label("scaletargetref_api_version", ref.getApiVersion());
    }
    out.label("scaletargetref_kind", ref.getKind()).label("scaletargetref_name", ref.getName())
        .value(1);
  }

  /** An unset {@code minReplicas} is reported as the API default, 1. */
  private static void specMinReplicas(HorizontalPodAutoscaler a, Samples out) {
    Integer min = spec(a).getMinReplicas();
    out.sample(min == null ? 1 : min);
  }

  /**
   * One sample per set field of each entry's target. An entry of another type, or (unlike KSM,
   * which would dereference nil) without the source its type names, is skipped.
   */
  private static void specTargetMetric(HorizontalPodAutoscaler a, Samples out) {
    for (MetricSpec m : items(spec(a).getMetrics(), MetricSpec::new)) {
      String type = m.getType() == null ? "" : m.getType();
      switch (type) {
        case "Object":
          if (m.getObject() != null) {
            target(name(m.getObject().getMetric()), "", m.getObject().getTarget(), out);
          }
          break;
        case "Pods":
          if (m.getPods() != null) {
            target(name(m.getPods().getMetric()), "", m.getPods().getTarget(), out);
          }
          break;
        case "Resource":
          if (m.getResource() != null) {
            target(m.getResource().getName(), "", m.getResource().getTarget(), out);
          }
          break;
        case "ContainerResource":
          if (m.getContainerResource() != null) {
            target(m.getContainerResource().getName(), m.getContainerResource().getContainer(),
                m.getContainerResource().getTarget(), out);
          }
          break;
        case "External":
          if (m.getExternal() != null) {
            target(name(m.getExternal().getMetric()), "", m.getExternal().getTarget(), out);
          }
          break;
        default:
          break;
      }
    }
  }

  /** As {@link #specTargetMetric} for {@code status.currentMetrics}: KSM skips a missing source. */
  private static void statusTargetMetric(HorizontalPodAutoscaler a, Samples out) {
    for (MetricStatus m : items(status(a).getCurrentMetrics(), MetricStatus::new)) {
      String type = m.getType() == null ? "" : m.getType();
      switch (type) {
        case "Object":
          if (m.getObject() != null) {
            current(name(m.getObject().getMetric()), "", m.getObject().getCurrent(), out);
          }
          break;
        case "Pods":
          if (m.getPods() != null) {
            current(name(m.getPods().getMetric()), "", m.getPods().getCurrent(), out);
          }
          break;
        case "Resource":
          if (m.getResource() != null) {
            current(m.getResource().getName(), "", m.getResource().getCurrent(), out);
          }
          break;
        case "ContainerResource":
          if (m.getContainerResource() != null) {
            current(m.getContainerResource().getName(), m.getContainerResource().getContainer(),
                m.getContainerResource().getCurrent(), out);
          }
          break;
        case "External":
          if (m.getExternal() != null) {
            current(name(m.getExternal().getMetric()), "", m.getExternal().getCurrent(), out);
          }
          break;
        default:
          break;
      }
    }
  }

  private static String name(MetricIdentifier metric) {
    return metric == null ? "" : metric.getName();
  }

  private static void target(String name, String container, MetricTarget t, Samples out) {
    if (t != null) {
      metric(name, container, t.getValue(), t.getAverageValue(), t.getAverageUtilization(), out);
    }
  }

  private static void current(String name, String container, MetricValueStatus c, Samples out) {
    if (c != null) {
      metric(name, container, c.getValue(), c.getAverageValue(), c.getAverageUtilization(), out);
    }
  }

  /**
   * One sample per field that is set: {@code value} and {@code average} as milli floats, {@code
   * utilization} as the percentage. KSM collects them in a Go map, so its order varies
   * (ksm-behaviour.md 3.5); ours is fixed.
   *
   * @throws IllegalArgumentException for an unparsable quantity
   */
  private static void metric(String name, String container, Quantity value, Quantity average,
      Integer utilization, Samples out) {
    if (value != null) {
      typed(name, "value", container, Quantities.milliFloat(value), out);
    }
    if (average != null) {
      typed(name, "average", container, Quantities.milliFloat(average), out);
    }
    if (utilization != null) {
      typed(name, "utilization", container, utilization, out);
    }
  }

  private static void typed(String name, String type, String container, double v, Samples out) {
    out.begin()
        .label("metric_name", name)
        .label("metric_target_type", type)
        .label("container", container)
        .value(v);
  }

  /**
   * The tolerance of one scaling direction as Go's approximate float; no sample when the behavior,
   * the direction or the tolerance is unset or does not parse (Go leaves the pointer nil).
   */
  private static Generator<HorizontalPodAutoscaler> tolerance(
      Function<HorizontalPodAutoscalerBehavior, HPAScalingRules> direction) {
    return (a, out) -> {
      HorizontalPodAutoscalerBehavior behavior = spec(a).getBehavior();
      HPAScalingRules rules = behavior == null ? null : direction.apply(behavior);
      double tolerance =
          rules == null || rules.getTolerance() == null
              ? Double.NaN
              : ApproximateQuantities.orNaN(rules.getTolerance());
      if (!Double.isNaN(tolerance)) {
        out.sample(tolerance);
      }
    };
  }

  private static void conditions(HorizontalPodAutoscaler a, Samples out) {
    for (HorizontalPodAutoscalerCondition c :
        items(status(a).getConditions(), HorizontalPodAutoscalerCondition::new)) {
      Conditions.STATUS.write(out.begin().label("condition", c.getType()), c.getStatus());
    }
  }
}
