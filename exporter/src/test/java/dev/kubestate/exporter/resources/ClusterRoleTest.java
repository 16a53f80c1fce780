package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.exporter.metrics.ResourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The ClusterRole of {@code deploy/statefulset} grants exactly what the StatefulSet's exporter
 * reads: list and watch of every kind it enables (its {@code --resources}, else the registry's
 * default set), each under its API group, plus get on the API server's {@code /livez}; nothing
 * else.
 */
class ClusterRoleTest {

  private static final Path MANIFESTS = Path.of("..", "deploy", "statefulset");

  @Test
  void grantsListAndWatchOfExactlyTheEnabledKinds() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (String resource : enabledResources()) {
      ResourceKind<?> kind = Kinds.get(resource);
      expected.add(grant(kind.group(), kind.resource(), List.of("list", "watch")));
    }
    expected.add("nonResourceURL /livez: [get]");
    assertEquals(expected, granted());
  }

  private static Set<String> granted() throws IOException {
    Map<?, ?> role = (Map<?, ?>) load(MANIFESTS.resolve("clusterrole.yaml"));
    Set<String> out = new TreeSet<>();
    for (Object r : (List<?>) role.get("rules")) {
      Map<?, ?> rule = (Map<?, ?>) r;
      List<String> verbs = strings(rule.get("verbs"));
      if (rule.containsKey("nonResourceURLs")) {
        for (String url : strings(rule.get("nonResourceURLs"))) {
          out.add("nonResourceURL " + url + ": " + verbs);
        }
        continue;
      }
      for (String group : strings(rule.get("apiGroups"))) {
        for (String resource : strings(rule.get("resources"))) {
          out.add(grant(group, resource, verbs));
        }
      }
    }
    return out;
  }

  /** The {@code --resources} of the StatefulSet's container, or the registry's defaults. */
  private static List<String> enabledResources() throws IOException {
    Map<?, ?> sts = (Map<?, ?>) load(MANIFESTS.resolve("statefulset.yaml"));
    Map<?, ?> podSpec = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) sts.get("spec")).get("template"))
        .get("spec");
    Map<?, ?> container = (Map<?, ?>) ((List<?>) podSpec.get("containers")).get(0);
    List<String> out = new ArrayList<>();
    for (String arg : strings(container.get("args"))) {
      if (arg.startsWith("--resources=")) {
        out.addAll(List.of(arg.substring("--resources=".length()).split(",")));
      }
    }
    return out.isEmpty() ? Kinds.defaults() : out;
  }

  private static String grant(String group, String resource, List<String> verbs) {
    return (group.isEmpty() ? "core" : group) + "/" + resource + ": " + new TreeSet<>(verbs);
  }

  private static Object load(Path file) throws IOException {
    return new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
