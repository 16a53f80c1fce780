package dev.kubestate.exporter.apirequests;

import dev.kubestate.sharding.ConsistentRangeMap;
import dev.kubestate.sharding.ShardMap;
import java.util.Locale;

/**
 * Whether LIST and WATCH requests carry the API server's {@code shardSelector} (Kubernetes 1.36+,
 * feature gate {@code ShardedListAndWatch}), so that the server sends each shard only its own
 * objects. Only the {@code consistent-ranges} map describes ownership as ranges of the FNV-1a hash
 * the server computes, so only it can be selected on the server. Whatever the mode, every object
 * received is also filtered on the client: correctness never depends on the server honouring the
 * selector.
 */
public enum ServerSideSharding {
  /** Send the selector when the shard map is {@code consistent-ranges}; the default. */
  AUTO,
  /** Send the selector; requires the {@code consistent-ranges} map. */
  ON,
  /** Never send it: every shard receives every object and filters on the client. */
  OFF;

  /** The flag value: {@code auto}, {@code on} or {@code off}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named by a flag value.
   *
   * @throws IllegalArgumentException for any value but auto, on and off
   */
  public static ServerSideSharding parse(String value) {
    for (ServerSideSharding mode : values()) {
      if (mode.flagValue().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("expected auto, on or off, got " + value);
  }

  /** Whether requests carry a shard selector with {@code map}. */
  public boolean selects(ShardMap map) {
    return this != OFF && map instanceof ConsistentRangeMap;
  }
}
