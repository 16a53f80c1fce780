package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints and EndpointSlice controllers' part of churn, through the API: when a pod's
 * readiness changes, its endpoint in every slice of the services selecting it goes ready or not
 * ready (serving with it), and its address moves between the Endpoints' ready and not-ready
 * addresses; when a pod is replaced, its endpoints point at the new pod. Pods without an endpoint
 * (no IP yet) are left alone. Confined to the churn's thread.
 */
final class EndpointUpdates {

  private final KubernetesClient client;

  /** Pod namespace/name to the names of the slices listing it. */
  private final Map<String, List<String>> slices = new HashMap<>();

  /** Pod namespace/name to the names of the Endpoints listing it. */
  private final Map<String, List<String>> endpoints = new HashMap<>();

  EndpointUpdates(KubernetesClient client, SyntheticCluster cluster) {
    this.client = client;
    for (EndpointSlice s : cluster.networking().endpointSlices()) {
      for (Endpoint e : s.getEndpoints()) {
        if (e.getTargetRef() != null) {
          index(slices, e.getTargetRef().getNamespace(), e.getTargetRef().getName(), s);
        }
      }
    }
    for (Endpoints e : cluster.networking().endpoints()) {
      for (EndpointSubset subset : e.getSubsets()) {
        List<EndpointAddress> all = new ArrayList<>(subset.getAddresses());
        all.addAll(subset.getNotReadyAddresses());
        for (EndpointAddress a : all) {
          if (a.getTargetRef() != null) {
            index(endpoints, a.getTargetRef().getNamespace(), a.getTargetRef().getName(), e);
          }
        }
      }
    }
  }

  private static void index(
      Map<String, List<String>> into, String namespace, String pod, HasMetadata listing) {
    into.computeIfAbsent(namespace + "/" + pod, k -> new ArrayList<>())
        .add(listing.getMetadata().getName());
  }

  /**
   * Updates the endpoints of {@code before}'s pod, now {@code after} (the same pod after a change,
   * or its replacement under a new name and UID).
   *
   * @return e.g. {@code endpointslice team-a/api-x7k2p ready false}, or null when no service lists
   *     the pod
   */
  String follow(Pod before, Pod after) {
    String ns = before.getMetadata().getNamespace();
    String key = ns + "/" + before.getMetadata().getName();
    List<String> sliceNames = slices.remove(key);
    List<String> endpointNames = endpoints.remove(key);
    String newKey = ns + "/" + after.getMetadata().getName();
    boolean ready = SyntheticWorkloads.isReady(after);
    // By name: the churn may hold an older copy of a pod a rollout has since replaced.
    String podName = before.getMetadata().getName();
    String done = null;
    if (sliceNames != null) {
      slices.put(newKey, sliceNames);
      for (String name : sliceNames) {
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(ns)
            .withName(name)
            .edit(s -> retarget(s, podName, after, ready));
        done = "endpointslice " + ns + "/" + name + " ready " + ready;
      }
    }
    if (endpointNames != null) {
      endpoints.put(newKey, endpointNames);
      for (String name : endpointNames) {
        client.endpoints().inNamespace(ns).withName(name).edit(e -> move(e, podName, after, ready));
      }
    }
    return done;
  }

  private static EndpointSlice retarget(EndpointSlice s, String podName, Pod pod, boolean ready) {
    for (Endpoint e : s.getEndpoints()) {
      if (e.getTargetRef() != null && podName.equals(e.getTargetRef().getName())) {
        e.setTargetRef(ServiceEndpoints.targetRef(pod));
        ServiceEndpoints.setConditions(e, ready, false);
      }
    }
    return s;
  }

  private static Endpoints move(Endpoints e, String podName, Pod pod, boolean ready) {
    for (EndpointSubset subset : e.getSubsets()) {
      EndpointAddress found = take(subset.getAddresses(), podName);
      if (found == null) {
        found = take(subset.getNotReadyAddresses(), podName);
      }
      if (found != null) {
        found.setTargetRef(ServiceEndpoints.targetRef(pod));
        (ready ? subset.getAddresses() : subset.getNotReadyAddresses()).add(found);
      }
    }
    return e;
  }

  private static EndpointAddress take(List<EndpointAddress> addresses, String podName) {
    for (int i = 0; i < addresses.size(); i++) {
      EndpointAddress a = addresses.get(i);
      if (a.getTargetRef() != null && podName.equals(a.getTargetRef().getName())) {
        return addresses.remove(i);
      }
    }
    return null;
  }
}
