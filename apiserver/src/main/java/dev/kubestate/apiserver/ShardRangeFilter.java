package dev.kubestate.apiserver;

import dev.kubestate.sharding.Fnv1a64;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The test API server's filter for a {@code shardSelector} (server-side sharded LIST and WATCH,
 * KEP-5866): the hash ranges of one or more {@code shardRange(<field>, '0x<start>', '0x<end>')}
 * terms joined by {@code ||}. An object passes when the unsigned 64-bit FNV-1a hash of the field's
 * value lies in any range, start inclusive, end exclusive; {@code '0x10000000000000000'} (2^64)
 * ends the whole space. Immutable.
 *
 * <p>It parses the selector text on its own, with none of the exporter's {@code
 * dev.kubestate.sharding.ShardSelector}: as the test double of the API server it must read what
 * the exporter sends as a server would, so a mistake in the exporter's writing of selectors fails
 * the tests instead of being mirrored here. Only the hash function is shared.
 */
final class ShardRangeFilter {

  private static final Pattern TERM =
      Pattern.compile(
          "\\s*shardRange\\(\\s*([A-Za-z.]+)\\s*,\\s*'0x([0-9a-fA-F]+)'\\s*,"
              + "\\s*'0x([0-9a-fA-F]+)'\\s*\\)\\s*");
  private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

  /** A hash range as unsigned bounds, both inclusive ({@code last} is the exclusive end - 1). */
  private record Range(long first, long last) {
    boolean contains(long hash) {
      return Long.compareUnsigned(hash, first) >= 0 && Long.compareUnsigned(hash, last) <= 0;
    }
  }

  private final String text;
  private final String pointer;
  private final List<Range> ranges;

  private ShardRangeFilter(String text, String pointer, List<Range> ranges) {
    this.text = text;
    this.pointer = pointer;
    this.ranges = ranges;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the offending term when a term is not a {@code
   *     shardRange} call, names a field other than {@code object.metadata.uid} or {@code
   *     object.metadata.namespace}, mixes fields, has a bound above 2^64 or an empty range
   */
  static ShardRangeFilter parse(String text) {
    String field = null;
    List<Range> ranges = new ArrayList<>();
    for (String term : text.split("\\|\\|", -1)) {
      Matcher m = TERM.matcher(term);
      if (!m.matches()) {
        throw invalid(text, "cannot parse '" + term.strip() + "' as shardRange(field, start, end)");
      }
      String termField = m.group(1);
      if (!termField.equals("object.metadata.uid")
          && !termField.equals("object.metadata.namespace")) {
        throw invalid(
            text,
            "unsupported field "
                + termField
                + ", expected object.metadata.uid or object.metadata.namespace");
      }
      if (field != null && !field.equals(termField)) {
        throw invalid(
            text, "all ranges must use the same field, got " + field + " and " + termField);
      }
      field = termField;
      BigInteger start = new BigInteger(m.group(2), 16);
      BigInteger end = new BigInteger(m.group(3), 16);
      if (end.compareTo(SPACE) > 0 || start.compareTo(end) >= 0) {
        throw invalid(
            text,
            "range [0x"
                + m.group(2)
                + ", 0x"
                + m.group(3)
                + ") must satisfy start < end <= 0x10000000000000000");
      }
      ranges.add(new Range(start.longValue(), end.subtract(BigInteger.ONE).longValue()));
    }
    String pointer = "/" + field.substring("object.".length()).replace('.', '/');
    return new ShardRangeFilter(text, pointer, List.copyOf(ranges));
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid shardSelector \"" + text + "\": " + why);
  }

  /** The selector as the client sent it, echoed in {@code metadata.shardInfo.selector}. */
  String text() {
    return text;
  }

  /** Whether {@code object}'s field hashes into one of the ranges (absent field: ""). */
  boolean matches(JsonNode object) {
    long hash = Fnv1a64.hashUtf8(SelectableFields.valueAt(object, pointer, ""));
    for (Range r : ranges) {
      if (r.contains(hash)) {
        return true;
      }
    }
    return false;
  }
}
