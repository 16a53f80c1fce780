package dev.kubestate.exporter.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An informer item store that keeps, for each object this shard owns, only a stub carrying
 * name, namespace, uid and resourceVersion: never a full object, never an object of another
 * shard. It reports {@code isFullState() == false}, so the informer hands full objects to its
 * handlers instead of reading them back from here (reference: STACK.md, "Informer without a full
 * copy of every object").
 *
 * <p>Consequences the handler must expect: ADDED and MODIFIED events of unowned objects arrive as
 * {@code onAdd} (this store returns no previous value for them); when an object under the same
 * key is replaced by one with another UID, the previous stub is returned so the handler gets
 * {@code onUpdate(oldStub, new)} and can drop the old UID. Thread-safe.
 *
 * @param <T> the object class; must have a public no-argument constructor (all fabric8 models do)
 */
final class ShardItemStore<T extends HasMetadata> implements ItemStore<T> {

  private final ConcurrentHashMap<String, T> stubs = new ConcurrentHashMap<>();
  private final Predicate<String> owns;
  private final Constructor<T> constructor;

  /**
   * @param type the object class
   * @param owns whether this shard owns a (non-null) UID
   * @throws IllegalArgumentException when {@code type} has no public no-argument constructor
   */
  ShardItemStore(Class<T> type, Predicate<String> owns) {
    this.owns = owns;
    try {
      this.constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no public no-argument constructor");
    }
  }

  @Override
  public String getKey(T object) {
    return Cache.metaNamespaceKeyFunc(object);
  }

  /**
   * Keeps a stub when this shard owns the object; otherwise keeps nothing under the key.
   *
   * @return the previous stub under the key, or null; for an unowned object the previous stub is
   *     returned only when it had another UID (so the handler can drop that UID)
   */
  @Override
  public T put(String key, T object) {
    ObjectMeta meta = object == null ? null : object.getMetadata();
    String uid = meta == null ? null : meta.getUid();
    if (uid == null || uid.isEmpty() || !owns.test(uid)) {
      T previous = stubs.remove(key);
      return previous != null && !uid(previous).equals(uid) ? previous : null;
    }
    return stubs.put(key, stubOf(meta));
  }

  @Override
  public T remove(String key) {
    return stubs.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return stubs.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return stubs.values().stream();
  }

  @Override
  public int size() {
    return stubs.size();
  }

  @Override
  public T get(String key) {
    return stubs.get(key);
  }

  /** Always false: values are stubs, so the informer must pass full objects to handlers. */
  @Override
  public boolean isFullState() {
    return false;
  }

  private T stubOf(ObjectMeta meta) {
    T stub;
    try {
      stub = constructor.newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create " + constructor.getDeclaringClass(), e);
    }
    ObjectMeta m = new ObjectMeta();
    m.setName(meta.getName());
    m.setNamespace(meta.getNamespace());
    m.setUid(meta.getUid());
    m.setResourceVersion(meta.getResourceVersion());
    stub.setMetadata(m);
    return stub;
  }

  private static String uid(HasMetadata stub) {
    return stub.getMetadata().getUid();
  }
}
