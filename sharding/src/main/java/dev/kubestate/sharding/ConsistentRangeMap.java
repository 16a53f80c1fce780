package dev.kubestate.sharding;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Consistent hash ranges over the unsigned 64-bit FNV-1a hash of the UID's UTF-8 bytes: the map to
 * use with server-side sharding, because the API server can filter by these ranges itself ({@link
 * ShardSelector}). For a total of N shards the layout is a pure function of N:
 *
 * <ul>
 *   <li>ownership is exclusive and total: the ranges of all shards are disjoint and cover {@code
 *       [0, 2^64)};
 *   <li>balance is exact: every shard owns {@code floor(2^64 / N)} hashes or one more (how evenly
 *       objects follow depends on FNV-1a spreading the UIDs);
 *   <li>growing from N to N+1 shards moves exactly the new shard's share of the space, all of it
 *       onto shard N: each old shard cedes the top of its widest range. Shrinking from N+1 to N is
 *       the same step backwards and moves only shard N's hashes, since the layout of N does not
 *       depend on the way it was reached;
 *   <li>shard 0 owns one range and shard k &gt; 0 exactly k ranges, so no shard owns more than
 *       {@code max(1, N - 1)} and all together {@code 1 + N(N - 1)/2}.
 * </ul>
 *
 * <p>Totals up to {@link #MAX_TOTAL} are supported; building a layout costs time and memory that
 * grow with the square of the total (about a second and 20 MB at the limit), so layouts are built
 * once and cached. Immutable and thread-safe; {@link #shardOf} allocates nothing once the layout of
 * its total is cached.
 */
public final class ConsistentRangeMap implements ShardMap {

  /** The largest supported number of shards. */
  public static final int MAX_TOTAL = 1024;

  static final ConsistentRangeMap INSTANCE = new ConsistentRangeMap();

  /**
   * Layouts by {@code total % CACHE_SLOTS}, so any 16 consecutive totals (the pair in use during a
   * resize, or every total up to 16) are cached together. A slot taken by another total is rebuilt,
   * which is correct, only slower.
   */
  private static final int CACHE_SLOTS = 16;

  private final AtomicReferenceArray<RangeLayout> layouts = new AtomicReferenceArray<>(CACHE_SLOTS);

  private ConsistentRangeMap() {}

  @Override
  public int shardOf(String uid, int total) {
    Objects.requireNonNull(uid, "uid");
    return layout(total).ownerOf(Fnv1a64.hashUtf8(uid));
  }

  /**
   * The shard owning an FNV-1a hash, as the API server computes it for {@code shardRange}.
   *
   * @param hash unsigned 64-bit FNV-1a of the UID's UTF-8 bytes ({@link Fnv1a64#hashUtf8})
   * @param total number of shards in {@code [1, MAX_TOTAL]}
   * @return an ordinal in {@code [0, total)}; allocates nothing once the layout is cached
   */
  public int shardOfHash(long hash, int total) {
    return layout(total).ownerOf(hash);
  }

  /**
   * The hash ranges {@code shard} owns, ascending by start, disjoint and never adjacent.
   *
   * @param shard non-null, with a total in {@code [1, MAX_TOTAL]}
   * @return an unmodifiable list of {@code max(1, shard.ordinal())} ranges
   */
  public List<HashRange> ranges(Shard shard) {
    return layout(shard.total()).ranges(shard.ordinal());
  }

  private RangeLayout layout(int total) {
    if (total < 1 || total > MAX_TOTAL) {
      throw new IllegalArgumentException(
          "total shards must be in [1, " + MAX_TOTAL + "] for consistent ranges, got " + total);
    }
    int slot = total % CACHE_SLOTS;
    RangeLayout cached = layouts.get(slot);
    if (cached != null && cached.total() == total) {
      return cached;
    }
    // Two threads may both build a missing layout; both results are equal, either may stay.
    RangeLayout built = RangeLayout.of(total);
    layouts.set(slot, built);
    return built;
  }
}
