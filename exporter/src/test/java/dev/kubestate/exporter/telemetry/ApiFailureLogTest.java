package dev.kubestate.exporter.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.LogSettings;
import dev.kubestate.exporter.process.Logging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lines of failed API requests: concise, one when a streak starts, one when it ends. */
class ApiFailureLogTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ApiFailureLog log = new ApiFailureLog();

  @BeforeEach
  void capture() {
    Logging.apply(LogSettings.DEFAULT, out);
  }

  @AfterEach
  void restore() {
    Logging.apply(LogSettings.DEFAULT);
  }

  private List<String> lines() {
    String text = out.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  @Test
  void namesResourceRequestAndInnermostCauseWithoutAStackTrace() {
    Throwable refused =
        new CompletionException(
            new IOException("request failed", new ConnectException("Connection refused")));
    log.failed("*v1.Pod", false, 0, refused);
    List<String> lines = lines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0)
            .endsWith(
                "ApiFailureLog - *v1.Pod: list failed: Connection refused; retrying with backoff"),
        lines.get(0));
  }

  @Test
  void namesTheStatusOfAnApiServerAnswer() {
    log.failed("*v1.Node", true, 503, null);
    assertTrue(lines().get(0).endsWith("*v1.Node: watch failed: HTTP 503; retrying with backoff"));
  }

  @Test
  void logsAStreakOnceAndItsEndWithTheCount() {
    for (int i = 0; i < 5; i++) {
      log.failed("*v1.Pod", false, 0, new ConnectException("Connection refused"));
    }
    log.succeeded("*v1.Pod", false);
    log.succeeded("*v1.Pod", false);
    List<String> lines = lines();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).endsWith("*v1.Pod: list succeeded after 5 failed"), lines.get(1));
  }

  @Test
  void listsAndWatchesAndResourcesHaveStreaksOfTheirOwn() {
    log.failed("*v1.Pod", false, 0, new ConnectException("Connection refused"));
    log.failed("*v1.Pod", true, 0, new ConnectException("Connection refused"));
    log.failed("*v1.Node", false, 0, new ConnectException("Connection refused"));
    assertEquals(3, lines().size(), lines().toString());
  }

  @Test
  void notFoundAndGoneAreNotFailures() {
    log.failed("*v1.Pod", false, 404, null);
    log.failed("*v1.Pod", true, 410, null);
    assertEquals(List.of(), lines());
  }

  @Test
  void saysNothingOnceTheExporterStops() {
    log.stopping();
    log.failed("*v1.Pod", true, 0, new IOException("Connection closed while handshake in process"));
    assertEquals(List.of(), lines());
  }

  @Test
  void causeWithoutMessageIsItsClass() {
    assertEquals("IllegalStateException", ApiFailureLog.cause(new IllegalStateException()));
  }
}
