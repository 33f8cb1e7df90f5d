using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

public sealed class PixelCheckTests
{
    [Fact]
    public void Compare_SamePicture_CorrelatesFully()
    {
        var picture = Scene(96, 64, seed: 1);

        var match = PixelCheck.Compare(picture, picture);

        Assert.Equal(1, match.Correlation, 6);
        Assert.Equal(1, match.Coverage);
    }

    [Fact]
    public void Compare_BrightenedCopy_StillCorrelates()
    {
        var picture = Scene(96, 64, seed: 2);
        var brighter = Map(picture, v => Math.Min(255, (v * 1.1) + 20));

        var match = PixelCheck.Compare(picture, brighter);

        Assert.True(match.Correlation > 0.98, $"correlation {match.Correlation:0.000}");
    }

    [Fact]
    public void Compare_RecolouredCopy_FallsBelowTheDefault()
    {
        // Same design, colours swapped between channels: grey-level hashes see little difference, the colours do.
        var flag = Flag(red: true);
        var otherFlag = Flag(red: false);

        var match = PixelCheck.Compare(flag, otherFlag);

        Assert.True(match.Correlation < VisualRule.Default.MinCorrelation, $"correlation {match.Correlation:0.000}");
    }

    [Fact]
    public void Compare_SlightCrop_FindsTheWindow()
    {
        var picture = Scene(96, 96, seed: 3);
        var cropped = Crop(picture, left: 5, top: 2, width: 88, height: 88);

        var match = PixelCheck.Compare(picture, cropped);
        var reversed = PixelCheck.Compare(cropped, picture);

        Assert.True(match.Correlation > 0.97, $"correlation {match.Correlation:0.000}");
        Assert.InRange(match.Coverage, 0.88, 0.96);
        Assert.Equal(match.Correlation, reversed.Correlation, 6);
    }

    [Fact]
    public void Compare_UnrelatedPictures_DoNotCorrelate()
    {
        var match = PixelCheck.Compare(Scene(96, 64, seed: 4), Scene(96, 64, seed: 5));

        Assert.True(match.Correlation < 0.6, $"correlation {match.Correlation:0.000}");
    }

    [Fact]
    public void Compare_FlatPictures_MatchOnlyInTheSameColour()
    {
        var grey = new PixelPrint(4, 4, Enumerable.Repeat((byte)128, 48).ToArray());
        var black = new PixelPrint(4, 4, new byte[48]);

        Assert.Equal(1, PixelCheck.Compare(grey, grey).Correlation);
        Assert.Equal(0, PixelCheck.Compare(grey, black).Correlation);
    }

    /// <summary>Smooth random blobs in colour: detail at several scales, like a downsized photograph.</summary>
    private static PixelPrint Scene(int width, int height, int seed)
    {
        var random = new Random(seed);
        var blobs = Enumerable.Range(0, 12).Select(_ => (X: random.NextDouble() * width, Y: random.NextDouble() * height, R: 4 + (random.NextDouble() * 20), C: new[] { random.Next(256), random.Next(256), random.Next(256) })).ToArray();
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var value = 40.0;
                    foreach (var blob in blobs)
                    {
                        var d2 = ((x - blob.X) * (x - blob.X)) + ((y - blob.Y) * (y - blob.Y));
                        value += blob.C[c] * Math.Exp(-d2 / (2 * blob.R * blob.R));
                    }

                    rgb[(((y * width) + x) * 3) + c] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }

        return new PixelPrint(width, height, rgb);
    }

    /// <summary>A Nordic cross: red and white, or blue and yellow.</summary>
    private static PixelPrint Flag(bool red)
    {
        const int Width = 96;
        const int Height = 64;
        byte[] field = red ? [200, 16, 46] : [0, 82, 147];
        byte[] cross = red ? [255, 255, 255] : [254, 203, 0];
        var rgb = new byte[Width * Height * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var colour = (x is >= 28 and < 40) || (y is >= 26 and < 38) ? cross : field;
                colour.CopyTo(rgb, ((y * Width) + x) * 3);
            }
        }

        return new PixelPrint(Width, Height, rgb);
    }

    private static PixelPrint Map(PixelPrint print, Func<double, double> map) =>
        new(print.Width, print.Height, [.. print.Rgb.Select(v => (byte)Math.Round(map(v)))]);

    private static PixelPrint Crop(PixelPrint print, int left, int top, int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(print.Rgb, (((top + y) * print.Width) + left) * 3, rgb, y * width * 3, width * 3);
        }

        return new PixelPrint(width, height, rgb);
    }
}
