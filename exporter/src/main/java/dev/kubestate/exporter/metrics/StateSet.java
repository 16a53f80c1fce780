package dev.kubestate.exporter.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * A closed set of states written as KSM writes one-of series (a phase, a condition status): one
 * line per state in a fixed order, 1 for the current state and 0 for the others, all 0 when the
 * value matches none (reference/ksm-behaviour.md 6 and 14). Immutable and thread-safe; writing
 * allocates nothing beyond buffer growth (and a lower-cased copy of the value when matching
 * ignores case).
 */
public final class StateSet {

  private final String label;
  private final String[] states;
  private final boolean ignoreCase;
  private final boolean noneWhenEmpty;

  private StateSet(String label, String[] states, boolean ignoreCase, boolean noneWhenEmpty) {
    this.label = Objects.requireNonNull(label, "label");
    this.states = states.clone();
    this.ignoreCase = ignoreCase;
    this.noneWhenEmpty = noneWhenEmpty;
    for (String s : this.states) {
      Objects.requireNonNull(s, "state");
    }
  }

  /**
   * States compared exactly, every state written even for a null or empty value.
   *
   * @param label the label that carries the state, e.g. {@code phase}
   * @param states the states in output order
   */
  public static StateSet of(String label, String... states) {
    return new StateSet(label, states, false, false);
  }

  /** This set, matching values case-insensitively (the states are given in lower case). */
  public StateSet ignoringCase() {
    return new StateSet(label, states, true, noneWhenEmpty);
  }

  /** This set, writing no line at all for a null or empty value. */
  public StateSet noneWhenEmpty() {
    return new StateSet(label, states, ignoreCase, true);
  }

  /** The label that carries the state. */
  public String label() {
    return label;
  }

  /** The index of {@code value} among the states, or -1. */
  public int indexOf(String value) {
    if (value == null) {
      return -1;
    }
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    for (int i = 0; i < states.length; i++) {
      if (states[i].equals(v)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Writes the set for {@code value}. Continues a sample the caller has begun (its labels come
   * before the state label) or begins one with the identity labels only. When the set writes
   * nothing for an empty value, a begun sample is dropped.
   */
  public void write(Samples out, String value) {
    if (noneWhenEmpty && (value == null || value.isEmpty())) {
      out.discard();
      return;
    }
    out.states(label, states, indexOf(value));
  }
}
