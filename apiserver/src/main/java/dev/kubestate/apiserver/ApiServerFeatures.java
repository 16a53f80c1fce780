package dev.kubestate.apiserver;

/**
 * Which optional API-server behaviours a {@link SelectingDispatcher} shows. Immutable.
 *
 * @param shardSelector whether LIST and WATCH honour {@code shardSelector} as a Kubernetes 1.36+
 *     API server with the {@code ShardedListAndWatch} feature gate on does; when false the
 *     parameter is ignored, as by an older server or one with the gate off: everything is sent and
 *     no {@code shardInfo} is returned
 * @param partialObjectMetadata whether GETs honour {@code Accept: application/json;as=
 *     PartialObjectMetadata[List];g=meta.k8s.io;v=v1} (Kubernetes 1.15+, {@link PartialMetadata});
 *     when false the header is ignored and full objects are sent, as by a proxy or a server that
 *     does not know the representation
 */
public record ApiServerFeatures(boolean shardSelector, boolean partialObjectMetadata) {

  /** A server with or without {@code shardSelector} that honours the metadata-only Accept. */
  public ApiServerFeatures(boolean shardSelector) {
    this(shardSelector, true);
  }

  /** These features, but ignoring the metadata-only {@code Accept}: full objects are sent. */
  public ApiServerFeatures withoutPartialObjectMetadata() {
    return new ApiServerFeatures(shardSelector, false);
  }

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
