/**
 * Which replica owns which object: shard maps from object UID to shard ordinal. The default map
 * is JumpBackHash over XXH3-64 of the UID's UTF-8 bytes: consistent (growing from N to N+1
 * moves about 1/(N+1) of objects, all onto the new shard) and allocation-free.
 */
package dev.kubestate.sharding;
