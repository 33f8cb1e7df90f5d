using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class HammingSearchTests
{
    [Theory]
    [InlineData(3000, 4, 1)]
    [InlineData(5000, 8, 2)]
    [InlineData(4000, 12, 3)]
    [InlineData(3000, 0, 4)]
    public void SelfJoin_RandomHashesWithPlantedNeighbours_EqualsBruteForce(int count, int radius, int seed)
    {
        var hashes = PlantedHashes(count, radius, seed);
        Assert.NotEqual(0, HammingSearch.ChooseBlocks(count, radius));

        var fast = Normalise(HammingSearch.SelfJoin(hashes, radius, CancellationToken.None));
        var exact = Normalise(HammingSearch.BruteForce(hashes, radius, CancellationToken.None));

        Assert.NotEmpty(exact);
        Assert.Equal(exact, fast);
    }

    [Fact]
    public void SelfJoin_SmallInput_UsesBruteForceAndFindsThePair()
    {
        ulong[] hashes = [0b1011, 0b1000, ulong.MaxValue];

        var pairs = HammingSearch.SelfJoin(hashes, 2, CancellationToken.None);

        Assert.Equal([new HammingPair(0, 1, 2)], pairs);
    }

    /// <summary>Random hashes, a third of them copies of an earlier one with up to radius+2 bits flipped, so pairs sit on both sides of the limit.</summary>
    internal static ulong[] PlantedHashes(int count, int radius, int seed)
    {
        var random = new Random(seed);
        var hashes = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(3) == 0)
            {
                var hash = hashes[random.Next(i)];
                var flips = random.Next(radius + 3);
                for (var f = 0; f < flips; f++)
                {
                    hash ^= 1UL << random.Next(64);
                }

                hashes[i] = hash;
            }
            else
            {
                hashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            }
        }

        return hashes;
    }

    private static List<HammingPair> Normalise(List<HammingPair> pairs) =>
        [.. pairs.OrderBy(p => p.A).ThenBy(p => p.B)];
}
