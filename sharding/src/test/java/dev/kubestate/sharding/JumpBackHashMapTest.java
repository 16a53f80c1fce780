package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dynatrace.hash4j.consistent.ConsistentHashing;
import com.dynatrace.hash4j.hashing.Hashing;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default shard map: XXH3-64 of the UID's UTF-8 bytes under hash4j's JumpBackHash, and the
 * shard map contract.
 */
class JumpBackHashMapTest extends AbstractShardMapTest {

  private static final ShardMap MAP = ShardMap.jumpBackHash();

  @Override
  ShardMap map() {
    return MAP;
  }

  /** {@code printf abc | xxhsum -H3} prints 78af5f94892f3950 (../shared/STACK.md). */
  @Test
  void hashesUtf8BytesWithXxh3() {
    long abc = 0x78af5f94892f3950L;
    assertEquals(abc, Hashing.xxh3_64().hashBytesToLong("abc".getBytes(StandardCharsets.UTF_8)));
    for (int total = 1; total <= 64; total++) {
      assertEquals(
          ConsistentHashing.jumpBackHashSplitMix64().getBucket(abc, total),
          MAP.shardOf("abc", total));
    }
  }

  @Test
  void hashesNonAsciiUidAsUtf8NotUtf16() {
    String uid = "caf\u00E9-\uD83D\uDE80";
    long bytes = Hashing.xxh3_64().hashBytesToLong(uid.getBytes(StandardCharsets.UTF_8));
    long chars = Hashing.xxh3_64().hashCharsToLong(uid);
    boolean differs = false;
    for (int total = 1; total <= 64; total++) {
      int expected = ConsistentHashing.jumpBackHashSplitMix64().getBucket(bytes, total);
      assertEquals(expected, MAP.shardOf(uid, total));
      differs |= expected != ConsistentHashing.jumpBackHashSplitMix64().getBucket(chars, total);
    }
    assertTrue(differs, "choose a UID whose UTF-16 hash lands elsewhere");
  }

  /** Checks hash4j's XXH3 against the reference tool, when installed (Debian package xxhash). */
  @Test
  void agreesWithXxhsumOnSeededUids(@TempDir Path tmp) throws IOException, InterruptedException {
    Assumptions.assumeTrue(onPath("xxhsum"), "xxhsum is not on PATH");
    List<String> command = new ArrayList<>(List.of("xxhsum", "-H3"));
    Map<String, String> uidByFile = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      String uid = i == 0 ? "caf\u00E9-\uD83D\uDE80" : SEEDED_UIDS[i];
      Path file = tmp.resolve("uid-" + i);
      Files.write(file, uid.getBytes(StandardCharsets.UTF_8));
      command.add(file.toString());
      uidByFile.put(file.toString(), uid);
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "xxhsum did not finish");
    assertEquals(0, p.exitValue(), out);
    Matcher m = Pattern.compile("XXH3 \\((.+)\\) = ([0-9a-f]{16})").matcher(out);
    int checked = 0;
    while (m.find()) {
      String uid = uidByFile.get(m.group(1));
      long expected = Long.parseUnsignedLong(m.group(2), 16);
      assertEquals(
          expected, Hashing.xxh3_64().hashBytesToLong(uid.getBytes(StandardCharsets.UTF_8)), uid);
      checked++;
    }
    assertEquals(50, checked, out);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, command))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Pins hash4j 0.31.0's output: the value was recorded once from that version and is not derived
   * independently. A library upgrade that changes it would reshuffle objects among the replicas of
   * a running StatefulSet, so such an upgrade must fail here.
   */
  @Override
  long pinnedChecksum() {
    return 4087865706213190062L;
  }
}
