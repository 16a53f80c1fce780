package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders objects of one kind with every default family and records generator failures, so a test
 * can assert on one family's sample lines. Not thread-safe.
 *
 * @param <T> the object class
 */
final class KindRendering<T extends HasMetadata> {

  private final List<String> failures = new ArrayList<>();
  private final KindRenderer<T> renderer;

  KindRendering(ResourceKind<T> kind) {
    this(kind, ResourceOptions.defaults());
  }

  KindRendering(ResourceKind<T> kind, ResourceOptions options) {
    this.renderer =
        new KindRenderer<>(
            kind,
            options,
            FamilyFilter.DEFAULT,
            (resource, family, object, error) ->
                failures.add(object + ", family " + family + ": " + error.getMessage()),
            ObjectNames::describe);
  }

  /** The sample lines of {@code family} for {@code object}, in output order. */
  List<String> lines(T object, String family) {
    RenderedObject rendered = renderer.render(object);
    if (rendered == null) {
      throw new AssertionError("identity labels failed: " + failures);
    }
    for (int f = 0; f < renderer.familyCount(); f++) {
      if (renderer.families().get(f).name().equals(family)) {
        String text =
            new String(
                rendered.bytes(),
                rendered.start(f),
                rendered.end(f) - rendered.start(f),
                StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
      }
    }
    throw new AssertionError("no family " + family);
  }

  /** Renders {@code object} with every family and returns the sample lines of all of them. */
  List<String> allLines(T object) {
    List<String> out = new ArrayList<>();
    for (int f = 0; f < renderer.familyCount(); f++) {
      out.addAll(lines(object, renderer.families().get(f).name()));
    }
    return out;
  }

  /** Generator failures recorded so far, one description each. */
  List<String> failures() {
    return failures;
  }
}
