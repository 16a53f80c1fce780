package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options file after start: a broken change keeps the options in effect and reports a failed
 * load; a valid change is not reported as loaded (it is not applied); the content in effect
 * coming back is reported loaded again. Changes are checked against the flags.
 */
class OptionsFileWatchTest {

  @TempDir Path dir;

  private final List<String> events = new ArrayList<>();

  @Test
  void aBrokenChangeFailsAndTheContentInEffectComingBackLoads() throws IOException {
    Path file = dir.resolve("options.yaml");
    byte[] inEffect = bytes("resources: {pods: {}}\n");
    Files.write(file, inEffect);
    List<String> args = List.of("--config=" + file);
    OptionsFileWatch watch =
        new OptionsFileWatch(
            file,
            "options.yaml",
            inEffect,
            content -> RunCommand.problem(args, file.toString(), content),
            recorder());
    watch.check();
    assertEquals(List.of(), events, "unchanged: nothing reported");

    Files.write(file, bytes("resources: {pods: {}\n"));
    watch.check();
    watch.check();
    assertEquals(List.of("failed options.yaml"), events, "once per change");

    Files.write(file, bytes("resources: {nodes: {}}\n"));
    watch.check();
    assertEquals(List.of("failed options.yaml"), events, "a valid change is not applied");

    Files.write(file, inEffect);
    watch.check();
    assertEquals(List.of("failed options.yaml", "loaded options.yaml 22"), events);

    Files.delete(file);
    watch.check();
    assertEquals("failed options.yaml", events.get(events.size() - 1), "a removed file fails");
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
