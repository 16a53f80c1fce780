package dev.kubestate.exporter.metrics;

import java.util.Objects;

/**
 * A closed set of states written as KSM writes one-of series (a phase, a condition status): one
 * line per state in a fixed order, 1 for the current state and 0 for the others, all 0 when the
 * value matches none (reference/ksm-behaviour.md 6 and 14). A state is written as its label value
 * and matched exactly, against its label value or against a value of its own ({@link #matching}:
 * KSM writes condition statuses lower-cased but compares them as the API spells them). Immutable
 * and thread-safe; writing allocates nothing beyond buffer growth.
 */
public final class StateSet {

  private final String label;
  private final String[] states;
  private final String[] matched;
  private final boolean noneWhenEmpty;

  private StateSet(String label, String[] states, String[] matched, boolean noneWhenEmpty) {
    this.label = Objects.requireNonNull(label, "label");
    this.states = states.clone();
    this.matched = matched.clone();
    this.noneWhenEmpty = noneWhenEmpty;
    if (this.matched.length != this.states.length) {
      throw new IllegalArgumentException(
          matched.length + " matched values for " + states.length + " states");
    }
    for (int i = 0; i < this.states.length; i++) {
      Objects.requireNonNull(this.states[i], "state");
      Objects.requireNonNull(this.matched[i], "matched value");
    }
  }

  /**
   * States compared exactly, every state written even for a null or empty value.
   *
   * @param label the label that carries the state, e.g. {@code phase}
   * @param states the states in output order
   */
  public static StateSet of(String label, String... states) {
    return new StateSet(label, states, states, false);
  }

  /**
   * This set, matching each state against the given value instead of its label value, e.g.
   * states {@code true, false, unknown} matching {@code True, False, Unknown}.
   *
   * @param values one per state, in the same order
   */
  public StateSet matching(String... values) {
    return new StateSet(label, states, values, noneWhenEmpty);
  }

  /** This set, writing no line at all for a null or empty value. */
  public StateSet noneWhenEmpty() {
    return new StateSet(label, states, matched, true);
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
    for (int i = 0; i < matched.length; i++) {
      if (matched[i].equals(value)) {
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
