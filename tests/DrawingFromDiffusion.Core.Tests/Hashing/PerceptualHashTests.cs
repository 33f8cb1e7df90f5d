using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Hashing;

namespace DrawingFromDiffusion.Core.Tests.Hashing;

public sealed class PerceptualHashTests
{
    private static float[] Pattern(int width, int height, Func<int, int, float> value)
    {
        var gray = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                gray[(y * width) + x] = value(x, y);
            }
        }

        return gray;
    }

    [Fact]
    public void PHash_BrightnessShift_Unchanged()
    {
        var a = Pattern(32, 32, (x, y) => (x * 7) + (y * 3 % 11) + (x * y % 13));
        var b = a.Select(v => v + 40).ToArray();

        Assert.Equal(PerceptualHash.PHash(a), PerceptualHash.PHash(b));
    }

    [Fact]
    public void PHash_DifferentPictures_FarApart()
    {
        var a = Pattern(32, 32, (x, _) => x < 16 ? 0 : 255);
        var b = Pattern(32, 32, (_, y) => y < 16 ? 0 : 255);

        Assert.True(PerceptualHash.Distance(PerceptualHash.PHash(a), PerceptualHash.PHash(b)) > 10);
    }

    [Fact]
    public void Hashes_FlatPicturesWithCompressionNoise_AllHashLikeAPerfectlyFlatOne()
    {
        var random = new Random(5);
        var noisyRed = Pattern(32, 32, (_, _) => 76 + random.Next(-2, 3));
        var noisyBlack = Pattern(32, 32, (_, _) => random.Next(0, 3));
        var smallNoisy = Pattern(9, 8, (_, _) => 200 + random.Next(-2, 3));

        Assert.Equal(PerceptualHash.PHash(new float[32 * 32]), PerceptualHash.PHash(noisyRed));
        Assert.Equal(PerceptualHash.FlatPHash, PerceptualHash.PHash(noisyBlack));
        Assert.Equal(0UL, PerceptualHash.DHash(smallNoisy));
    }

    [Fact]
    public void PHash_FaintButRealPattern_NotFlat()
    {
        var faint = Pattern(32, 32, (x, _) => x < 16 ? 120 : 126);

        Assert.NotEqual(PerceptualHash.FlatPHash, PerceptualHash.PHash(faint));
    }

    [Fact]
    public void PHash_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => PerceptualHash.PHash(new float[10]));

    [Fact]
    public void DHash_LeftToRightRamp_AllBitsSet()
    {
        Assert.Equal(ulong.MaxValue, PerceptualHash.DHash(Pattern(9, 8, (x, _) => x)));
        Assert.Equal(0UL, PerceptualHash.DHash(Pattern(9, 8, (x, _) => -x)));
    }

    [Fact]
    public void Distance_CountsDifferingBits() =>
        Assert.Equal(3, PerceptualHash.Distance(0b1011, 0b0000));

    [Fact]
    public void ContentHash_BytesRoundTripAndHex()
    {
        var hash = ContentHash.Of("hello"u8);

        Assert.Equal(hash, ContentHash.FromBytes(hash.ToBytes()));
        Assert.Matches("^[0-9a-f]{32}$", hash.ToString());
        Assert.NotEqual(hash, ContentHash.Of("hellp"u8));
    }

    [Fact]
    public async Task ContentHash_StreamEqualsSpan()
    {
        var bytes = new byte[300_000];
        new Random(1).NextBytes(bytes);

        Assert.Equal(ContentHash.Of(bytes), await ContentHash.OfStreamAsync(new MemoryStream(bytes), CancellationToken.None));
    }
}
