/**
 * The assembled exporter process: {@link dev.kubestate.exporter.process.Exporter} builds and starts
 * the parts in order (client, shard, informers and handoff, listeners, StatefulSet watch) and stops
 * them in reverse, from an {@link dev.kubestate.exporter.process.ExporterConfig} of what is
 * exported, how it is sharded, what is watched and where it listens. Wiring only: each part lives
 * in its package. The process's logging (logback, from {@link
 * dev.kubestate.exporter.process.LogSettings}) is configured here as well. Depends on every
 * package of the exporter but {@code cli}; only {@code cli} (and the demo) depend on it.
 */
package dev.kubestate.exporter.process;
