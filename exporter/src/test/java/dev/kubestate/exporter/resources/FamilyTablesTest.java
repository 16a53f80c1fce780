package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind's family table against KSM's ({@code reference/ksm-metrics.tsv}): same families in the same order with KSM's type, HELP, stability, opt-in
 * and deprecation; and every kind renders empty and seeded random objects without a generator
 * failing.
 */
class FamilyTablesTest {

  private static final Map<String, List<KsmReference.Family>> TSV = KsmReference.FAMILIES;

  static Stream<Named<ResourceKind<?>>> kinds() {
    return Kinds.all().values().stream().map(k -> Named.of(k.resource(), k));
  }

  @Test
  void knowsOnlyKsmResources() {
    for (String resource : Kinds.all().keySet()) {
      assertTrue(TSV.containsKey(resource), resource + " is not a KSM resource");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void declaresKsmFamiliesInKsmOrder(ResourceKind<?> kind) {
    List<KsmReference.Family> rows = TSV.get(kind.resource());
    List<? extends Family<?>> families = kind.families(ResourceOptions.defaults());
    assertEquals(
        rows.stream().map(KsmReference.Family::family).toList(),
        families.stream().map(Family::name).toList(),
        kind.resource() + ": family names and order");
    for (int i = 0; i < rows.size(); i++) {
      KsmReference.Family row = rows.get(i);
      Family<?> f = families.get(i);
      assertEquals(row.type(), f.type().typeName(Format.OPENMETRICS_1_0_0), row.family() + " type");
      assertEquals(row.help(), f.fullHelp(), row.family() + " HELP");
      assertEquals(row.stability(), f.stability().name(), row.family() + " stability");
      assertEquals(row.status().equals("opt-in"), f.isOptIn(), row.family() + " opt-in");
      // The TSV writes a deprecated family's status as "deprecated:<version>".
      assertEquals(
          row.status().startsWith("deprecated:") ? row.status().substring("deprecated:".length())
              : null,
          f.deprecatedSince(),
          row.family() + " deprecated since");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void namesFamiliesUniquelyAfterTheKind(ResourceKind<?> kind) {
    String prefix = kindPrefix(TSV.get(kind.resource()));
    Set<String> seen = new HashSet<>();
    for (Family<?> f : kind.families(ResourceOptions.defaults())) {
      assertTrue(seen.add(f.name()), "duplicate family " + f.name());
      assertTrue(f.name().startsWith(prefix), f.name() + " does not start with " + prefix);
    }
    assertFalse(seen.isEmpty(), kind.resource() + " declares no family");
  }

  /** {@code kube_<singular>_}, the prefix every KSM row of the resource shares. */
  private static String kindPrefix(List<KsmReference.Family> rows) {
    String first = rows.get(0).family();
    String prefix = first.substring(0, first.indexOf('_', "kube_".length()) + 1);
    for (KsmReference.Family r : rows) {
      assertTrue(r.family().startsWith(prefix), "TSV: " + r.family() + " vs " + prefix);
    }
    return prefix;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rendersEmptyObjectWithoutFailure(ResourceKind<?> kind) throws ReflectiveOperationException {
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    renderOne(kind, kind.type().getDeclaredConstructor().newInstance(), failures);
    assertEquals(List.of(), failures);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rendersSeededRandomObjectsWithoutFailure(ResourceKind<?> kind) {
    RandomObjects objects = new RandomObjects(kind.resource().hashCode());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 200; i++) {
      renderOne(kind, objects.create(kind.type()), failures);
    }
    assertEquals(List.of(), failures.stream().distinct().limit(20).toList());
  }

  /** Renders with every family enabled (opt-in too) and every label and annotation allowed. */
  private static <T> void renderOne(ResourceKind<T> kind, Object object, List<String> failures) {
    RenderFailures recorder =
        (resource, family, described, error) ->
            failures.add(
                (family == null ? "identity" : family) + " of " + described + ": " + error);
    KindRenderer<T> renderer =
        new KindRenderer<>(
            kind,
            new ResourceOptions(KeyAllowlist.ALL, KeyAllowlist.ALL),
            FamilyFilter.of(List.of(), List.of(), List.of(".*")),
            recorder,
            o -> o instanceof HasMetadata h ? ObjectNames.describe(h) : String.valueOf(o));
    renderer.render(kind.type().cast(object));
  }
}
