/**
 * Which replica owns which object: shard maps from an object's UID to a shard ordinal ({@link
 * dev.kubestate.sharding.ShardMap}, whose documentation compares the three maps), the hash ranges
 * of the API server's {@code shardSelector} and the text of that selector. The outputs of every
 * map are pinned by checksum tests: a changed assignment reshuffles a live fleet, so it must never
 * come from a library upgrade. Depends on hash4j only: no Kubernetes client, no I/O, nothing of
 * the exporter.
 */
package dev.kubestate.sharding;
