package dev.kubestate.exporter.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** KSM's reload series of the options file: names, labels, HELP and the hash (section 9). */
class ConfigReloadsTest {

  private static final String LABELS = "{filename=\"/etc/ksm/config.yaml\",type=\"config\"}";

  @Test
  void hashIsTheFirstSixBytesOfTheMd5LittleEndian() {
    // reference/ksm-behaviour.md section 9: an empty file hashes to 617830161876.
    assertEquals(617830161876L, ConfigReloads.hash(new byte[0]));
  }

  @Test
  void aLoadShowsHashSuccessAndTimeAndAFailureKeepsTheHash() {
    PrometheusMeterRegistry registry = SelfRegistry.create();
    ConfigReloads reloads = new ConfigReloads(registry);
    reloads.failed("/etc/ksm/config.yaml");
    String failedFirst = registry.scrape();
    assertEquals(0.0, value(failedFirst, "kube_state_metrics_last_config_reload_successful"));
    assertFalse(failedFirst.contains("kube_state_metrics_config_hash"), failedFirst);
    assertFalse(
        failedFirst.contains("kube_state_metrics_last_config_reload_success_timestamp_seconds"));

    long before = System.currentTimeMillis() / 1000;
    reloads.loaded("/etc/ksm/config.yaml", "resources: {pods: {}}\n".getBytes(StandardCharsets.UTF_8));
    String loaded = registry.scrape();
    assertTrue(
        loaded.contains(
            "# HELP kube_state_metrics_config_hash Hash of the currently loaded configuration.\n"),
        loaded);
    assertTrue(
        loaded.contains(
            "# HELP kube_state_metrics_last_config_reload_successful Whether the last"
                + " configuration reload attempt was successful.\n"),
        loaded);
    assertTrue(
        loaded.contains(
            "# HELP kube_state_metrics_last_config_reload_success_timestamp_seconds Timestamp of"
                + " the last successful configuration reload.\n"),
        loaded);
    double hash = value(loaded, "kube_state_metrics_config_hash");
    assertEquals(
        ConfigReloads.hash("resources: {pods: {}}\n".getBytes(StandardCharsets.UTF_8)),
        (long) hash);
    assertTrue(hash > 0 && hash < Math.pow(2, 48));
    assertEquals(1.0, value(loaded, "kube_state_metrics_last_config_reload_successful"));
    double at = value(loaded, "kube_state_metrics_last_config_reload_success_timestamp_seconds");
    assertTrue(at >= before && at <= System.currentTimeMillis() / 1000.0 + 1, "at " + at);

    reloads.failed("/etc/ksm/config.yaml");
    String failed = registry.scrape();
    assertEquals(0.0, value(failed, "kube_state_metrics_last_config_reload_successful"));
    assertEquals(hash, value(failed, "kube_state_metrics_config_hash"), "the loaded hash stays");
    assertEquals(
        at, value(failed, "kube_state_metrics_last_config_reload_success_timestamp_seconds"));
  }

  private static double value(String body, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name + LABELS) + " (\\S+)$").matcher(body);
    assertTrue(m.find(), name + " in\n" + body);
    return Double.parseDouble(m.group(1));
  }
}
