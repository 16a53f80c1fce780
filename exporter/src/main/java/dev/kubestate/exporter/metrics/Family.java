package dev.kubestate.exporter.metrics;

import dev.kubestate.exporter.exposition.FamilyHeader;
import dev.kubestate.exporter.exposition.MetricType;
import java.util.Objects;

/**
 * One metric family of a kind: KSM's declaration (name, help, type, stability, opt-in,
 * deprecation) plus its generator. Immutable; a family is complete from its factory on, so a
 * family without a generator cannot exist.
 *
 * <p>Declared as one row of a kind's table, e.g. {@code gauge("kube_pod_info", "Information about
 * pod.", STABLE, PodSpecFamilies::info)}, with {@link #optIn()} or {@link #deprecatedSince} where
 * KSM has them.
 *
 * @param <T> the Kubernetes object type
 */
public final class Family<T> {

  private final String name;
  private final String help;
  private final MetricType type;
  private final Stability stability;
  private final boolean optIn;
  private final String deprecatedSince;
  private final Generator<T> generator;

  private Family(
      String name,
      String help,
      MetricType type,
      Stability stability,
      boolean optIn,
      String deprecatedSince,
      Generator<T> generator) {
    this.name = Objects.requireNonNull(name, "name");
    this.help = Objects.requireNonNull(help, "help");
    this.type = Objects.requireNonNull(type, "type");
    this.stability = Objects.requireNonNull(stability, "stability");
    this.optIn = optIn;
    this.deprecatedSince = deprecatedSince;
    this.generator = Objects.requireNonNull(generator, "generator");
  }

  /**
   * A gauge family.
   *
   * @param name the family name, e.g. {@code kube_pod_info}
   * @param help the help text without KSM's stability or deprecation prefixes
   * @param stability KSM's stability level
   * @param generator writes the family's samples of one object
   */
  public static <T> Family<T> gauge(
      String name, String help, Stability stability, Generator<T> generator) {
    return new Family<>(name, help, MetricType.GAUGE, stability, false, null, generator);
  }

  /** A counter family; parameters as {@link #gauge}. */
  public static <T> Family<T> counter(
      String name, String help, Stability stability, Generator<T> generator) {
    return new Family<>(name, help, MetricType.COUNTER, stability, false, null, generator);
  }

  /** This family, generated only when {@code --metric-opt-in-list} names it. */
  public Family<T> optIn() {
    return new Family<>(name, help, type, stability, true, deprecatedSince, generator);
  }

  /** This family, marked deprecated since a KSM version such as {@code v2.14.0}. */
  public Family<T> deprecatedSince(String version) {
    return new Family<>(
        name, help, type, stability, optIn, Objects.requireNonNull(version), generator);
  }

  public String name() {
    return name;
  }

  /** The help text as declared, without stability or deprecation prefixes. */
  public String help() {
    return help;
  }

  /**
   * The help text as KSM writes it on the HELP line: {@code [STABLE] } for stable families, then
   * {@code (Deprecated since vX) } for deprecated ones, then the text.
   */
  public String fullHelp() {
    StringBuilder sb = new StringBuilder();
    if (stability == Stability.STABLE) {
      sb.append("[STABLE] ");
    }
    if (deprecatedSince != null) {
      sb.append("(Deprecated since ").append(deprecatedSince).append(") ");
    }
    return sb.append(help).toString();
  }

  public MetricType type() {
    return type;
  }

  public Stability stability() {
    return stability;
  }

  public boolean isOptIn() {
    return optIn;
  }

  /** The KSM version that deprecated this family, or null. */
  public String deprecatedSince() {
    return deprecatedSince;
  }

  public Generator<T> generator() {
    return generator;
  }

  public FamilyHeader header() {
    return new FamilyHeader(name, fullHelp(), type);
  }

  @Override
  public String toString() {
    return name;
  }
}
