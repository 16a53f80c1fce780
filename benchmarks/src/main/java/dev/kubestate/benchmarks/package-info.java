/**
 * JMH benchmarks: rendering an object, updating a store, writing a scrape, deciding shard
 * ownership. Results and the commands that produced them are kept in {@code
 * benchmarks/README.md}.
 */
package dev.kubestate.benchmarks;
