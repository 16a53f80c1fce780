package dev.kubestate.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedHeapTest {

  @Test
  void aHeapOrRamLimitOnTheCommandLineCounts() {
    for (String limit :
        List.of("-Xmx512m", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=2g")) {
      assertTrue(BoundedHeap.limited(List.of("-Dx=y", limit)), limit);
    }
    assertFalse(BoundedHeap.limited(List.of("-Xms64m", "-Dkube=-Xmx1g", "-XX:+UseG1GC")));
    assertFalse(BoundedHeap.limited(List.of()));
  }

  @Test
  void theDefaultHeapGrowsWithPodsAndShards() {
    assertEquals(416, BoundedHeap.mebibytes(2_000, 1));
    assertEquals(256 + 640 + 128, BoundedHeap.mebibytes(10_000, 4));
  }

  @Test
  void theChildCommandRunsTheDemoMainWithTheBoundAndTheSameArguments() {
    List<String> command = BoundedHeap.command(List.of("demo", "--shards", "3"), 416);
    assertTrue(command.get(0).endsWith("/bin/java"), command.get(0));
    assertTrue(command.contains("-Xmx416m"), command.toString());
    assertTrue(command.contains("-D" + BoundedHeap.CHILD_PROPERTY + "=true"), command.toString());
    assertEquals(
        List.of(DemoMain.class.getName(), "demo", "--shards", "3"),
        command.subList(command.size() - 4, command.size()));
  }
}
