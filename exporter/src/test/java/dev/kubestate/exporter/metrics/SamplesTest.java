package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The sample line grammar (reference/ksm-behaviour.md 3.3). */
class SamplesTest {

  @Test
  void prependsIdentityLabelsToFamilyLabels() {
    SamplesFixture f = new SamplesFixture("kube_pod_status_phase", "namespace=\"ns\",pod=\"p\"");
    f.samples.begin().label("phase", "Running").value(1);
    assertEquals(
        "kube_pod_status_phase{namespace=\"ns\",pod=\"p\",phase=\"Running\"} 1\n", f.text());
  }

  @Test
  void writesIdentityOnlySample() {
    SamplesFixture f = new SamplesFixture("kube_namespace_created", "namespace=\"a\"");
    f.samples.sample(1.5e9);
    assertEquals("kube_namespace_created{namespace=\"a\"} 1.5e+09\n", f.text());
  }

  @Test
  void omitsBracesWhenThereAreNoLabels() {
    SamplesFixture f = new SamplesFixture("x", "");
    f.samples.sample(0);
    assertEquals("x 0\n", f.text());
  }

  @Test
  void opensBracesForFirstFamilyLabelWithoutIdentity() {
    SamplesFixture f = new SamplesFixture("x", "");
    f.samples.sample("k", "v", -1);
    assertEquals("x{k=\"v\"} -1\n", f.text());
  }

  @Test
  void keepsLabelsInGivenOrder() {
    SamplesFixture f = new SamplesFixture("x", "");
    f.samples.begin().label("reason", "r").label("condition", "c").label("status", "true").value(1);
    assertEquals("x{reason=\"r\",condition=\"c\",status=\"true\"} 1\n", f.text());
  }

  @Test
  void writesNullLabelValueAsEmpty() {
    SamplesFixture f = new SamplesFixture("x", "uid=\"u\"");
    f.samples.sample("owner_kind", null, 1);
    assertEquals("x{uid=\"u\",owner_kind=\"\"} 1\n", f.text());
  }

  @Test
  void escapesLabelValues() {
    SamplesFixture f = new SamplesFixture("x", "");
    f.samples.sample("k", "a\"b\\c\nd", 1);
    assertEquals("x{k=\"a\\\"b\\\\c\\nd\"} 1\n", f.text());
  }

  @Test
  void writesSpecialValues() {
    SamplesFixture f = new SamplesFixture("x", "");
    f.samples.sample(Double.NaN);
    f.samples.sample(Double.POSITIVE_INFINITY);
    f.samples.sample(-0.0);
    assertEquals("x NaN\nx +Inf\nx 0\n", f.text());
  }

  @Test
  void rejectsLabelOutsideSample() {
    SamplesFixture f = new SamplesFixture("x", "");
    assertThrows(IllegalStateException.class, () -> f.samples.label("k", "v"));
  }

  @Test
  void rejectsValueOutsideSample() {
    SamplesFixture f = new SamplesFixture("x", "");
    assertThrows(IllegalStateException.class, () -> f.samples.value(1));
  }

  @Test
  void rejectsBeginWhileSampleOpen() {
    SamplesFixture f = new SamplesFixture("x", "");
    f.samples.begin();
    assertThrows(IllegalStateException.class, f.samples::begin);
  }
}
