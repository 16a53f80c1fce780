package dev.kubestate.exporter.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the StatefulSet runs the exporter's container, read from the rendered manifest, so that a
 * test running the image (a container engine with {@code --read-only}, {@code --user}, tmpfs
 * mounts, env and args) uses the manifest's settings rather than a copy. Pod-level security
 * settings are merged in where the container does not set its own. Immutable.
 *
 * @param image the container's image
 * @param args the container's arguments, {@code $(VAR)} references unexpanded
 * @param env environment variables with a literal value, in manifest order
 * @param downwardEnv environment variables from the downward API: name to field path
 * @param runAsUser the effective user id, or null when unset
 * @param runAsGroup the effective group id, or null when unset
 * @param runAsNonRoot whether the kubelet refuses to start the container as root
 * @param readOnlyRootFilesystem whether the root filesystem is read-only
 * @param allowPrivilegeEscalation whether the process may gain privileges (unset reads as true,
 *     Kubernetes' default)
 * @param droppedCapabilities the capabilities dropped
 * @param seccompProfile the effective seccomp profile type, or null when unset
 * @param writableMounts mount path to the size limit of the emptyDir mounted there ("" when
 *     unlimited): the only writable paths under a read-only root
 * @param ports container port name to number
 * @param memoryLimit the memory limit, or null when unset
 */
public record ContainerSettings(
    String image,
    List<String> args,
    Map<String, String> env,
    Map<String, String> downwardEnv,
    Long runAsUser,
    Long runAsGroup,
    boolean runAsNonRoot,
    boolean readOnlyRootFilesystem,
    boolean allowPrivilegeEscalation,
    List<String> droppedCapabilities,
    String seccompProfile,
    Map<String, String> writableMounts,
    Map<String, Integer> ports,
    String memoryLimit) {

  public ContainerSettings {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    downwardEnv = Map.copyOf(downwardEnv);
    droppedCapabilities = List.copyOf(droppedCapabilities);
    writableMounts = Map.copyOf(writableMounts);
    ports = Map.copyOf(ports);
  }

  /**
   * The settings of the container named {@code container} in {@code set}'s pod template.
   *
   * @throws IllegalArgumentException when there is no such container, or a volume it mounts
   *     writable is not an emptyDir
   */
  public static ContainerSettings of(StatefulSet set, String container) {
    PodSpec pod = set.getSpec().getTemplate().getSpec();
    Container c = null;
    for (Container candidate : pod.getContainers()) {
      if (candidate.getName().equals(container)) {
        c = candidate;
      }
    }
    if (c == null) {
      throw new IllegalArgumentException(
          "StatefulSet " + set.getMetadata().getName() + " has no container " + container);
    }
    PodSecurityContext podContext =
        pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
    SecurityContext context =
        c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> downward = new LinkedHashMap<>();
    for (EnvVar e : c.getEnv()) {
      if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
        downward.put(e.getName(), e.getValueFrom().getFieldRef().getFieldPath());
      } else if (e.getValueFrom() == null) {
        env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
      }
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (ContainerPort p : c.getPorts()) {
      ports.put(p.getName(), p.getContainerPort());
    }
    Quantity memory =
        c.getResources() == null || c.getResources().getLimits() == null
            ? null
            : c.getResources().getLimits().get("memory");
    return new ContainerSettings(
        c.getImage(),
        c.getArgs(),
        env,
        downward,
        first(context.getRunAsUser(), podContext.getRunAsUser()),
        first(context.getRunAsGroup(), podContext.getRunAsGroup()),
        Boolean.TRUE.equals(first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot())),
        Boolean.TRUE.equals(context.getReadOnlyRootFilesystem()),
        !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()),
        context.getCapabilities() == null || context.getCapabilities().getDrop() == null
            ? List.of()
            : context.getCapabilities().getDrop(),
        seccomp(context, podContext),
        writableMounts(set, pod, c),
        ports,
        memory == null ? null : memory.toString());
  }

  /**
   * The arguments with every {@code $(VAR)} of a variable in {@link #env} or {@link #downwardEnv}
   * replaced by its value, as the kubelet expands them.
   *
   * @param fieldValues the values of the downward API's field paths, e.g. {@code metadata.name} to
   *     {@code kube-state-exporter-0}
   */
  public List<String> args(Map<String, String> fieldValues) {
    Map<String, String> values = environment(fieldValues);
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      String expanded = arg;
      for (Map.Entry<String, String> v : values.entrySet()) {
        expanded = expanded.replace("$(" + v.getKey() + ")", v.getValue());
      }
      out.add(expanded);
    }
    return out;
  }

  /**
   * The container's environment: {@link #env} plus {@link #downwardEnv} resolved with {@code
   * fieldValues}.
   *
   * @throws IllegalArgumentException when a field path has no value in {@code fieldValues}
   */
  public Map<String, String> environment(Map<String, String> fieldValues) {
    Map<String, String> out = new LinkedHashMap<>(env);
    for (Map.Entry<String, String> e : downwardEnv.entrySet()) {
      String value = fieldValues.get(e.getValue());
      if (value == null) {
        throw new IllegalArgumentException(
            "no value given for field " + e.getValue() + " of env " + e.getKey());
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  private static Map<String, String> writableMounts(StatefulSet set, PodSpec pod, Container c) {
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (Volume v : pod.getVolumes()) {
      volumes.put(v.getName(), v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (VolumeMount m : c.getVolumeMounts()) {
      if (Boolean.TRUE.equals(m.getReadOnly())) {
        continue;
      }
      Volume v = volumes.get(m.getName());
      if (v == null || v.getEmptyDir() == null) {
        throw new IllegalArgumentException(
            "StatefulSet "
                + set.getMetadata().getName()
                + ": writable mount "
                + m.getMountPath()
                + " is not an emptyDir volume");
      }
      Quantity limit = v.getEmptyDir().getSizeLimit();
      out.put(m.getMountPath(), limit == null ? "" : limit.toString());
    }
    return out;
  }

  private static String seccomp(SecurityContext context, PodSecurityContext pod) {
    if (context.getSeccompProfile() != null) {
      return context.getSeccompProfile().getType();
    }
    return pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType();
  }

  private static <T> T first(T container, T pod) {
    return container != null ? container : pod;
  }
}
