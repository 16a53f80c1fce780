package dev.kubestate.exporter.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KSM's facts as the tests read them from the test classpath: the family table ({@code
 * reference/ksm-metrics.tsv}) and the resource table of {@code reference/ksm-behaviour.md}
 * section 1. Both are copies of {@code ../shared/reference/}, kept equal by {@code
 * ReferenceCopiesTest}. Immutable.
 */
final class KsmReference {

  /** One row of ksm-metrics.tsv. */
  record Family(
      String resource,
      String family,
      String type,
      String stability,
      String status,
      List<String> labels,
      String help) {}

  /** One row of ksm-behaviour.md's resource table. */
  record Resource(
      String resource,
      String kind,
      String group,
      String version,
      boolean namespaced,
      boolean enabledByDefault,
      int families,
      String telemetryName) {}

  /** Families by resource, in TSV order (KSM's declaration order). */
  static final Map<String, List<Family>> FAMILIES = families();

  /** Resources by name. */
  static final Map<String, Resource> RESOURCES = resources();

  private KsmReference() {}

  private static String read(String path) {
    try (InputStream in = KsmReference.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, List<Family>> families() {
    Map<String, List<Family>> out = new LinkedHashMap<>();
    String[] lines = read("/reference/ksm-metrics.tsv").split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] c = lines[i].split("\t", -1);
      out.computeIfAbsent(c[0], k -> new ArrayList<>())
          .add(new Family(c[0], c[1], c[2], c[3], c[4], Arrays.asList(c[5].split(",")), c[6]));
    }
    return out;
  }

  /**
   * Parses rows such as {@code | pods | Pod (v1) | namespaced | yes | 60 | `*v1.Pod` |}.
   */
  private static Map<String, Resource> resources() {
    Map<String, Resource> out = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : read("/reference/ksm-behaviour.md").split("\n")) {
      if (line.startsWith("| resource | Kind (group/version)")) {
        inTable = true;
        continue;
      }
      if (!inTable || line.startsWith("|---")) {
        continue;
      }
      if (!line.startsWith("|")) {
        break;
      }
      String[] c = line.split("\\|");
      String kindAndVersion = c[2].trim();
      String kind = kindAndVersion.substring(0, kindAndVersion.indexOf(' '));
      String gv =
          kindAndVersion.substring(kindAndVersion.indexOf('(') + 1, kindAndVersion.indexOf(')'));
      int slash = gv.indexOf('/');
      Resource r =
          new Resource(
              c[1].trim(),
              kind,
              slash < 0 ? "" : gv.substring(0, slash),
              gv.substring(slash + 1),
              c[3].trim().equals("namespaced"),
              c[4].trim().equals("yes"),
              Integer.parseInt(c[5].trim()),
              c[6].trim().replace("`", ""));
      out.put(r.resource(), r);
    }
    return out;
  }

  /** The labels every family of the resource starts with: KSM's identity labels. */
  static List<String> commonLabelPrefix(String resource) {
    List<String> common = null;
    for (Family f : FAMILIES.get(resource)) {
      if (common == null) {
        common = f.labels();
        continue;
      }
      int n = 0;
      while (n < common.size() && n < f.labels().size()
          && common.get(n).equals(f.labels().get(n))) {
        n++;
      }
      common = common.subList(0, n);
    }
    return common;
  }
}
