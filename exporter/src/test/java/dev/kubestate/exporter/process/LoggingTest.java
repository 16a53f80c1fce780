package dev.kubestate.exporter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Logging as the flags decide: timestamps, levels, JSON, klog's headers, threshold and file. */
class LoggingTest {

  private static final Logger OWN = LoggerFactory.getLogger("dev.kubestate.exporter.Test");
  private static final Logger LIBRARY = LoggerFactory.getLogger("io.vertx.core.Test");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    Logging.apply(LogSettings.DEFAULT);
  }

  private List<String> lines() {
    String text = out.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private static LogSettings settings(LogSettings.Level level, LogSettings.Format format) {
    return new LogSettings(level, format, true, null, true, LogSettings.Level.TRACE);
  }

  @Test
  void textLinesStartWithUtcTimeLevelThreadAndLogger() {
    Logging.apply(LogSettings.DEFAULT, out);
    OWN.info("hello {}", "world");
    String line = lines().get(0);
    assertTrue(
        line.matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main\\] \\S+ - hello"
                + " world"),
        line);
  }

  @Test
  void jsonIsOneObjectPerLineWithTimeLevelLoggerMessageAndException() throws Exception {
    Logging.apply(settings(LogSettings.Level.INFO, LogSettings.Format.JSON), out);
    long before = System.currentTimeMillis();
    OWN.warn("quote \" and\nnewline", new IllegalStateException("bad \"value\""));
    List<String> lines = lines();
    assertEquals(1, lines.size(), out.toString(StandardCharsets.UTF_8));
    JsonNode event = new ObjectMapper().readTree(lines.get(0));
    assertTrue(event.get("timestamp").asLong() >= before, lines.get(0));
    assertEquals("WARN", event.get("level").asString());
    assertEquals("dev.kubestate.exporter.Test", event.get("loggerName").asString());
    assertEquals("quote \" and\nnewline", event.get("formattedMessage").asString());
    JsonNode thrown = event.get("throwable");
    assertEquals("java.lang.IllegalStateException", thrown.get("className").asString());
    assertEquals("bad \"value\"", thrown.get("message").asString());
  }

  @Test
  void theLevelDecidesTheExportersLinesAndLibrariesStayAtWarn() {
    Logging.apply(settings(LogSettings.Level.DEBUG, LogSettings.Format.TEXT), out);
    OWN.debug("own debug");
    OWN.trace("own trace");
    LIBRARY.info("library info");
    LIBRARY.warn("library warn");
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("own debug"), text);
    assertFalse(text.contains("own trace"), text);
    assertFalse(text.contains("library info"), text);
    assertTrue(text.contains("library warn"), text);
  }

  @Test
  void traceAlsoShowsTheLibrariesDebugLines() {
    Logging.apply(settings(LogSettings.Level.TRACE, LogSettings.Format.TEXT), out);
    LIBRARY.debug("library debug");
    OWN.trace("own trace");
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("library debug") && text.contains("own trace"), text);
  }

  @Test
  void errorHidesWarnings() {
    Logging.apply(settings(LogSettings.Level.ERROR, LogSettings.Format.TEXT), out);
    OWN.warn("own warn");
    OWN.error("own error");
    assertEquals(1, lines().size(), lines().toString());
  }

  @Test
  void withoutHeadersALineIsTheMessage() {
    Logging.apply(
        new LogSettings(
            LogSettings.Level.INFO, LogSettings.Format.TEXT, false, null, true,
            LogSettings.Level.TRACE),
        out);
    OWN.info("just this");
    assertEquals(List.of("just this"), lines());
  }

  @Test
  void stderrThresholdKeepsLessSevereLinesOnlyInTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("exporter.log");
    Logging.apply(
        new LogSettings(
            LogSettings.Level.INFO, LogSettings.Format.TEXT, true, file, true,
            LogSettings.Level.ERROR),
        out);
    OWN.info("to the file only");
    OWN.error("to both");
    Logging.apply(LogSettings.DEFAULT);
    assertEquals(1, lines().size(), lines().toString());
    assertTrue(lines().get(0).endsWith("to both"));
    String written = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(written.contains("to the file only") && written.contains("to both"), written);
  }

  @Test
  void fabric8sReflectorIsSilencedForTheExportersOwnLine() {
    Logging.apply(LogSettings.DEFAULT, out);
    LoggerFactory.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector")
        .warn("listSyncAndWatch failed for v1/pods, will retry", new IllegalStateException());
    assertEquals(List.of(), lines());
  }

  @Test
  void parsesLevelsAndFormatsCaseInsensitivelyAndNamesTheChoices() {
    assertEquals(LogSettings.Level.WARN, LogSettings.Level.parse("Warn"));
    assertEquals(LogSettings.Format.JSON, LogSettings.Format.parse("JSON"));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> LogSettings.Level.parse("loud"));
    assertEquals("must be one of error, warn, info, debug, trace, got loud", e.getMessage());
  }
}
