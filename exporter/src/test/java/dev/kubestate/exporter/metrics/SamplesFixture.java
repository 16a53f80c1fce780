package dev.kubestate.exporter.metrics;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import java.nio.charset.StandardCharsets;

/** A {@link Samples} pointed at one family and identity, and the text it wrote. */
final class SamplesFixture {

  final ExpositionBuffer buffer = new ExpositionBuffer(64);
  final Samples samples = new Samples(buffer);

  SamplesFixture(String family, String identity) {
    samples.family(family.getBytes(StandardCharsets.US_ASCII));
    samples.identity(identity.getBytes(StandardCharsets.UTF_8));
  }

  String text() {
    return buffer.toString();
  }
}
