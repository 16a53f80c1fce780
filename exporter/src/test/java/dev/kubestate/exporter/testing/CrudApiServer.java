package dev.kubestate.exporter.testing;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.SelectingDispatcher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.util.HashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our test API server (fabric8's CRUD mock with {@link SelectingDispatcher}: field and shard
 * selectors honoured, and every watch served by a sender of its own) per test class, injected
 * into the class's static {@link KubernetesClient} and {@link KubernetesMockServer} fields, as
 * fabric8's own extension does. The stock mock's watch sender can deadlock the mock's event loop
 * (its {@code WatchEventsListener.onClosed} waits up to a minute for its own sender there when a
 * watch closes mid-send); our dispatcher avoids it, and a shutdown that still times out is
 * logged, not failed, since it is the test server's problem and not the exporter's.
 */
public final class CrudApiServer implements BeforeAllCallback, AfterAllCallback {

  private static final Logger LOG = LoggerFactory.getLogger(CrudApiServer.class);
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(CrudApiServer.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new SelectingDispatcher(ApiServerFeatures.withShardSelector()),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    KubernetesClient client = server.createClient();
    context.getStore(NS).put("server", server);
    context.getStore(NS).put("client", client);
    for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      if (f.getType() == KubernetesClient.class) {
        f.setAccessible(true);
        f.set(null, client);
      } else if (f.getType() == KubernetesMockServer.class) {
        f.setAccessible(true);
        f.set(null, server);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop(
        context.getStore(NS).remove("client", KubernetesClient.class),
        context.getStore(NS).remove("server", KubernetesMockServer.class));
  }

  /**
   * Closes the client, then the mock server, logging (not failing on) the mock's own shutdown
   * timeout described in the class comment. Either may be null.
   */
  public static void stop(KubernetesClient client, KubernetesMockServer server) {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      try {
        server.destroy();
      } catch (IllegalStateException e) {
        LOG.warn(
            "the mock API server did not stop in time (its watch sender deadlock): {}",
            e.getMessage());
      }
    }
  }
}
