package dev.kubestate.exporter.process;

import dev.kubestate.exporter.webaccess.AccessReviews;
import dev.kubestate.exporter.webaccess.WebAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * Starts the listeners' {@link WebAccess} from {@link WebSecurity} and shows its web config
 * reloads on the telemetry port: {@code kube_state_exporter_web_config_reloads_total{result}} and
 * {@code kube_state_exporter_web_config_last_reload_successful}. Stateless.
 */
final class Guards {

  private Guards() {}

  /**
   * The access rules of both listeners, or null when nothing but timeouts guards them. Blocking
   * (reads the web config). With {@code --auth-filter} the reviews go through a client of their
   * own for {@code client}'s API server: no retries, a short timeout ({@link
   * AccessReviews#REVIEW_TIMEOUT}), so a scrape never waits for the client's backoff.
   *
   * @throws IllegalStateException one line naming the web config and what is wrong with it
   */
  static WebAccess start(
      Vertx vertx, WebSecurity security, KubernetesClient client, MeterRegistry registry) {
    if (!security.guarded()) {
      return null;
    }
    AccessReviews reviews =
        security.authFilter() ? AccessReviews.connect(client.getConfiguration(), vertx) : null;
    WebAccess access;
    try {
      access = WebAccess.start(vertx, security.tlsConfig(), reviews);
    } catch (IllegalArgumentException e) {
      if (reviews != null) {
        reviews.close();
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
    if (security.tlsConfig() != null) {
      FunctionCounter.builder(
              "kube_state_exporter.web_config.reloads", access, WebAccess::reloadsSucceeded)
          .description("Re-reads of the --tls-config web config after a change, by result.")
          .tag("result", "success")
          .register(registry);
      FunctionCounter.builder(
              "kube_state_exporter.web_config.reloads", access, WebAccess::reloadsFailed)
          .description("Re-reads of the --tls-config web config after a change, by result.")
          .tag("result", "failure")
          .register(registry);
      Gauge.builder(
              "kube_state_exporter.web_config.last_reload_successful",
              access,
              a -> a.lastReloadSucceeded() ? 1 : 0)
          .description(
              "1 if the last re-read of the web config succeeded (or none happened), else 0:"
                  + " the previous config is still served.")
          .register(registry);
    }
    return access;
  }
}
