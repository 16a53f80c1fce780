package dev.kubestate.benchmarks;

import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.resources.ObjectNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering one object of a kind, every default family with a labels allowlist of every key: the
 * work per informer event, per kind. The objects are the demo cluster's (seed 1, 50 nodes, 2,000
 * pods), rendered in turn, so the figure is a mean over realistic objects of the kind ({@code -p
 * resource=pods,jobs} narrows the kinds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KindRenderBenchmark {

  @Param({
    "certificatesigningrequests",
    "clusterrolebindings",
    "clusterroles",
    "configmaps",
    "cronjobs",
    "daemonsets",
    "deployments",
    "endpoints",
    "endpointslices",
    "horizontalpodautoscalers",
    "ingressclasses",
    "ingresses",
    "jobs",
    "leases",
    "limitranges",
    "mutatingadmissionpolicies",
    "mutatingadmissionpolicybindings",
    "mutatingwebhookconfigurations",
    "namespaces",
    "networkpolicies",
    "nodes",
    "persistentvolumeclaims",
    "persistentvolumes",
    "poddisruptionbudgets",
    "pods",
    "replicasets",
    "replicationcontrollers",
    "resourcequotas",
    "rolebindings",
    "roles",
    "secrets",
    "serviceaccounts",
    "services",
    "statefulsets",
    "storageclasses",
    "validatingadmissionpolicies",
    "validatingadmissionpolicybindings",
    "validatingwebhookconfigurations",
    "volumeattachments"
  })
  public String resource;

  private List<Object> objects;
  private KindRenderer<Object> renderer;
  private int next;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    ResourceKind<Object> kind = (ResourceKind<Object>) Kinds.get(resource);
    if (kind == null) {
      throw new IllegalArgumentException("unknown resource " + resource);
    }
    objects = new ArrayList<>();
    for (HasMetadata o : SyntheticCluster.generate(1, 50, 2000).objects()) {
      if (kind.type().isInstance(o)) {
        objects.add(o);
      }
    }
    if (objects.isEmpty()) {
      throw new IllegalStateException("the demo cluster holds no " + resource);
    }
    renderer =
        new KindRenderer<>(
            kind,
            new ResourceOptions(KeyAllowlist.ALL, KeyAllowlist.NONE),
            FamilyFilter.DEFAULT,
            RenderFailures.IGNORE,
            o -> ObjectNames.describe((HasMetadata) o));
  }

  @Benchmark
  public RenderedObject render() {
    Object o = objects.get(next);
    next = next + 1 == objects.size() ? 0 : next + 1;
    return renderer.render(o);
  }
}
