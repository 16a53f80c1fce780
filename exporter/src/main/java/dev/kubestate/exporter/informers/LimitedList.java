package dev.kubestate.exporter.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.impl.DefaultSharedIndexInformer;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import io.fabric8.kubernetes.client.Config;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --object-limit} (KSM's semantics, reference/ksm-flags.tsv): every LIST asks for {@code
 * limit=N}, a response holding more than N items is cut to its first N, and the listing stops
 * there (the continue token is dropped, so one LIST keeps at most N objects); watch events are not
 * limited. The count kept by the last LIST goes to {@link KindCounters#listObjects()}.
 *
 * <p>fabric8 has no hook between a LIST response and its informer, so the informer is built
 * around this wrapper of the operation's own lister-watcher (fabric8 8.0's {@code BaseOperation}
 * is one), with the client's executor, as {@code runnableInformer} builds it.
 *
 * @param <T> the object class
 * @param <L> the list class
 */
final class LimitedList<T extends HasMetadata, L extends KubernetesResourceList<T>>
    implements ListerWatcher<T, L> {

  private final ListerWatcher<T, L> delegate;
  private final long limit;
  private final KindCounters counters;

  LimitedList(ListerWatcher<T, L> delegate, long limit, KindCounters counters) {
    this.delegate = delegate;
    this.limit = limit;
    this.counters = counters;
  }

  /**
   * An unstarted informer of {@code source} whose LISTs keep at most {@code
   * counters.objectLimit()} objects.
   *
   * @throws IllegalStateException when {@code source} is not a fabric8 lister-watcher
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T extends HasMetadata> SharedIndexInformer<T> informer(
      KubernetesClient client, Informable<T> source, Class<T> type, KindCounters counters) {
    long limit = counters.objectLimit();
    Informable<T> limited = source.withLimit(limit);
    if (!(limited instanceof ListerWatcher<?, ?> lw)) {
      throw new IllegalStateException(
          "--object-limit: " + limited.getClass().getName() + " is not a fabric8 ListerWatcher");
    }
    return new DefaultSharedIndexInformer(
        type,
        new LimitedList(lw, limit, counters),
        0,
        client.adapt(BaseClient.class).getExecutor());
  }

  @Override
  public CompletableFuture<L> submitList(ListOptions params) {
    params.setLimit(limit);
    params.setContinue(null);
    return delegate.submitList(params).thenApply(this::cut);
  }

  private L cut(L list) {
    List<T> items = list.getItems();
    if (items != null && items.size() > limit) {
      items.subList((int) limit, items.size()).clear();
    }
    ListMeta meta = list.getMetadata();
    if (meta != null) {
      meta.setContinue(null);
      meta.setRemainingItemCount(null);
    }
    counters.listObjects.set(items == null ? 0 : items.size());
    return list;
  }

  @Override
  public CompletableFuture<AbstractWatchManager<T>> submitWatch(
      ListOptions params, Watcher<T> watcher) {
    return delegate.submitWatch(params, watcher);
  }

  @Override
  public Long getLimit() {
    return limit;
  }

  @Override
  public int getWatchReconnectInterval() {
    return delegate.getWatchReconnectInterval();
  }

  @Override
  public String getApiEndpointPath() {
    return delegate.getApiEndpointPath();
  }

  @Override
  public Config getConfig() {
    return delegate.getConfig();
  }
}
