package dev.kubestate.exporter.metrics;

import dev.kubestate.exporter.exposition.ExpositionBuffer;

/**
 * Where a generator writes its samples. The framework points it at a family and an object's
 * identity labels; the generator only adds its own labels and the value:
 *
 * <pre>{@code
 * out.begin().label("container", c.getName()).label("resource", "cpu").value(0.25);
 * out.sample(1);                        // identity labels only
 * out.sample("phase", "Running", 1);    // one extra label
 * out.begin().label("condition", "Ready").states("status", STATUSES, 0); // one line per state
 * }</pre>
 *
 * Lines are written as KSM writes them: {@code name{identity,extra} value}, labels in the order
 * given, braces omitted when there are no labels at all. Not thread-safe: confined to the thread
 * rendering one object; allocates nothing beyond buffer growth.
 */
public final class Samples {

  private final ExpositionBuffer out;
  private byte[] familyName = new byte[0];
  private byte[] identity = new byte[0];
  private boolean open;
  private boolean anyLabel;
  private int sampleStart;

  public Samples(ExpositionBuffer out) {
    this.out = out;
  }

  /** Framework use: the family whose samples follow, as ASCII bytes. */
  void family(byte[] familyNameBytes) {
    this.familyName = familyNameBytes;
  }

  /** Framework use: the identity labels (rendered {@code k="v",...}) of the current object. */
  void identity(byte[] identityLabels) {
    this.identity = identityLabels;
  }

  ExpositionBuffer buffer() {
    return out;
  }

  /** Starts a sample with the identity labels; continue with {@link #label} and {@link #value}. */
  public Samples begin() {
    if (open) {
      throw new IllegalStateException("previous sample has no value");
    }
    open = true;
    sampleStart = out.size();
    out.appendBytes(familyName);
    anyLabel = identity.length > 0;
    if (anyLabel) {
      out.appendByte('{').appendBytes(identity);
    }
    return this;
  }

  /**
   * Adds a label. {@code name} must be a valid Prometheus label name (it is written as is);
   * {@code value} is escaped; null is written as an empty value.
   */
  public Samples label(String name, String value) {
    if (!open) {
      throw new IllegalStateException("label outside a sample");
    }
    out.appendByte(anyLabel ? ',' : '{');
    anyLabel = true;
    out.appendAscii(name).appendByte('=').appendByte('"');
    if (value != null) {
      out.appendLabelValue(value);
    }
    out.appendByte('"');
    return this;
  }

  /** Ends the sample with its value. */
  public void value(double value) {
    if (!open) {
      throw new IllegalStateException("value outside a sample");
    }
    if (anyLabel) {
      out.appendByte('}');
    }
    out.appendByte(' ').appendValue(value).appendByte('\n');
    open = false;
  }

  /**
   * Ends the begun sample (or, when none is begun, a new one with the identity labels) as a state
   * set: one line per state, each with the labels written so far, then {@code label="<state>"},
   * valued 1 for the current state and 0 for the others. Allocates nothing beyond buffer growth.
   *
   * @param label the label that carries the state, e.g. {@code phase}
   * @param states every state, in output order
   * @param current the index of the current state in {@code states}, or -1 when none is (every
   *     line is then 0)
   */
  public void states(String label, String[] states, int current) {
    if (!open) {
      begin();
    }
    if (states.length == 0) {
      discard();
      return;
    }
    int prefixEnd = out.size();
    boolean prefixHasLabel = anyLabel;
    for (int i = 0; i < states.length; i++) {
      if (i > 0) {
        out.appendCopy(sampleStart, prefixEnd);
        anyLabel = prefixHasLabel;
        open = true;
      }
      label(label, states[i]);
      value(i == current ? 1 : 0);
    }
  }

  /** A sample with the identity labels only. */
  public void sample(double value) {
    begin().value(value);
  }

  /** A sample with one extra label. */
  public void sample(String name, String labelValue, double value) {
    begin().label(name, labelValue).value(value);
  }

  /** Framework use: whether a sample was begun and not ended. */
  boolean isOpen() {
    return open;
  }

  /** Framework use: drops the begun sample's bytes and closes it. */
  void discard() {
    if (open) {
      out.truncate(sampleStart);
      open = false;
    }
  }

  /** Framework use: abandons a sample a generator left open (after it threw). */
  void abandon() {
    open = false;
  }
}
