package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * One resource type the server lists in discovery, as an {@code APIResource} describes it: {@code
 * /apis/<group>/<version>} (or {@code /api/v1} for the core group) lists {@code plural} with its
 * kind, scope, verbs and short names. Immutable.
 *
 * @param group API group; empty for the core group
 * @param version API version, e.g. {@code v1}
 * @param plural resource name in paths, e.g. {@code statefulsets}
 * @param singular singular name, e.g. {@code statefulset}
 * @param kind the objects' kind, e.g. {@code StatefulSet}
 * @param namespaced whether objects live in namespaces
 * @param status whether the type has a {@code status} subresource
 * @param scale whether the type has a {@code scale} subresource ({@code spec.replicas})
 */
record ApiResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    boolean status,
    boolean scale) {

  /** What every served resource type allows, as the API server lists it. */
  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** What a served subresource ({@code status}, {@code scale}) allows. */
  static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  ApiResource {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(singular, "singular");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The resource type of fabric8 model class {@code type}: names from its {@code @Group},
   * {@code @Version}, {@code @Plural} and {@code @Singular}, the scope from {@link Namespaced}, a
   * status subresource when the class has a status, a scale subresource when its spec has replicas.
   */
  static ApiResource of(Class<? extends HasMetadata> type) {
    String group = HasMetadata.getGroup(type);
    return new ApiResource(
        group == null ? "" : group,
        HasMetadata.getVersion(type),
        HasMetadata.getPlural(type),
        HasMetadata.getSingular(type),
        HasMetadata.getKind(type),
        Namespaced.class.isAssignableFrom(type),
        accessor(type, "getStatus") != null,
        hasReplicas(type));
  }

  /** {@code <group>/<version>}, or just the version for the core group. */
  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  private static boolean hasReplicas(Class<?> type) {
    Method spec = accessor(type, "getSpec");
    return spec != null && accessor(spec.getReturnType(), "getReplicas") != null;
  }

  private static Method accessor(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
