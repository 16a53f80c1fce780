/**
 * The {@code demo} world: a seeded synthetic cluster of every kind kube-state-metrics exports,
 * built as fabric8 model objects (one {@code Synthetic*} class per concern: workloads,
 * StatefulSets, DaemonSets, Jobs, storage, autoscaling, disruption budgets, quotas and limit
 * ranges, configuration, networking, control-plane records, RBAC, admission), an embedded CRUD API
 * server that keeps the identities the cluster gives its objects, a seeded churn of the changes
 * controllers make, and a small StatefulSet controller that runs the demo's own replicas (the
 * exporter shards, behind the {@link dev.kubestate.demo.run.Replica} interface) as pods. The
 * same seed always gives the same objects; nothing here reads the wall clock for object data, and
 * no Secret holds real key material. Depends on the fabric8 model, client and mock server only,
 * never on the exporter's rendering, serving or wiring packages.
 */
package dev.kubestate.demo.world;


