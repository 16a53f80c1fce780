/**
 * One run of the demo from a plain {@link dev.kubestate.demo.run.DemoPlan}: the test API server
 * seeded with the world, a small StatefulSet controller that runs exporter shards as the pods of a
 * StatefulSet in it (each sharded automatically, as in a cluster), the share report printed at
 * every settle, the resize schedule, the churn, and the console commands on standard input (API
 * server outage, scale). Depends on the world, the test API server and the exporter's {@code
 * process}; never on a command line.
 */
package dev.kubestate.demo.run;
