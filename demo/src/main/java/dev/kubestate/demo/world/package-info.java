/**
 * The demo world: a seeded synthetic cluster of every kind kube-state-metrics exports, built as
 * fabric8 model objects (one {@code Synthetic*} class per concern: workloads, StatefulSets,
 * DaemonSets, Jobs, storage, autoscaling, disruption budgets, quotas and limit ranges,
 * configuration, networking, control-plane records, RBAC, admission), and a seeded churn of the
 * changes controllers make. The same seed always gives the same objects; nothing here reads the
 * wall clock for object data, and no Secret holds real key material. Depends on the fabric8 model
 * and client and SLF4J only: never on the exporter, the test API server or the demo run.
 */
package dev.kubestate.demo.world;
