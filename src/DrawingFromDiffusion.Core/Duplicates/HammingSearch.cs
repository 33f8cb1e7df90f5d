using System.Numerics;

namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// Every pair of 64-bit hashes within a Hamming radius, without comparing all pairs: multi-index
/// hashing. The bits are split into m blocks; two hashes within r bits differ in at most ⌊r/m⌋ bits
/// in at least one block (pigeonhole). For each block the hashes are bucketed by that block's value,
/// and only buckets whose keys are within ⌊r/m⌋ bits of each other are compared.
/// </summary>
public static class HammingSearch
{
    private const int BruteForceBelow = 2048;
    private const int MaxBlockBits = 22;

    // Relative costs measured on this machine's kind of CPU: a bucket probe is a random memory
    // access, a pair check is a sequential xor + popcount.
    private const double ProbeCost = 4;
    private const double PairCost = 1;

    /// <summary>Pairs (A &lt; B) with distance ≤ <paramref name="radius"/>, each once, in no particular order.</summary>
    public static List<HammingPair> SelfJoin(ulong[] hashes, int radius, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var blocks = ChooseBlocks(hashes.Length, radius);
        if (blocks == 0)
        {
            return BruteForce(hashes, radius, cancellationToken);
        }

        var layout = Layout(blocks);
        var sub = radius / blocks;
        var results = new List<HammingPair>();
        var gate = new object();
        for (var table = 0; table < blocks; table++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (start, bits) = layout[table];
            var index = BlockIndex.Build(hashes, start, bits);
            var masks = Masks(bits, sub);
            var earlier = layout.Take(table).Select(l => BlockMask(l.Start, l.Bits)).ToArray();
            var keys = index.Keys;
            var chunk = Math.Max(64, keys.Length / (Environment.ProcessorCount * 16));
            Parallel.For(
                0,
                (keys.Length + chunk - 1) / chunk,
                new ParallelOptions { CancellationToken = cancellationToken },
                () => new List<HammingPair>(),
                (c, _, local) =>
                {
                    var end = Math.Min(keys.Length, (c + 1) * chunk);
                    for (var k = c * chunk; k < end; k++)
                    {
                        var key = keys[k];
                        index.Compare(key, key, radius, sub, earlier, local);
                        foreach (var mask in masks)
                        {
                            var other = key ^ mask;
                            if (other > key)
                            {
                                index.Compare(key, other, radius, sub, earlier, local);
                            }
                        }
                    }

                    return local;
                },
                local =>
                {
                    lock (gate)
                    {
                        results.AddRange(local);
                    }
                });
        }

        return results;
    }

    /// <summary>All pairs compared: the ground truth for tests, and the fastest way for small inputs.</summary>
    public static List<HammingPair> BruteForce(ulong[] hashes, int radius, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var results = new List<HammingPair>();
        for (var a = 0; a < hashes.Length; a++)
        {
            if ((a & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var hash = hashes[a];
            for (var b = a + 1; b < hashes.Length; b++)
            {
                var distance = BitOperations.PopCount(hash ^ hashes[b]);
                if (distance <= radius)
                {
                    results.Add(new HammingPair(a, b, distance));
                }
            }
        }

        return results;
    }

    /// <summary>The block count with the lowest estimated cost for uniform hashes; 0 means brute force.</summary>
    internal static int ChooseBlocks(int count, int radius)
    {
        if (count < BruteForceBelow || radius >= 32)
        {
            return 0;
        }

        var pairs = (double)count * (count - 1) / 2;
        var best = 0;
        var bestCost = pairs * PairCost;
        for (var blocks = 3; blocks <= 16; blocks++)
        {
            var cost = 0.0;
            var layout = Layout(blocks);
            if (layout.Length == 0)
            {
                continue;
            }

            foreach (var (_, bits) in layout)
            {
                var ball = Ball(bits, radius / blocks);
                var buckets = Math.Pow(2, bits);
                cost += (Math.Min(count, buckets) * ball / 2 * ProbeCost) + (pairs * ball / buckets * PairCost);
            }

            if (cost < bestCost)
            {
                best = blocks;
                bestCost = cost;
            }
        }

        return best;
    }

    internal static (int Start, int Bits)[] Layout(int blocks)
    {
        var layout = new (int, int)[blocks];
        var start = 0;
        for (var i = 0; i < blocks; i++)
        {
            var bits = (64 / blocks) + (i < 64 % blocks ? 1 : 0);
            layout[i] = (start, bits);
            start += bits;
        }

        return layout[0].Item2 > MaxBlockBits ? [] : layout;
    }

    private static ulong BlockMask(int start, int bits) => (bits == 64 ? ulong.MaxValue : (1UL << bits) - 1) << start;

    private static double Ball(int bits, int radius)
    {
        double sum = 0, term = 1;
        for (var k = 0; k <= Math.Min(bits, radius); k++)
        {
            sum += term;
            term = term * (bits - k) / (k + 1);
        }

        return sum;
    }

    /// <summary>Every non-zero key difference with at most <paramref name="radius"/> bits set within <paramref name="bits"/> bits.</summary>
    private static int[] Masks(int bits, int radius)
    {
        var masks = new List<int>();
        void Add(int from, int mask, int left)
        {
            for (var bit = from; bit < bits; bit++)
            {
                var next = mask | (1 << bit);
                masks.Add(next);
                if (left > 1)
                {
                    Add(bit + 1, next, left - 1);
                }
            }
        }

        if (radius > 0)
        {
            Add(0, 0, radius);
        }

        return [.. masks];
    }

    /// <summary>The hashes bucketed by one block's value (counting sort), with copies kept in bucket order for sequential scans.</summary>
    private sealed class BlockIndex
    {
        private readonly int[] _offsets;
        private readonly ulong[] _hashes;
        private readonly int[] _positions;

        private BlockIndex(int[] offsets, ulong[] hashes, int[] positions, int[] keys)
        {
            _offsets = offsets;
            _hashes = hashes;
            _positions = positions;
            Keys = keys;
        }

        public int[] Keys { get; }

        public static BlockIndex Build(ulong[] source, int start, int bits)
        {
            var mask = (1UL << bits) - 1;
            var offsets = new int[(1 << bits) + 1];
            foreach (var hash in source)
            {
                offsets[(int)((hash >> start) & mask) + 1]++;
            }

            var keys = new List<int>();
            for (var key = 0; key < 1 << bits; key++)
            {
                if (offsets[key + 1] > 0)
                {
                    keys.Add(key);
                }

                offsets[key + 1] += offsets[key];
            }

            var hashes = new ulong[source.Length];
            var positions = new int[source.Length];
            var next = offsets.AsSpan(0, 1 << bits).ToArray();
            for (var i = 0; i < source.Length; i++)
            {
                var slot = next[(int)((source[i] >> start) & mask)]++;
                hashes[slot] = source[i];
                positions[slot] = i;
            }

            return new BlockIndex(offsets, hashes, positions, [.. keys]);
        }

        /// <summary>Adds the pairs between bucket <paramref name="a"/> and bucket <paramref name="b"/> (within the bucket when equal) that no earlier block already yielded.</summary>
        public void Compare(int a, int b, int radius, int sub, ulong[] earlier, List<HammingPair> output)
        {
            var startB = _offsets[b];
            var endB = _offsets[b + 1];
            if (startB == endB)
            {
                return;
            }

            var endA = _offsets[a + 1];
            for (var i = _offsets[a]; i < endA; i++)
            {
                var hash = _hashes[i];
                for (var j = a == b ? i + 1 : startB; j < endB; j++)
                {
                    var diff = hash ^ _hashes[j];
                    var distance = BitOperations.PopCount(diff);
                    if (distance <= radius && !SeenEarlier(diff, sub, earlier))
                    {
                        var (p, q) = (_positions[i], _positions[j]);
                        output.Add(p < q ? new HammingPair(p, q, distance) : new HammingPair(q, p, distance));
                    }
                }
            }
        }

        private static bool SeenEarlier(ulong diff, int sub, ulong[] earlier)
        {
            foreach (var mask in earlier)
            {
                if (BitOperations.PopCount(diff & mask) <= sub)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
