package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.kubestate.exporter.process.ExportedMetrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options file after start: a broken change keeps the options in effect and reports a failed
 * load; a valid change is handed to the exporter and reported loaded once applied; a superseded
 * apply reports nothing; keys that apply only at start are told apart from live ones. Changes are
 * checked against the flags.
 */
class OptionsFileWatchTest {

  @TempDir Path dir;

  private final List<String> events = new ArrayList<>();
  private final List<ExportedMetrics> applied = new ArrayList<>();

  @Test
  void aBrokenChangeFailsAndAValidOneIsAppliedAndLoaded() throws Exception {
    Path file = dir.resolve("options.yaml");
    byte[] inEffect = bytes("resources: {pods: {}}\n");
    Files.write(file, inEffect);
    List<String> args = List.of("--config=" + file);
    OptionsFileWatch watch = watch(file, inEffect, args, CompletableFuture.completedFuture("ok"));
    watch.check().get();
    assertEquals(List.of(), events, "unchanged: nothing reported");

    Files.write(file, bytes("resources: {pods: {}\n"));
    watch.check().get();
    watch.check().get();
    assertEquals(List.of("failed options.yaml"), events, "once per change");
    assertEquals(List.of(), applied, "nothing applied");

    Files.write(file, bytes("resources: {nodes: {}}\n"));
    watch.check().get();
    assertEquals(List.of("failed options.yaml", "loaded options.yaml 23"), events);
    assertEquals(List.of("nodes"), applied.get(0).resources());

    Files.delete(file);
    watch.check().get();
    assertEquals("failed options.yaml", events.get(events.size() - 1), "a removed file fails");
  }

  @Test
  void aSupersededApplyReportsNothingAndAFailedOneFails() throws Exception {
    Path file = dir.resolve("options.yaml");
    byte[] inEffect = bytes("resources: {pods: {}}\n");
    Files.write(file, inEffect);
    List<String> args = List.of("--config=" + file);
    Files.write(file, bytes("resources: {nodes: {}}\n"));
    watch(file, inEffect, args, CompletableFuture.failedFuture(new CancellationException()))
        .check()
        .get();
    assertEquals(List.of(), events);
    Files.write(file, bytes("resources: {services: {}}\n"));
    watch(file, inEffect, args, CompletableFuture.failedFuture(new IllegalStateException("x")))
        .check()
        .get();
    assertEquals(List.of("failed options.yaml"), events);
  }

  @Test
  void onlyKeysOutsideWhatIsExportedNeedARestart() {
    Map<String, Object> before =
        Map.of("resources", List.of("pods"), "port", 8080L, "namespaces", List.of("a"));
    Map<String, Object> after =
        Map.of(
            "resources", List.of("nodes"),
            "labels_allow_list", "pods=[app]",
            "port", 9090L,
            "telemetry_port", 9091L);
    assertEquals(
        Set.of("namespaces", "port", "telemetry_port"),
        OptionsFileWatch.restartOnly(before, after));
    assertEquals(Set.of(), OptionsFileWatch.restartOnly(before, before));
  }

  private OptionsFileWatch watch(
      Path file, byte[] inEffect, List<String> args, CompletableFuture<String> outcome) {
    return new OptionsFileWatch(
        file,
        "options.yaml",
        inEffect,
        OptionsFile.parse(file.toString(), inEffect),
        content -> RunCommand.parse(args, file.toString(), content),
        next -> {
          applied.add(next);
          return outcome;
        },
        recorder());
  }

  @Test
  void changesAreCheckedAgainstTheFlags() {
    String path = dir.resolve("o.yaml").toString();
    assertNull(RunCommand.problem(List.of("--node=n1"), path, bytes("resources: {pods: {}}\n")));
    String problem =
        RunCommand.problem(List.of("--node=n1"), path, bytes("resources: {nodes: {}}\n"));
    assertTrue(problem.startsWith("--node=n1: "), problem);
    assertTrue(
        RunCommand.problem(List.of(), path, bytes("port: x\n")).contains("key \"port\""));
  }

  private OptionsFileWatch.Reloads recorder() {
    return new OptionsFileWatch.Reloads() {
      @Override
      public void loaded(String filename, byte[] content) {
        events.add("loaded " + filename + " " + content.length);
      }

      @Override
      public void failed(String filename) {
        events.add("failed " + filename);
      }
    };
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
