package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered kind against KSM's resource table (reference/ksm-behaviour.md section 1) and
 * family table (reference/ksm-metrics.tsv): what the kind derives from its fabric8 class (resource
 * name, group, telemetry name, scope) and what it declares (identity labels, default set).
 */
class KindsTest {

  static Stream<Named<ResourceKind<?>>> kinds() {
    return Kinds.all().values().stream().map(k -> Named.of(k.resource(), k));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void derivesKsmResourceFacts(ResourceKind<?> kind) {
    KsmReference.Resource ksm = KsmReference.RESOURCES.get(kind.resource());
    assertNotNull(ksm, kind.resource() + " is not one of KSM's resources");
    assertEquals(ksm.group(), kind.group(), "API group");
    assertEquals(ksm.telemetryName(), kind.telemetryName(), "telemetry name");
    assertEquals(ksm.namespaced(), kind.namespaced(), "scope");
    assertEquals(ksm.enabledByDefault(), kind.enabledByDefault(), "in KSM's default set");
    assertEquals(ksm.kind(), HasMetadata.getKind(kind.type().asSubclass(HasMetadata.class)));
    assertEquals(ksm.version(), HasMetadata.getVersion(kind.type().asSubclass(HasMetadata.class)));
    assertEquals(ksm.families(), kind.families(ResourceOptions.defaults()).size(), "families");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void declaresKsmIdentityLabels(ResourceKind<?> kind) {
    assertEquals(KsmReference.commonLabelPrefix(kind.resource()), kind.identityLabels());
  }

  @Test
  void declaresExactlyKsmFamiliesWithEveryResourceEnabled() {
    Set<String> declared = new TreeSet<>();
    Kinds.all()
        .values()
        .forEach(k -> k.families(ResourceOptions.defaults()).forEach(f -> declared.add(f.name())));
    Set<String> ksm = new TreeSet<>();
    KsmReference.FAMILIES.values().forEach(rows -> rows.forEach(r -> ksm.add(r.family())));
    assertEquals(336, ksm.size(), "KSM's family table");
    assertEquals(ksm, declared);
    assertEquals(KsmReference.RESOURCES.keySet(), new TreeSet<>(Kinds.all().keySet()));
  }

  /** The README's resource table lists every registered kind with its group, default and size. */
  @Test
  void readmeTableIsTheRegistry() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String table =
        readme.substring(
            readme.indexOf("<!-- resources: begin -->"), readme.indexOf("<!-- resources: end -->"));
    List<String> rows = new ArrayList<>();
    for (String line : table.split("\n")) {
      if (line.startsWith("| ") && !line.startsWith("| resource ")) {
        rows.add(line);
      }
    }
    List<String> expected = new ArrayList<>();
    for (ResourceKind<?> k : Kinds.all().values()) {
      expected.add(
          "| "
              + k.resource()
              + " | "
              + (k.group().isEmpty() ? "core" : k.group())
              + " | "
              + (k.enabledByDefault() ? "yes" : "no")
              + " | "
              + k.families(ResourceOptions.defaults()).size()
              + " |");
    }
    assertEquals(expected, rows);
  }

  @Test
  void registersEveryKindUnderItsResourceNameInKsmOrder() {
    List<String> names = new ArrayList<>(Kinds.all().keySet());
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names);
    Kinds.all().forEach((name, kind) -> assertEquals(name, kind.resource()));
  }

  @Test
  void defaultsAreKsmDefaultsAmongRegisteredKinds() {
    List<String> expected = new ArrayList<>();
    KsmReference.RESOURCES.forEach(
        (name, r) -> {
          if (r.enabledByDefault() && Kinds.get(name) != null) {
            expected.add(name);
          }
        });
    expected.sort(null);
    assertEquals(expected, Kinds.defaults());
    assertTrue(KsmReference.RESOURCES.size() == 39, "KSM has 39 resources");
  }
}
