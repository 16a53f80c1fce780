package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering one object, and what happens when a generator or the identity misbehaves. */
class KindRendererTest {

  /** A failure as reported. */
  record Failure(String resource, String family, String object, RuntimeException error) {}

  /** A minimal kind over strings: identity label {@code thing}, families as given. */
  static final class Things implements ResourceKind<String> {
    private final List<Family<String>> families;

    Things(List<Family<String>> families) {
      this.families = families;
    }

    @Override
    public String resource() {
      return "things";
    }

    @Override
    public Class<String> type() {
      return String.class;
    }

    @Override
    public String telemetryName() {
      return "*v1.Thing";
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
      return List.of("thing");
    }

    @Override
    public void identity(String object, IdentityLabels out) {
      if (object.equals("no-identity")) {
        throw new IllegalArgumentException("cannot name it");
      }
      out.add("thing", object);
    }

    @Override
    public List<Family<String>> families(ResourceOptions options) {
      return families;
    }
  }

  private final List<Failure> failures = new ArrayList<>();

  private KindRenderer<String> renderer(List<Family<String>> families) {
    return new KindRenderer<>(
        new Things(families),
        ResourceOptions.defaults(),
        FamilyFilter.DEFAULT,
        (resource, family, object, error) ->
            failures.add(new Failure(resource, family, object, error)),
        o -> "Thing " + o);
  }

  private static Family<String> good(String name) {
    return Family.<String>gauge(name, "h", Stability.ALPHA, (o, out) -> out.sample("k", o, 1));
  }

  private static String slice(RenderedObject r, int f) {
    return new String(r.bytes(), r.start(f), r.end(f) - r.start(f), StandardCharsets.UTF_8);
  }

  private static String all(RenderedObject r) {
    return new String(r.bytes(), 0, r.size(), StandardCharsets.UTF_8);
  }

  @Test
  void rendersFamiliesIntoConsecutiveSlices() {
    RenderedObject r = renderer(List.of(good("a"), good("b"))).render("x");
    assertEquals(2, r.familyCount());
    assertEquals("a{thing=\"x\",k=\"x\"} 1\n", slice(r, 0));
    assertEquals("b{thing=\"x\",k=\"x\"} 1\n", slice(r, 1));
    assertTrue(failures.isEmpty());
  }

  @Test
  void dropsOnlyTheThrowingFamilyAndReportsIt() {
    Family<String> throwing =
        Family.<String>gauge("bad", "h", Stability.ALPHA,
                (o, out) -> {
                  out.sample("first", "line", 1);
                  throw new IllegalArgumentException("malformed");
                });
    RenderedObject r = renderer(List.of(good("a"), throwing, good("c"))).render("x");
    assertEquals("a{thing=\"x\",k=\"x\"} 1\n", slice(r, 0));
    assertEquals("", slice(r, 1));
    assertEquals("c{thing=\"x\",k=\"x\"} 1\n", slice(r, 2));
    assertEquals(1, failures.size());
    Failure f = failures.get(0);
    assertEquals("things", f.resource());
    assertEquals("bad", f.family());
    assertEquals("Thing x", f.object());
    assertEquals("malformed", f.error().getMessage());
  }

  @Test
  void dropsPartlyWrittenSampleOfThrowingFamily() {
    Family<String> throwing =
        Family.<String>gauge("bad", "h", Stability.ALPHA,
                (o, out) -> {
                  out.begin().label("half", "written");
                  throw new IllegalStateException("gave up");
                });
    RenderedObject r = renderer(List.of(throwing, good("c"))).render("x");
    assertEquals("c{thing=\"x\",k=\"x\"} 1\n", all(r));
    assertEquals(1, failures.size());
    assertEquals("bad", failures.get(0).family());
  }

  @Test
  void dropsFamilyThatLeavesSampleOpenAndKeepsTheNext() {
    Family<String> open =
        Family.<String>gauge("open", "h", Stability.ALPHA,
                (o, out) -> {
                  out.sample("complete", "line", 1);
                  out.begin().label("no", "value");
                });
    RenderedObject r = renderer(List.of(good("a"), open, good("c"))).render("x");
    assertEquals("", slice(r, 1));
    assertEquals("a{thing=\"x\",k=\"x\"} 1\nc{thing=\"x\",k=\"x\"} 1\n", all(r));
    assertEquals(1, failures.size());
    assertEquals("open", failures.get(0).family());
  }

  @Test
  void reportsIdentityFailureAndRendersNothing() {
    assertNull(renderer(List.of(good("a"))).render("no-identity"));
    assertEquals(1, failures.size());
    assertNull(failures.get(0).family());
    assertInstanceOf(IllegalArgumentException.class, failures.get(0).error());
  }

  @Test
  void rendersNextObjectCleanlyAfterFailure() {
    KindRenderer<String> renderer =
        renderer(
            List.of(
                Family.<String>gauge("bad", "h", Stability.ALPHA,
                        (o, out) -> {
                          out.begin();
                          if (o.equals("x")) {
                            throw new IllegalArgumentException("x");
                          }
                          out.value(2);
                        })));
    renderer.render("x");
    assertEquals("bad{thing=\"y\"} 2\n", all(renderer.render("y")));
  }

  @Test
  void appliesFamilyFilter() {
    KindRenderer<String> renderer =
        new KindRenderer<>(
            new Things(List.of(good("kube_a"), good("kube_b"))),
            ResourceOptions.defaults(),
            FamilyFilter.of(List.of(), List.of("kube_a"), List.of()),
            RenderFailures.IGNORE,
            o -> o);
    assertEquals(1, renderer.familyCount());
    assertEquals("kube_b", renderer.families().get(0).name());
  }
}
