package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Go's field semantics, which KSM's values follow, for fabric8 objects where every absent field is
 * {@code null}. Go has zero values for value fields and {@code nil} only for pointers, so:
 *
 * <ul>
 *   <li>a value field (a count the API always sets, a struct such as {@code spec}) reads as its
 *       zero value when absent: {@link #value}, {@link #orZero};
 *   <li>a pointer ({@code spec.replicas}, {@code minReplicas}) gives no sample when absent:
 *       {@link #pointer};
 *   <li>a bool is 1 or 0, absent is false: {@link #flag};
 *   <li>a timestamp gives no sample when unset or unparsable: {@link #timestamp};
 *   <li>a list reads empty when absent and a {@code null} element as the zero struct: {@link
 *       #items}.
 * </ul>
 *
 * Stateless; the generators allocate nothing but what the field accessors do.
 */
public final class GoFields {

  private GoFields() {}

  /** One sample with the field's value, 0 when it is absent. */
  public static <T> Generator<T> value(Function<T, ? extends Number> field) {
    return (o, out) -> {
      Number n = field.apply(o);
      out.sample(n == null ? 0 : n.doubleValue());
    };
  }

  /** One sample with the field's value; none when the field is absent. */
  public static <T> Generator<T> pointer(Function<T, ? extends Number> field) {
    return (o, out) -> {
      Number n = field.apply(o);
      if (n != null) {
        out.sample(n.doubleValue());
      }
    };
  }

  /** One sample, 1 when the field is true, 0 when it is false or absent. */
  public static <T> Generator<T> flag(Function<T, Boolean> field) {
    return (o, out) -> out.sample(Boolean.TRUE.equals(field.apply(o)) ? 1 : 0);
  }

  /**
   * One sample with the RFC 3339 timestamp in unix seconds; none when it is unset (a pointer
   * time: nil) or does not parse (Go would have decoded nothing into it).
   */
  public static <T> Generator<T> timestamp(Function<T, String> field) {
    return (o, out) -> {
      double seconds = Timestamps.seconds(field.apply(o));
      if (!Double.isNaN(seconds)) {
        out.sample(seconds);
      }
    };
  }

  /** A struct value field: the field itself, or its zero value when absent. */
  public static <V> V orZero(V value, Supplier<V> zero) {
    return value != null ? value : zero.get();
  }

  /** A list of scalars: the list itself, or an empty list when absent. */
  public static <E> List<E> items(List<E> list) {
    return list != null ? list : List.of();
  }

  /**
   * A list of structs: the list itself, empty when absent, with every {@code null} element read
   * as the zero struct (as Go decodes {@code null} in a list of structs). Allocates a copy only
   * when there is a {@code null} element.
   */
  public static <E> List<E> items(List<E> list, Supplier<E> zero) {
    if (list == null) {
      return List.of();
    }
    if (!hasNull(list)) {
      return list;
    }
    List<E> out = new ArrayList<>(list.size());
    for (E e : list) {
      out.add(e != null ? e : zero.get());
    }
    return out;
  }

  /** Whether the list holds null ({@code List.of} lists throw on {@code contains(null)}). */
  private static boolean hasNull(List<?> list) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        return true;
      }
    }
    return false;
  }
}
