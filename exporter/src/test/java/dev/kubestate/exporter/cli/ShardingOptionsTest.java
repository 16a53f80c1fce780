package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which shard map and server-side mode the sharding flags choose. */
class ShardingOptionsTest {

  @Test
  void defaultsToJumpBackHashWithServerSideShardingAuto() {
    Sharding c = parse();
    assertEquals(ShardMap.jumpBackHash(), c.map());
    assertEquals(ServerSideSharding.AUTO, c.serverSide());
    assertFalse(c.serverSide().selects(c.map()), "no selector with the default map");
    assertFalse(c.automatic());
  }

  @Test
  void serverSideShardingOnPicksTheConsistentRangeMap() {
    Sharding c = parse("--server-side-sharding=on");
    assertEquals(ShardMap.consistentRanges(), c.map());
    assertTrue(c.serverSide().selects(c.map()));
  }

  @Test
  void autoSelectsOnTheServerWithTheConsistentRangeMap() {
    Sharding c = parse("--shard-map=consistent-ranges");
    assertTrue(c.serverSide().selects(c.map()));
  }

  @Test
  void offNeverSelectsOnTheServer() {
    Sharding c = parse("--shard-map=consistent-ranges", "--server-side-sharding=off");
    assertFalse(c.serverSide().selects(c.map()));
  }

  @Test
  void podAndNamespaceTogetherMakeShardingAutomatic() {
    Sharding c = parse("--pod=kse-2", "--pod-namespace=monitoring");
    assertTrue(c.automatic());
    assertEquals("kse-2", c.pod());
    assertFalse(parse("--pod=kse-2").automatic(), "KSM needs both flags");
  }

  private static Sharding parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.options.validate(Shard.ALL);
  }

  @CommandLine.Command
  static final class Holder {
    @CommandLine.Mixin final ShardingOptions options = new ShardingOptions();
  }
}
