package dev.kubestate.apiserver;

/**
 * Which optional API-server behaviours a {@link SelectingDispatcher} shows. Immutable.
 *
 * @param shardSelector whether LIST and WATCH honour {@code shardSelector} as a Kubernetes 1.36+
 *     API server with the {@code ShardedListAndWatch} feature gate on does; when false the
 *     parameter is ignored, as by an older server or one with the gate off: everything is sent and
 *     no {@code shardInfo} is returned
 */
public record ApiServerFeatures(boolean shardSelector) {

  /**
   * The Kubernetes version the server reports on {@code /version}: 1.36, the first with {@code
   * shardSelector}, when it honours it; 1.35 otherwise.
   */
  public String kubernetesVersion() {
    return shardSelector ? "v1.36.0" : "v1.35.0";
  }

  /** A server that honours {@code shardSelector}. */
  public static ApiServerFeatures withShardSelector() {
    return new ApiServerFeatures(true);
  }

  /** A server that ignores {@code shardSelector} (feature gate off, or before 1.36). */
  public static ApiServerFeatures withoutShardSelector() {
    return new ApiServerFeatures(false);
  }
}
