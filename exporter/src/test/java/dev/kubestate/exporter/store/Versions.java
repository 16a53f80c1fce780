package dev.kubestate.exporter.store;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Stability;
import java.util.List;

/**
 * A test kind whose objects are {@code name:version} strings: identity label {@code obj}, and per
 * family one sample {@code version="..."} unless the family is {@code <prefix>_empty}. An object
 * named {@code broken} has no identity.
 */
final class Versions implements ResourceKind<String> {

  private final String resource;
  private final String prefix;

  Versions(String resource, String prefix) {
    this.resource = resource;
    this.prefix = prefix;
  }

  static MetricsStore<String> store(String resource, String prefix) {
    return new MetricsStore<>(
        new KindRenderer<>(
            new Versions(resource, prefix),
            ResourceOptions.defaults(),
            FamilyFilter.DEFAULT,
            RenderFailures.IGNORE,
            o -> o));
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public Class<String> type() {
    return String.class;
  }

  @Override
  public String telemetryName() {
    return "*v1.Version";
  }

  @Override
  public boolean namespaced() {
    return false;
  }

  @Override
  public String group() {
    return "";
  }

  @Override
  public List<String> identityLabels() {
    return List.of("obj");
  }

  @Override
  public void identity(String object, IdentityLabels out) {
    if (object.startsWith("broken")) {
      throw new IllegalArgumentException("no identity");
    }
    out.add("obj", object.substring(0, object.indexOf(':')));
  }

  @Override
  public List<Family<String>> families(ResourceOptions options) {
    return List.of(
        family(prefix + "_a"),
        Family.<String>gauge(prefix + "_empty", "Nothing.", Stability.ALPHA, (o, out) -> {}),
        family(prefix + "_b"));
  }

  private static Family<String> family(String name) {
    return Family.<String>gauge(
        name,
        "Help of " + name + ".",
        Stability.ALPHA,
        (o, out) -> out.sample("version", o.substring(o.indexOf(':') + 1), 1));
  }
}
