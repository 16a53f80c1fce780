/**
 * Which replica owns which object: shard maps from an object's UID to a shard ordinal, the hash
 * ranges of the API server's {@code shardSelector}, and nothing else (hash4j only; no Kubernetes
 * client, no I/O).
 *
 * <p>Every {@link dev.kubestate.sharding.ShardMap} makes ownership exclusive and total (each UID
 * has exactly one owner among the shards of a total) and consistent: growing from N to N+1 shards
 * moves UIDs only onto the new shard N, shrinking back moves only shard N's UIDs, so an object that
 * keeps its owner never has to be re-listed. They differ as follows.
 *
 * <ul>
 *   <li>{@code jump-back-hash} ({@link dev.kubestate.sharding.ShardMap#jumpBackHash()}, the
 *       default): hash4j's JumpBackHash over XXH3-64. Balance and movement are statistical (each
 *       shard owns an expected 1/N of UIDs, a resize moves an expected 1/(N+1)); any total; the
 *       fastest. Pick it when the API server cannot filter for you.
 *   <li>{@code consistent-ranges} ({@link dev.kubestate.sharding.ConsistentRangeMap}): ranges of
 *       the unsigned FNV-1a-64 space, the hash the API server's {@code shardRange} uses. Exactly
 *       1/N of the hash space per shard, exactly 1/(N+1) moved on growth, shard k &gt; 0 owns
 *       exactly k ranges; totals up to 1024. The only map whose shard can be expressed as a {@link
 *       dev.kubestate.sharding.ShardSelector}, so the only one for server-side sharding. How evenly
 *       objects follow the space depends on FNV-1a spreading the UIDs, which it does for random
 *       UUIDs.
 *   <li>{@code ksm} ({@link dev.kubestate.sharding.ShardMap#ksm()}): kube-state-metrics' own
 *       FNV-1a-64 and jump consistent hash, statistically balanced and consistent like the default.
 *       Pick it to replace a KSM fleet one replica at a time: during the migration each object is
 *       owned by the same ordinal on both sides.
 * </ul>
 *
 * <p>The outputs of every map are pinned by checksum tests: a changed assignment reshuffles a live
 * fleet, so it must never come from a library upgrade.
 */
package dev.kubestate.sharding;
