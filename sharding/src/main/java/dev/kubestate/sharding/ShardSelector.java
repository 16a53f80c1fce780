package dev.kubestate.sharding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The API server's {@code shardSelector} query value for a set of UID hash ranges
 * (../shared/reference/server-side-sharding.md): one {@code shardRange(object.metadata.uid,
 * '0x<start>', '0x<end>')} per range, joined with {@code " || "}. Bounds are written with 16
 * lower-case hex digits, and the end of the space, 2^64, as {@code '0x10000000000000000'}. {@link
 * #parse} reads such a value back: {@code parse(format(ranges))} equals {@code ranges}. Stateless
 * and thread-safe.
 */
public final class ShardSelector {

  /** The only field path whose hash {@link HashRange}s of this module describe. */
  public static final String UID_FIELD = "object.metadata.uid";

  private static final String FUNCTION = "shardRange";
  private static final String OR = " || ";
  private static final String END_OF_SPACE = "0x10000000000000000";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ShardSelector() {}

  /**
   * The selector matching exactly the UIDs whose hash lies in one of {@code ranges}.
   *
   * @param ranges at least one range, in the order they are to be written
   * @return e.g. {@code shardRange(object.metadata.uid, '0x0000000000000000',
   *     '0x8000000000000000')}
   */
  public static String format(List<HashRange> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a shard selector needs at least one hash range");
    }
    StringBuilder out = new StringBuilder(ranges.size() * 80);
    for (HashRange range : ranges) {
      if (out.length() > 0) {
        out.append(OR);
      }
      out.append(FUNCTION).append('(').append(UID_FIELD).append(", '");
      appendHex(out, range.startInclusive());
      out.append("', '");
      if (range.reachesEnd()) {
        out.append(END_OF_SPACE);
      } else {
        appendHex(out, range.endExclusive());
      }
      out.append("')");
    }
    return out.toString();
  }

  private static void appendHex(StringBuilder out, long value) {
    out.append("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
      out.append(HEX[(int) (value >>> shift) & 0xF]);
    }
  }

  /**
   * The ranges of a selector on {@code object.metadata.uid}, in the order written. Whitespace
   * between tokens is optional, hex digits may be of either case and need not be padded.
   *
   * @param selector a selector such as {@link #format} writes
   * @return an unmodifiable list of at least one range
   * @throws IllegalArgumentException naming the position (0-based) and what was expected there, for
   *     a syntax error, another field path, a bound above 2^64 or an empty range
   */
  public static List<HashRange> parse(String selector) {
    SelectorReader reader = new SelectorReader(selector);
    List<HashRange> ranges = new ArrayList<>();
    do {
      ranges.add(reader.shardRange());
    } while (reader.skipOr());
    reader.expectEnd();
    return Collections.unmodifiableList(ranges);
  }
}
