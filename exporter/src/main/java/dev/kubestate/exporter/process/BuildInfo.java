package dev.kubestate.exporter.process;

/** Version of this build, from the jar manifest when packaged. */
public final class BuildInfo {

  private BuildInfo() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code dev} outside a jar. */
  public static String version() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
