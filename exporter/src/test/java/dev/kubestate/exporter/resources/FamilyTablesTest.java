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
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
 * Every kind's family table against KSM's ({@code reference/ksm-metrics.tsv}): same families in the
 * same order with KSM's type, HELP, stability, opt-in and deprecation; every kind renders empty and
 * seeded random objects (empty nested objects and null lists included) without a generator
 * failing, and writes labels in KSM's order.
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
      assertTrue(isAfterKind(f.name(), prefix), f.name() + " does not start with " + prefix);
    }
    assertFalse(seen.isEmpty(), kind.resource() + " declares no family");
  }

  /**
   * {@code kube_<singular>_}, the prefix every KSM row of the resource shares, or its name alone
   * ({@code kube_resourcequota} is a family of its own).
   */
  private static String kindPrefix(List<KsmReference.Family> rows) {
    String first = rows.get(0).family();
    int end = first.indexOf('_', "kube_".length());
    String prefix = end < 0 ? first + "_" : first.substring(0, end + 1);
    for (KsmReference.Family r : rows) {
      assertTrue(isAfterKind(r.family(), prefix), "TSV: " + r.family() + " vs " + prefix);
    }
    return prefix;
  }

  private static boolean isAfterKind(String family, String prefix) {
    return family.startsWith(prefix) || family.equals(prefix.substring(0, prefix.length() - 1));
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

  /**
   * Golden and behaviour cases compare label sets with order free; this pins the order KSM writes
   * (reference/ksm-behaviour.md 3.3): every sample's label names appear in the order of the TSV's
   * labels column, an entry such as {@code label_<key>...} standing for any number of names with
   * that prefix. A name may be missing, as KSM drops some labels when empty (HPA info's
   * {@code scaletargetref_api_version}); which labels a sample has is the cases' job.
   */
  /**
   * Families whose TSV labels column shows one of two label sets a sample can carry: an ingress
   * path with a resource backend has resource labels instead of service ones
   * (reference/ksm-behaviour.md 15 item 11).
   */
  private static final Map<String, List<String>> OTHER_LABEL_SETS =
      Map.of(
          "kube_ingress_path",
          List.of(
              "namespace", "ingress", "host", "path", "path_type", "resource_api_group",
              "resource_kind", "resource_name"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void writesLabelsInKsmOrder(ResourceKind<?> kind) {
    Map<String, List<String>> order = new HashMap<>();
    for (KsmReference.Family row : TSV.get(kind.resource())) {
      order.put(row.family(), row.labels());
    }
    RandomObjects objects = new RandomObjects(kind.resource().hashCode());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String text = renderOne(kind, objects.create(kind.type()), new ArrayList<>());
      for (String line : text.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        String family = familyOf(line);
        List<String> names = labelNames(line);
        if (!inOrder(names, order.get(family))
            && !inOrder(names, OTHER_LABEL_SETS.getOrDefault(family, List.of()))) {
          problems.add(line + " (want " + order.get(familyOf(line)) + ")");
        }
      }
    }
    assertEquals(List.of(), problems.stream().distinct().limit(10).toList());
  }

  /** Whether {@code names} is a subsequence of {@code columns}, expanding {@code x_<key>...}. */
  private static boolean inOrder(List<String> names, List<String> columns) {
    int c = 0;
    for (String name : names) {
      while (c < columns.size() && !matches(columns.get(c), name)) {
        c++;
      }
      if (c == columns.size()) {
        return false;
      }
      if (!columns.get(c).endsWith("...")) {
        c++;
      }
    }
    return true;
  }

  private static boolean matches(String column, String name) {
    return column.endsWith("<key>...")
        ? name.startsWith(column.substring(0, column.length() - "<key>...".length()))
        : column.equals(name);
  }

  private static String familyOf(String line) {
    int brace = line.indexOf('{');
    return line.substring(0, brace < 0 ? line.indexOf(' ') : brace);
  }

  /** Label names of one sample line, in line order; values may hold escaped quotes. */
  private static List<String> labelNames(String line) {
    List<String> names = new ArrayList<>();
    int i = line.indexOf('{');
    if (i < 0) {
      return names;
    }
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i + 1);
      names.add(line.substring(i + 1, eq));
      int j = eq + 2;
      while (line.charAt(j) != '"') {
        j += line.charAt(j) == '\\' ? 2 : 1;
      }
      i = j + 1;
    }
    return names;
  }

  /**
   * Renders with every family enabled (opt-in too) and every label and annotation allowed.
   *
   * @return the sample lines of every family, or "" if identity labels failed
   */
  private static <T> String renderOne(ResourceKind<T> kind, Object object, List<String> failures) {
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
    RenderedObject rendered = renderer.render(kind.type().cast(object));
    return rendered == null
        ? ""
        : new String(rendered.bytes(), 0, rendered.size(), StandardCharsets.UTF_8);
  }
}
