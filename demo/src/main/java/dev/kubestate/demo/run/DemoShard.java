package dev.kubestate.demo.run;

import dev.kubestate.exporter.process.Exporter;

/**
 * One exporter of the demo, run as a replica of the demo's StatefulSet: ready once its informers
 * have listed for its current assignment, as its {@code /readyz} reports. Thread-safe.
 *
 * @param ordinal the pod's ordinal
 * @param exporter the running exporter
 */
record DemoShard(int ordinal, Exporter exporter) implements Replica {

  @Override
  public boolean isReady() {
    return exporter.isSynced();
  }

  /**
   * Whether this shard serves exactly its share of {@code total} shards: synced for that
   * assignment and not handing objects over.
   */
  boolean settledAt(int total) {
    return exporter.isSynced() && !exporter.inHandoff() && exporter.shard().total() == total;
  }

  @Override
  public void close() {
    exporter.close();
  }
}
