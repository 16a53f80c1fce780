package dev.kubestate.exporter.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.kubestate.exporter.deploy.ContainerSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container of an image, run as the kubelet runs a pod's container under {@link
 * ContainerSettings}: read-only root, the user and group, all capabilities dropped, no privilege
 * escalation, the engine's default seccomp profile (RuntimeDefault), the memory limit, each
 * writable emptyDir as a tmpfs of its size limit, the env and the args with {@code $(VAR)}
 * expanded. Host networking, so the container reaches an API server on loopback and serves on the
 * ports its args name. Not thread-safe; {@link #close} removes the container.
 */
final class PodContainer implements AutoCloseable {

  private final DockerClient docker;
  private final String id;

  private PodContainer(DockerClient docker, String id) {
    this.docker = docker;
    this.id = id;
  }

  /**
   * Creates and starts the container.
   *
   * @param image the image, e.g. {@code kube-state-exporter:0.1.0}
   * @param settings how the manifest runs the container
   * @param fieldValues the downward API's values, e.g. {@code metadata.name}
   * @param extraArgs arguments appended to the manifest's (what the cluster would supply
   *     otherwise, such as the API server's address)
   * @param writable whether the manifest's writable mounts are mounted (false: none is)
   * @param entrypoint the entrypoint, or null for the image's
   */
  static PodContainer start(
      DockerClient docker,
      String image,
      ContainerSettings settings,
      Map<String, String> fieldValues,
      List<String> extraArgs,
      boolean writable,
      List<String> entrypoint) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode("host")
            .withReadonlyRootfs(settings.readOnlyRootFilesystem())
            .withCapDrop(capabilities(settings.droppedCapabilities()))
            .withSecurityOpts(
                settings.allowPrivilegeEscalation() ? List.of() : List.of("no-new-privileges"))
            .withTmpFs(writable ? tmpfs(settings.writableMounts()) : Map.of());
    if (settings.memoryLimit() != null) {
      host.withMemory(bytes(settings.memoryLimit()));
    }
    List<String> env = new ArrayList<>();
    settings.environment(fieldValues).forEach((k, v) -> env.add(k + "=" + v));
    List<String> args = new ArrayList<>(settings.args(fieldValues));
    args.addAll(extraArgs);
    CreateContainerCmd create =
        docker.createContainerCmd(image).withEnv(env).withCmd(args).withHostConfig(host);
    if (settings.runAsUser() != null) {
      create.withUser(
          settings.runAsUser() + (settings.runAsGroup() == null ? "" : ":" + settings.runAsGroup()));
    }
    if (entrypoint != null) {
      create.withEntrypoint(entrypoint);
    }
    String id = create.exec().getId();
    PodContainer container = new PodContainer(docker, id);
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      container.close();
      throw e;
    }
    return container;
  }

  /** Whether the container's process is still running. */
  boolean running() {
    return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
  }

  /** What the process wrote so far, standard output and error interleaved. */
  String logs() {
    return logs(docker, id);
  }

  /** What container {@code id}'s process wrote so far, standard output and error interleaved. */
  static String logs(DockerClient docker, String id) {
    StringBuilder out = new StringBuilder();
    try {
      docker
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out.toString();
  }

  /** Stops and removes the container; idempotent. */
  @Override
  public void close() {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException e) {
      // already gone
    }
  }

  private static Capability[] capabilities(List<String> names) {
    return names.stream().map(Capability::valueOf).toArray(Capability[]::new);
  }

  /** tmpfs options per mount path: an emptyDir's size limit, or unlimited. */
  private static Map<String, String> tmpfs(Map<String, String> mounts) {
    Map<String, String> out = new LinkedHashMap<>();
    mounts.forEach(
        (path, limit) ->
            out.put(path, "rw,nosuid,nodev" + (limit.isEmpty() ? "" : ",size=" + bytes(limit))));
    return out;
  }

  private static long bytes(String quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity)).longValueExact();
  }
}
