package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * One-of series as KSM writes phases and condition statuses (reference/ksm-behaviour.md 6 and 14):
 * one line per state in the declared order, 1 for the current one.
 */
class StateSetTest {

  private static final StateSet PHASE = StateSet.of("phase", "Active", "Terminating");
  private static final StateSet STATUS =
      StateSet.of("status", "true", "false", "unknown").matching("True", "False", "Unknown");

  @Test
  void writesOneLinePerStateWithTheCurrentOneAtOne() {
    SamplesFixture f = new SamplesFixture("kube_namespace_status_phase", "namespace=\"a\"");
    PHASE.write(f.samples, "Terminating");
    assertEquals(
        "kube_namespace_status_phase{namespace=\"a\",phase=\"Active\"} 0\n"
            + "kube_namespace_status_phase{namespace=\"a\",phase=\"Terminating\"} 1\n",
        f.text());
  }

  @Test
  void writesEveryStateAtZeroForAnUnknownOrEmptyValue() {
    SamplesFixture f = new SamplesFixture("x", "");
    PHASE.write(f.samples, "Gone");
    PHASE.write(f.samples, null);
    assertEquals(
        "x{phase=\"Active\"} 0\nx{phase=\"Terminating\"} 0\n"
            + "x{phase=\"Active\"} 0\nx{phase=\"Terminating\"} 0\n",
        f.text());
  }

  @Test
  void repeatsTheLabelsOfABegunSampleOnEveryLine() {
    SamplesFixture f = new SamplesFixture("kube_node_status_condition", "node=\"n\"");
    STATUS.write(f.samples.begin().label("condition", "Ready"), "True");
    assertEquals(
        "kube_node_status_condition{node=\"n\",condition=\"Ready\",status=\"true\"} 1\n"
            + "kube_node_status_condition{node=\"n\",condition=\"Ready\",status=\"false\"} 0\n"
            + "kube_node_status_condition{node=\"n\",condition=\"Ready\",status=\"unknown\"} 0\n",
        f.text());
  }

  @Test
  void matchesExactlyTheLabelValueOrTheValueGivenForEachState() {
    assertEquals(1, STATUS.indexOf("False"));
    assertEquals(-1, STATUS.indexOf("false"));
    assertEquals(-1, STATUS.indexOf("FALSE"));
    assertEquals(-1, PHASE.indexOf("active"));
    assertEquals(0, PHASE.indexOf("Active"));
  }

  @Test
  void writesNothingForAnEmptyValueWhenSoDeclared() {
    StateSet phase = StateSet.of("phase", "Pending", "Running").noneWhenEmpty();
    SamplesFixture f = new SamplesFixture("x", "uid=\"u\"");
    phase.write(f.samples, "");
    phase.write(f.samples.begin().label("dropped", "too"), null);
    f.samples.sample(7);
    assertEquals("x{uid=\"u\"} 7\n", f.text());
  }

  @Test
  void keepsEarlierLinesOfTheBufferIntact() {
    SamplesFixture f = new SamplesFixture("x", "a=\"1\"");
    f.samples.sample(5);
    STATUS.write(f.samples.begin().label("c", "t"), "Unknown");
    f.samples.sample(6);
    assertEquals(
        "x{a=\"1\"} 5\n"
            + "x{a=\"1\",c=\"t\",status=\"true\"} 0\n"
            + "x{a=\"1\",c=\"t\",status=\"false\"} 0\n"
            + "x{a=\"1\",c=\"t\",status=\"unknown\"} 1\n"
            + "x{a=\"1\"} 6\n",
        f.text());
  }

  @Test
  void writesBracesOnlyWhereThereAreLabels() {
    SamplesFixture f = new SamplesFixture("x", "");
    StateSet.of("s", "a", "b").write(f.samples, "b");
    assertEquals("x{s=\"a\"} 0\nx{s=\"b\"} 1\n", f.text());
  }
}
