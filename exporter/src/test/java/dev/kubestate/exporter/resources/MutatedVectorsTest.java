package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.testing.StrictExposition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The objects of KSM's test vectors ({@code golden/<resource>/*.yaml}), each mutated many times
 * within its own structure (a field removed or set to null, a null or duplicated list element, a
 * value replaced by an odd string, number, time or quantity, an odd label key added), decoded as
 * fabric8 decodes them and rendered with every family and {@code *} allowlists: no generator
 * fails and every line is strict exposition. Mutants fabric8 cannot decode (a string where it
 * wants a number) are what {@code render} reports and skips; they are counted, not rendered.
 * Seeded ({@value #SEED}).
 */
class MutatedVectorsTest {

  private static final long SEED = 9;
  private static final int MUTANTS_PER_OBJECT = 300;

  private static final Object[] ODD_VALUES = {
    null, "", "\u0000", "\uFFFF", "\uD800", "\uD83D\uDE80", "quote\"back\\slash\nnewline",
    "x".repeat(5000), "0001-01-01T00:00:00Z", "not a time", "0.000001m", "1e400", "-0", "-1",
    "abc%", "25%", "True", 0, -1, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -0.0,
    true, false, List.of(), Map.of(),
  };

  private static final String[] LABEL_KEYS = {"", "9a", "a-b", "__x", "\u00FC", "a\"b", "label_x"};

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void mutantsOfEveryVectorObjectRenderWithoutFailure() throws Exception {
    Map<String, String> failures = new ConcurrentHashMap<>();
    Map<String, KindRenderer<?>> renderers = new LinkedHashMap<>();
    for (KindRenderer<?> r : OddObjectsTest.renderers(failures)) {
      renderers.put(r.kind().resource(), r);
    }
    SplittableRandom random = new SplittableRandom(SEED);
    int rendered = 0;
    int undecodable = 0;
    for (Path vector : vectors()) {
      String resource = vector.getParent().getFileName().toString();
      KindRenderer<?> renderer = renderers.get(resource);
      assertNotNull(renderer, resource);
      for (Object object : objects(vector)) {
        for (int m = 0; m < MUTANTS_PER_OBJECT; m++) {
          Object mutant = deepCopy(object);
          for (int k = 1 + random.nextInt(3); k > 0; k--) {
            mutate(mutant, random);
          }
          if (render(renderer, mutant, vector + " mutant " + m, failures)) {
            rendered++;
          } else {
            undecodable++;
          }
        }
      }
    }
    System.out.printf("mutated vectors: %d rendered, %d not decodable by fabric8%n",
        rendered, undecodable);
    assertTrue(rendered > 10_000, "rendered " + rendered);
    List<String> report = new ArrayList<>();
    failures.forEach((what, example) -> report.add(what + " (" + example + ")"));
    report.sort(null);
    assertEquals(List.of(), report.subList(0, Math.min(30, report.size())));
  }

  /** Decodes and renders one mutant; false when fabric8 cannot decode it. */
  private <T> boolean render(
      KindRenderer<T> r, Object mutant, String name, Map<String, String> failures) {
    T object;
    try {
      object = serialization.convertValue(mutant, r.kind().type());
    } catch (RuntimeException e) {
      return false;
    }
    RenderedObject out = r.render(object);
    if (out == null) {
      return true;
    }
    for (int f = 0; f < r.familyCount(); f++) {
      String family = r.families().get(f).name();
      try {
        StrictExposition.check(out.bytes(), out.start(f), out.end(f), family);
      } catch (StrictExposition.Violation v) {
        failures.putIfAbsent(family + " exposition", OddObjectsTest.example(v, name));
      }
    }
    return true;
  }

  /** One mutation at a random node of the tree. */
  @SuppressWarnings("unchecked")
  private static void mutate(Object root, SplittableRandom random) {
    List<Object> containers = new ArrayList<>();
    collect(root, containers);
    Object c = containers.get(random.nextInt(containers.size()));
    if (c instanceof Map) {
      Map<String, Object> map = (Map<String, Object>) c;
      List<String> keys = new ArrayList<>(map.keySet());
      int roll = random.nextInt(4);
      if (roll == 0 || keys.isEmpty()) {
        map.put(LABEL_KEYS[random.nextInt(LABEL_KEYS.length)], odd(random));
      } else if (roll == 1) {
        map.remove(keys.get(random.nextInt(keys.size())));
      } else {
        map.put(keys.get(random.nextInt(keys.size())), random.nextBoolean() ? null : odd(random));
      }
    } else {
      List<Object> list = (List<Object>) c;
      int roll = random.nextInt(3);
      if (roll == 0 || list.isEmpty()) {
        list.add(random.nextInt(list.size() + 1), null);
      } else if (roll == 1) {
        list.add(deepCopy(list.get(random.nextInt(list.size()))));
      } else {
        list.set(random.nextInt(list.size()), odd(random));
      }
    }
  }

  private static Object odd(SplittableRandom random) {
    Object v = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
    return deepCopy(v);
  }

  private static void collect(Object node, List<Object> out) {
    if (node instanceof Map<?, ?> map) {
      out.add(map);
      map.values().forEach(v -> collect(v, out));
    } else if (node instanceof List<?> list) {
      out.add(list);
      list.forEach(v -> collect(v, out));
    }
  }

  private static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return node;
  }

  private static List<Object> objects(Path vector) throws IOException {
    try (InputStream in = Files.newInputStream(vector)) {
      Map<?, ?> doc = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
      return new ArrayList<>((List<?>) doc.get("objects"));
    }
  }

  private static List<Path> vectors() throws IOException, URISyntaxException {
    URL url = MutatedVectorsTest.class.getResource("/golden");
    assertNotNull(url, "golden/ on the test classpath");
    try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
