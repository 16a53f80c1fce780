package dev.kubestate.exporter.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;

/**
 * Makes what a kind's informer receives into objects of the kind's class. An informer of a
 * {@linkplain dev.kubestate.exporter.metrics.ResourceKind#metadataOnly() metadata-only} kind asks
 * for {@code PartialObjectMetadata}: fabric8 decodes such a WATCH event as its own {@code
 * PartialObjectMetadata} class (and a LIST item into the kind's class, with nothing but metadata);
 * each is made an object of the kind's class carrying the same {@link ObjectMeta}, which is all the
 * kind's families read. An object of the kind's class, full from a server that ignored the request,
 * passes as it is. For every other kind an object of another class is an error (fail closed).
 * Immutable; thread-safe.
 *
 * @param <T> the kind's object class; must have a public no-argument constructor (all fabric8
 *     models do)
 */
final class ReceivedObjects<T extends HasMetadata> implements Function<HasMetadata, T> {

  private final Class<T> type;
  private final Constructor<T> constructor;

  private ReceivedObjects(Class<T> type, Constructor<T> constructor) {
    this.type = type;
    this.constructor = constructor;
  }

  /**
   * The conversion of a kind's received objects.
   *
   * @param metadataOnly whether the kind is listed and watched as metadata only
   * @throws IllegalArgumentException when {@code metadataOnly} and {@code type} has no public
   *     no-argument constructor
   */
  static <T extends HasMetadata> ReceivedObjects<T> of(Class<T> type, boolean metadataOnly) {
    if (!metadataOnly) {
      return new ReceivedObjects<>(type, null);
    }
    try {
      return new ReceivedObjects<>(type, type.getConstructor());
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no public no-argument constructor");
    }
  }

  /**
   * {@code received} as an object of the kind's class.
   *
   * @throws ClassCastException when it is of another class and the kind is not metadata-only
   */
  @Override
  public T apply(HasMetadata received) {
    if (constructor == null || type.isInstance(received)) {
      return type.cast(received);
    }
    T object;
    try {
      object = constructor.newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create " + type.getName(), e);
    }
    object.setMetadata(received.getMetadata());
    return object;
  }
}
