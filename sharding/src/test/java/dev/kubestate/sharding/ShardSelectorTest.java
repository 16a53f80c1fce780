package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writing and reading the API server's shardSelector (server-side-sharding.md). */
class ShardSelectorTest {

  private static final String LOWER_HALF =
      "shardRange(object.metadata.uid, '0x0000000000000000', '0x8000000000000000')";
  private static final String UPPER_HALF =
      "shardRange(object.metadata.uid, '0x8000000000000000', '0x10000000000000000')";

  @Test
  void formatsTheReferenceExample() {
    assertEquals(LOWER_HALF, ShardSelector.format(List.of(new HashRange(0, 1L << 63))));
  }

  @Test
  void writesTheEndOfTheSpaceAsTwoToThe64() {
    assertEquals(UPPER_HALF, ShardSelector.format(List.of(new HashRange(1L << 63, 0))));
  }

  @Test
  void joinsRangesWithOr() {
    List<HashRange> ranges = List.of(new HashRange(0x1aL, 0xff00L), new HashRange(1L << 63, 0));
    String selector = ShardSelector.format(ranges);
    assertEquals(
        "shardRange(object.metadata.uid, '0x000000000000001a', '0x000000000000ff00') || "
            + UPPER_HALF,
        selector);
    assertEquals(ranges, ShardSelector.parse(selector));
  }

  @Test
  void parsesUnpaddedUpperCaseBoundsAndLooseSpacing() {
    assertEquals(
        List.of(new HashRange(0x1aL, 0xff00L), HashRange.WHOLE),
        ShardSelector.parse(
            " shardRange ( object.metadata.uid ,'0X1A','0xFF00')||"
                + "shardRange(object.metadata.uid,'0x0','0x10000000000000000') "));
  }

  @Test
  void rejectsFormattingNoRange() {
    assertThrows(IllegalArgumentException.class, () -> ShardSelector.format(List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      value = {
        "\"\" => position 0: expected 'shardRange', found the end",
        "shardRange(object.metadata.namespace, '0x0', '0x1') => position 11: expected field path",
        "shardRange(object.metadata.uid, 0x0, '0x1') => position 32: expected ''', found '0x0",
        "shardRange(object.metadata.uid, '0', '0x1') => position 33: expected a hex bound",
        "shardRange(object.metadata.uid, '0x', '0x1') => position 35: expected 1 to 17 hex digits",
        "shardRange(object.metadata.uid, '0x0', '0x10000000000000001') => position 39: expected a"
            + " bound of at most",
        "shardRange(object.metadata.uid, '0x10000000000000000', '0x10000000000000000')"
            + " => position 32: expected a start below 0x10000000000000000",
        "shardRange(object.metadata.uid, '0x5', '0x5') => position 32: expected a start below its"
            + " end 0x5",
        "shardRange(object.metadata.uid, '0x0', '0x1') && x => position 46: expected '||' or the"
            + " end",
        "shardRange(object.metadata.uid, '0x0', '0x1') || => position 48: expected 'shardRange'",
        "shardRange(object.metadata.uid, '0x0', '0x1' => position 44: expected ')', found the end"
      })
  void rejectsMalformedSelectorNamingThePosition(String selector, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShardSelector.parse(selector));
    assertTrue(e.getMessage().startsWith("shard selector, " + message), e.getMessage());
  }
}
