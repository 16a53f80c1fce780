package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Map;

/**
 * Pod templates of synthetic workloads: one application container, sometimes a sidecar, with
 * resources shaped to one QoS class for the whole pod; or a single container of a given image, for
 * node agents, databases and batch tasks. Stateless.
 */
final class PodTemplates {

  /** Resource shape of every container of a pod, and the QoS class it yields. */
  enum Qos {
    BEST_EFFORT("BestEffort"),
    BURSTABLE("Burstable"),
    GUARANTEED("Guaranteed");

    final String className;

    Qos(String className) {
      this.className = className;
    }

    /**
     * The class of a pod of {@code spec}, as the API server assigns it: BestEffort without any
     * request or limit, Guaranteed when every container's CPU and memory requests equal its limits,
     * Burstable otherwise.
     */
    static Qos of(PodSpec spec) {
      boolean any = false;
      boolean guaranteed = true;
      for (Container c : spec.getContainers()) {
        ResourceRequirements r = c.getResources();
        Map<String, Quantity> requests = r == null ? null : r.getRequests();
        Map<String, Quantity> limits = r == null ? null : r.getLimits();
        any |= requests != null && !requests.isEmpty() || limits != null && !limits.isEmpty();
        for (String resource : List.of("cpu", "memory")) {
          guaranteed &=
              limits != null
                  && limits.get(resource) != null
                  && (requests == null
                      || requests.get(resource) == null
                      || requests.get(resource).equals(limits.get(resource)));
        }
      }
      return !any ? BEST_EFFORT : guaranteed ? GUARANTEED : BURSTABLE;
    }
  }

  /** A template and the QoS class its pods get. */
  record Template(PodSpec spec, Qos qos) {}

  private static final List<String> CPU_REQUESTS =
      List.of("10m", "50m", "100m", "250m", "500m", "1");
  private static final List<String> MEMORY_REQUESTS =
      List.of("32Mi", "64Mi", "128Mi", "256Mi", "512Mi", "1Gi", "2Gi");
  private static final List<String> SIDECARS = List.of("istio-proxy", "fluent-bit", "oauth2-proxy");

  private PodTemplates() {}

  /**
   * A template for application {@code app} with its image from {@code registry}, of a QoS class
   * drawn from the mix, sometimes with a sidecar or an init container.
   */
  static Template generate(ClusterRandom random, String app, String registry) {
    double roll = random.below(100) / 100.0;
    Qos qos = roll < 0.12 ? Qos.BEST_EFFORT : roll < 0.3 ? Qos.GUARANTEED : Qos.BURSTABLE;
    PodSpecBuilder spec =
        base(random, app)
            .addToContainers(
                container(
                    random,
                    app,
                    registry + "/" + app + ":v1." + random.below(40) + "." + random.below(10),
                    qos,
                    8080));
    if (random.chance(0.3)) {
      String sidecar = random.pick(SIDECARS);
      spec.addToContainers(
          container(
              random,
              sidecar,
              "docker.io/library/" + sidecar + ":1." + random.below(20),
              qos,
              15090));
    }
    if (random.chance(0.15)) {
      spec.addToInitContainers(
          container(random, "migrate", registry + "/" + app + "-migrate:v1", qos, 0));
    }
    return new Template(spec.build(), qos);
  }

  /**
   * A template of one container {@code name} running {@code image}, listening on {@code port} (0:
   * no port), with resources of class {@code qos}; its spec is the caller's to adjust.
   */
  static Template single(ClusterRandom random, String name, String image, int port, Qos qos) {
    return new Template(
        base(random, name).addToContainers(container(random, name, image, qos, port)).build(), qos);
  }

  private static PodSpecBuilder base(ClusterRandom random, String app) {
    return new PodSpecBuilder()
        .withRestartPolicy("Always")
        .withDnsPolicy("ClusterFirst")
        .withSchedulerName("default-scheduler")
        .withServiceAccountName(random.chance(0.5) ? app : "default")
        .withTerminationGracePeriodSeconds(30L)
        .withPriority(0)
        .withEnableServiceLinks(true)
        .withPreemptionPolicy("PreemptLowerPriority");
  }

  private static Container container(
      ClusterRandom random, String name, String image, Qos qos, int port) {
    ContainerBuilder c =
        new ContainerBuilder()
            .withName(name)
            .withImage(image)
            .withImagePullPolicy("IfNotPresent")
            .withResources(resources(random, qos))
            .withTerminationMessagePath("/dev/termination-log")
            .withTerminationMessagePolicy("File");
    if (port > 0) {
      c.addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort();
    }
    return c.build();
  }

  private static ResourceRequirements resources(ClusterRandom random, Qos qos) {
    if (qos == Qos.BEST_EFFORT) {
      return new ResourceRequirements();
    }
    int cpu = random.below(CPU_REQUESTS.size());
    int memory = random.below(MEMORY_REQUESTS.size());
    Quantity cpuRequest = new Quantity(CPU_REQUESTS.get(cpu));
    Quantity memoryRequest = new Quantity(MEMORY_REQUESTS.get(memory));
    ResourceRequirementsBuilder r =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", cpuRequest)
            .addToRequests("memory", memoryRequest);
    if (qos == Qos.GUARANTEED) {
      return r.addToLimits("cpu", cpuRequest).addToLimits("memory", memoryRequest).build();
    }
    if (random.chance(0.7)) {
      r.addToLimits(
          "memory",
          new Quantity(MEMORY_REQUESTS.get(Math.min(memory + 1, MEMORY_REQUESTS.size() - 1))));
    }
    if (random.chance(0.3)) {
      r.addToLimits("cpu", new Quantity("2"));
    }
    return r.build();
  }
}
