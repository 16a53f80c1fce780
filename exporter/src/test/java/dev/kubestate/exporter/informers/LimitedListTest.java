package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.api.model.NamespaceListBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code --object-limit}'s cut (reference/ksm-flags.tsv): the LIST asks for {@code limit=N}, a
 * response with more than N items keeps its first N, and no further page is asked for.
 */
class LimitedListTest {

  @Test
  void aListAsksForTheLimitKeepsTheFirstNAndStops() throws Exception {
    List<ListOptions> asked = new ArrayList<>();
    KindCounters counters = new KindCounters(3);
    LimitedList<Namespace, NamespaceList> limited =
        new LimitedList<>(server(asked, 7, "next-page"), 3, counters);
    ListOptions options = new ListOptions();
    options.setLimit(500L);
    options.setContinue("earlier");
    NamespaceList list = limited.submitList(options).get();
    assertEquals(3L, asked.get(0).getLimit());
    assertNull(asked.get(0).getContinue());
    assertEquals(List.of("ns-0", "ns-1", "ns-2"), names(list));
    assertNull(list.getMetadata().getContinue(), "no further page");
    assertEquals(3, counters.listObjects());
    assertEquals(3L, limited.getLimit());
  }

  @Test
  void aListWithinTheLimitIsKeptWhole() throws Exception {
    KindCounters counters = new KindCounters(3);
    NamespaceList list =
        new LimitedList<>(server(new ArrayList<>(), 2, null), 3, counters)
            .submitList(new ListOptions())
            .get();
    assertEquals(List.of("ns-0", "ns-1"), names(list));
    assertEquals(2, counters.listObjects());
  }

  private static List<String> names(NamespaceList list) {
    return list.getItems().stream().map(n -> n.getMetadata().getName()).toList();
  }

  /** A server answering every LIST with {@code items} namespaces (it ignores the limit). */
  private static ListerWatcher<Namespace, NamespaceList> server(
      List<ListOptions> asked, int items, String continueToken) {
    return new ListerWatcher<>() {
      @Override
      public CompletableFuture<AbstractWatchManager<Namespace>> submitWatch(
          ListOptions params, Watcher<Namespace> watcher) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<NamespaceList> submitList(ListOptions params) {
        asked.add(params);
        NamespaceListBuilder b =
            new NamespaceListBuilder().withNewMetadata().withContinue(continueToken).endMetadata();
        for (int i = 0; i < items; i++) {
          b.addToItems(new NamespaceBuilder().withNewMetadata().withName("ns-" + i).endMetadata()
              .build());
        }
        return CompletableFuture.completedFuture(b.build());
      }

      @Override
      public Long getLimit() {
        return 500L;
      }

      @Override
      public int getWatchReconnectInterval() {
        return 1000;
      }

      @Override
      public String getApiEndpointPath() {
        return "api/v1/namespaces";
      }

      @Override
      public Config getConfig() {
        return Config.empty();
      }
    };
  }
}
