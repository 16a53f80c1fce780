package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.IdentityLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The identity labels of a kind as data: the labels, in KSM's order, that start every sample of
 * an object ({@code namespace="default",deployment="web"}), each with the object field it shows.
 * KSM's choice per kind is the first columns of {@code reference/ksm-metrics.tsv}'s {@code labels}
 * column. Immutable and thread-safe.
 *
 * @param <T> the object class
 */
public final class Identity<T extends HasMetadata> {

  private record Label<T>(String name, Function<T, String> value) {}

  private final List<Label<T>> labels;

  private Identity(List<Label<T>> labels) {
    this.labels = List.copyOf(labels);
  }

  /** {@code namespace}, then {@code nameLabel} with the object's name: KSM's usual pair. */
  public static <T extends HasMetadata> Identity<T> namespaced(String nameLabel) {
    return Identity.<T>none().andNamespace().andName(nameLabel);
  }

  /** {@code nameLabel} with the object's name, alone. */
  public static <T extends HasMetadata> Identity<T> named(String nameLabel) {
    return Identity.<T>none().andName(nameLabel);
  }

  private static <T extends HasMetadata> Identity<T> none() {
    return new Identity<>(List.of());
  }

  /** These labels, then {@code namespace} with {@code metadata.namespace}. */
  public Identity<T> andNamespace() {
    return and("namespace", o -> Metadata.meta(o).getNamespace());
  }

  /** These labels, then {@code label} with {@code metadata.name}. */
  public Identity<T> andName(String label) {
    return and(label, o -> Metadata.meta(o).getName());
  }

  /** These labels, then {@code uid} with {@code metadata.uid}. */
  public Identity<T> andUid() {
    return and("uid", o -> Metadata.meta(o).getUid());
  }

  /** These labels, then {@code label} with any string field ({@code null} is written empty). */
  public Identity<T> and(String label, Function<T, String> value) {
    List<Label<T>> more = new ArrayList<>(labels);
    more.add(new Label<>(Objects.requireNonNull(label), Objects.requireNonNull(value)));
    return new Identity<>(more);
  }

  /** The label names in order. */
  public List<String> names() {
    return labels.stream().map(Label::name).toList();
  }

  /** Writes the labels of {@code object}; allocates nothing beyond the buffer's growth. */
  void write(T object, IdentityLabels out) {
    for (int i = 0; i < labels.size(); i++) {
      Label<T> l = labels.get(i);
      out.add(l.name(), l.value().apply(object));
    }
  }
}
