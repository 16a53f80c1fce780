package dev.kubestate.exporter.cli;

import static dev.kubestate.exporter.cli.CliTest.resource;
import static dev.kubestate.exporter.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.testing.StrictExposition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code render} keeps going: a list item or document that cannot be decoded is reported on
 * standard error with file, document, item, kind, namespace and name, the field and the problem
 * but never the value, and skipped; every other object is rendered; the exit code is 1.
 */
class RenderSkipsTest {

  @Test
  void skipsUndecodableListItemsAndRendersTheirNeighbours() {
    String file = resource("list-with-bad-items.yaml");
    CliTest.Run r = run("render", "--resources=deployments,secrets", file);

    assertEquals(RenderCommand.EXIT_SKIPPED, r.exit(), r.err());
    List<String> errors = r.errLines();
    assertEquals(2, errors.size(), r.err());
    assertTrue(
        errors.get(0).startsWith(
            "render: " + file
                + ", document 1, item 1, Deployment ns/bad-replicas: spec.replicas: "),
        errors.get(0));
    assertTrue(
        errors.get(1).startsWith(
            "render: " + file + ", document 1, item 2, Secret ns/bad-data: data.password: "),
        errors.get(1));
    assertTrue(errors.stream().allMatch(e -> e.endsWith("; skipped")), r.err());
    assertFalse(r.err().contains("hunter2"), "a value reached stderr: " + r.err());

    assertTrue(r.exposition().contains(
        "kube_deployment_spec_replicas{namespace=\"ns\",deployment=\"good-a\"} 2\n"),
        r.exposition());
    assertTrue(r.exposition().contains(
        "kube_deployment_spec_replicas{namespace=\"ns\",deployment=\"good-d\"} 4\n"),
        r.exposition());
    assertFalse(r.exposition().contains("bad-"), r.exposition());
    StrictExposition.check(r.exposition().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void skipsADocumentYamlCannotReadAndReadsOddButValidValues() {
    String file = resource("odd-values.yaml");
    CliTest.Run r = run("render", "--resources=namespaces", file);

    assertEquals(RenderCommand.EXIT_SKIPPED, r.exit(), r.err());
    // U+FFFF written raw is not allowed in YAML: the document is skipped, its neighbours are not
    assertEquals(
        List.of("render: " + file + ", document 2: not valid YAML or JSON at line 5, column 23"
            + " of the document; skipped"),
        r.errLines());
    assertTrue(r.exposition().contains(activeLine("first")), r.exposition());
    // escaped, it is a string; as a creation time it does not parse and reads as unset; Go's
    // zero time is skipped as KSM's IsZero check skips it
    assertTrue(r.exposition().contains(activeLine("escaped-ffff")), r.exposition());
    assertTrue(r.exposition().contains(activeLine("zero-time")), r.exposition());
    assertFalse(r.exposition().contains("kube_namespace_created{"), r.exposition());
    StrictExposition.check(r.exposition().getBytes(StandardCharsets.UTF_8));
  }

  /** A namespace without phase: both phase series 0 (golden/namespaces). */
  private static String activeLine(String namespace) {
    return "kube_namespace_status_phase{namespace=\"" + namespace + "\",phase=\"Active\"} 0\n";
  }

  @Test
  void rendersTinyQuantitiesAndNullListElements() {
    CliTest.Run r = run("render", "--resources=pods", resource("tiny-quantity.json"));

    assertEquals(0, r.exit(), r.err());
    // 0.000001m is 1e-9 cores: KSM's MilliValue rounds up to one milli-core
    assertTrue(
        r.exposition().lines().anyMatch(l -> l.startsWith("kube_pod_container_resource_requests{")
            && l.contains("container=\"c\"") && l.contains("resource=\"cpu\"")
            && l.endsWith("} 0.001")),
        r.exposition());
    assertTrue(
        r.exposition().lines().anyMatch(l -> l.startsWith("kube_pod_container_resource_requests{")
            && l.contains("resource=\"memory\"") && l.endsWith("} 1000")),
        r.exposition());
    StrictExposition.check(r.exposition().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void helpStatesTheExitCodes() {
    CliTest.Run r = run("render", "--help");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Exit status:"), r.out());
    assertTrue(r.out().contains("1   something was skipped (reported on stderr)"), r.out());
  }
}
