/**
 * JMH benchmarks: rendering an object, updating a store, writing a scrape, deciding shard
 * ownership, re-sharding; and programs measuring what JMH cannot (retained heap per shard, bytes
 * the API server sends per shard). Results and the commands that produced them are kept in {@code
 * benchmarks/README.md}. Depends on whatever it measures (the exporter, the demo world, the test
 * API server); nothing depends on it.
 */
package dev.kubestate.benchmarks;
