package dev.kubestate.exporter.metrics;

import dev.kubestate.exporter.exposition.ExpositionBuffer;

/**
 * Collects an object's identity labels ({@code namespace="default",pod="web-0",uid="..."}) once
 * per render. Not thread-safe: confined to one render.
 */
public final class IdentityLabels {

  private final ExpositionBuffer out = new ExpositionBuffer(128);

  /** Adds a label; null values are written as empty. */
  public IdentityLabels add(String name, String value) {
    if (out.size() > 0) {
      out.appendByte(',');
    }
    out.appendAscii(name).appendByte('=').appendByte('"');
    if (value != null) {
      out.appendLabelValue(value);
    }
    out.appendByte('"');
    return this;
  }

  void reset() {
    out.reset();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
