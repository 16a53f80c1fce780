package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHintsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Endpoints and EndpointSlice of one service, as the endpoints and EndpointSlice controllers
 * keep them: every pod the service selects that has an IP and has not ended is an endpoint, ready
 * when the pod is ready and not terminating, serving when the pod is ready, with its node, zone and
 * (for a StatefulSet's pods) hostname; the Endpoints object lists terminating pods nowhere and
 * not-ready ones apart. (The API server drops a deletion timestamp sent with a new object, so the
 * seeded pods are never terminating; the rule holds for any pod.) A service asking for
 * topology-aware routing gets zone hints once three endpoints are ready. The {@code kubernetes}
 * service's endpoints are the API server's addresses, with no pod behind them. Used to generate a
 * cluster and by its churn. Stateless.
 */
final class ServiceEndpoints {

  private ServiceEndpoints() {}

  /** Whether {@code service} selects {@code pod}: same namespace, every selector label matches. */
  static boolean selects(Service service, Pod pod) {
    Map<String, String> selector = service.getSpec().getSelector();
    Map<String, String> labels = pod.getMetadata().getLabels();
    return selector != null
        && !selector.isEmpty()
        && labels != null
        && service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
        && labels.entrySet().containsAll(selector.entrySet());
  }

  /** Whether {@code pod} is an endpoint of the services selecting it: it has an IP, not ended. */
  static boolean isEndpoint(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getStatus() != null
        && pod.getStatus().getPodIP() != null
        && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** The Endpoints of {@code service} over {@code pods} (its own, in order). */
  static Endpoints endpoints(ClusterRandom random, Service service, List<Pod> pods) {
    List<EndpointAddress> ready = new ArrayList<>();
    List<EndpointAddress> notReady = new ArrayList<>();
    for (Pod p : pods) {
      if (isTerminating(p)) {
        continue;
      }
      EndpointAddress a =
          new EndpointAddressBuilder()
              .withIp(p.getStatus().getPodIP())
              .withHostname(hostname(service, p))
              .withNodeName(p.getSpec().getNodeName())
              .withTargetRef(targetRef(p))
              .build();
      (SyntheticWorkloads.isReady(p) ? ready : notReady).add(a);
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    if (!ready.isEmpty() || !notReady.isEmpty()) {
      subsets.add(
          new EndpointSubsetBuilder()
              .withAddresses(ready)
              .withNotReadyAddresses(notReady)
              .withPorts(corePorts(service))
              .build());
    }
    return withSubsets(random, service, subsets);
  }

  /** The Endpoints of the {@code kubernetes} service: the API server's {@code addresses}. */
  static Endpoints apiServer(ClusterRandom random, Service service, List<String> addresses) {
    List<EndpointAddress> ready = new ArrayList<>();
    addresses.forEach(ip -> ready.add(new EndpointAddressBuilder().withIp(ip).build()));
    return withSubsets(
        random,
        service,
        List.of(
            new EndpointSubsetBuilder()
                .withAddresses(ready)
                .withPorts(corePorts(service))
                .build()));
  }

  private static Endpoints withSubsets(
      ClusterRandom random, Service service, List<EndpointSubset> subsets) {
    return new EndpointsBuilder()
        .withNewMetadata()
        .withName(service.getMetadata().getName())
        .withNamespace(service.getMetadata().getNamespace())
        .withUid(random.uid())
        .withCreationTimestamp(service.getMetadata().getCreationTimestamp())
        .withLabels(new LinkedHashMap<>(labels(service)))
        .endMetadata()
        .withSubsets(subsets)
        .build();
  }

  /**
   * The EndpointSlice of {@code service} over {@code pods} (its own, in order); {@code nodes} gives
   * each endpoint its node's zone.
   */
  static EndpointSlice slice(
      ClusterRandom random, Service service, List<Pod> pods, Map<String, Node> nodes) {
    List<Endpoint> endpoints = new ArrayList<>();
    int ready = 0;
    for (Pod p : pods) {
      Node node = nodes.get(p.getSpec().getNodeName());
      Endpoint e =
          new EndpointBuilder()
              .withAddresses(p.getStatus().getPodIP())
              .withHostname(hostname(service, p))
              .withNodeName(p.getSpec().getNodeName())
              .withZone(node == null ? null : SyntheticNodes.zone(node))
              .withTargetRef(targetRef(p))
              .build();
      setConditions(e, SyntheticWorkloads.isReady(p), isTerminating(p));
      ready += Boolean.TRUE.equals(e.getConditions().getReady()) ? 1 : 0;
      endpoints.add(e);
    }
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    if (ready >= 3
        && annotations != null
        && "Auto".equals(annotations.get(SyntheticServices.TOPOLOGY_MODE))) {
      for (Endpoint e : endpoints) {
        if (e.getZone() != null) {
          e.setHints(new EndpointHintsBuilder().addToForZones(new ForZone(e.getZone())).build());
        }
      }
    }
    return slice(
        random, service, service.getMetadata().getName() + "-" + random.suffix(5), endpoints);
  }

  /** The EndpointSlice of the {@code kubernetes} service: the API server's {@code addresses}. */
  static EndpointSlice apiServerSlice(
      ClusterRandom random, Service service, List<String> addresses) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String ip : addresses) {
      Endpoint e = new EndpointBuilder().withAddresses(ip).build();
      setConditions(e, true, false);
      endpoints.add(e);
    }
    return slice(random, service, service.getMetadata().getName(), endpoints);
  }

  private static EndpointSlice slice(
      ClusterRandom random, Service service, String name, List<Endpoint> endpoints) {
    Map<String, String> labels = new LinkedHashMap<>(labels(service));
    labels.put("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
    labels.put("kubernetes.io/service-name", service.getMetadata().getName());
    List<EndpointPort> ports = new ArrayList<>();
    for (ServicePort p : service.getSpec().getPorts()) {
      ports.add(
          new EndpointPortBuilder()
              .withName(p.getName())
              .withPort(p.getTargetPort().getIntVal())
              .withProtocol(p.getProtocol())
              .build());
    }
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withName(name)
        .withGenerateName(service.getMetadata().getName() + "-")
        .withNamespace(service.getMetadata().getNamespace())
        .withUid(random.uid())
        .withCreationTimestamp(service.getMetadata().getCreationTimestamp())
        .withLabels(labels)
        .withOwnerReferences(SyntheticPods.controllerOf("v1", service))
        .endMetadata()
        .withAddressType("IPv4")
        .withEndpoints(endpoints)
        .withPorts(ports)
        .build();
  }

  /**
   * Sets the conditions of {@code e} for a pod that is {@code ready} and {@code terminating}: a
   * terminating endpoint is never ready, and serves while its pod is ready.
   */
  static void setConditions(Endpoint e, boolean ready, boolean terminating) {
    e.setConditions(new EndpointConditions(ready && !terminating, ready, terminating));
  }

  /** A reference to {@code pod}, as an endpoint's target. */
  static ObjectReference targetRef(Pod pod) {
    return new ObjectReferenceBuilder()
        .withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .build();
  }

  /** A StatefulSet pod's hostname, for the headless service that governs it; else null. */
  private static String hostname(Service service, Pod pod) {
    return service.getMetadata().getName().equals(pod.getSpec().getSubdomain())
        ? pod.getSpec().getHostname()
        : null;
  }

  private static List<io.fabric8.kubernetes.api.model.EndpointPort> corePorts(Service service) {
    List<io.fabric8.kubernetes.api.model.EndpointPort> out = new ArrayList<>();
    for (ServicePort p : service.getSpec().getPorts()) {
      out.add(
          new io.fabric8.kubernetes.api.model.EndpointPortBuilder()
              .withName(p.getName())
              .withPort(p.getTargetPort().getIntVal())
              .withProtocol(p.getProtocol())
              .build());
    }
    return out;
  }

  private static Map<String, String> labels(Service service) {
    Map<String, String> labels = service.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
