using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Tests.Duplicates;

/// <summary>Look-alikes that differ in one place — the defects a real clip-art collection showed — must not link,
/// while a copy that differs a little everywhere must.</summary>
public sealed class LocalDifferenceTests
{
    [Fact]
    public void Compare_ClockFacesShowingOtherTimes_CorrelateButDoNotLink()
    {
        var threeOClock = Clock(hourAngle: 90);
        var fiveOClock = Clock(hourAngle: 150);

        var match = PixelCheck.Compare(threeOClock, fiveOClock);

        Assert.True(match.Correlation >= VisualRule.Default.MinCorrelation, $"alike enough for the correlation alone: r {match.Correlation:0.000}");
        Assert.False(VisualRule.Default.Links(match), $"worst block {match.LocalDifference:0.0}");
    }

    [Fact]
    public void Compare_CardWithOneMorePip_DoesNotLink()
    {
        var eight = Card(pips: 8);
        var nine = Card(pips: 9);

        var match = PixelCheck.Compare(eight, nine);

        Assert.True(match.Correlation >= VisualRule.Default.MinCorrelation, $"r {match.Correlation:0.000}");
        Assert.False(VisualRule.Default.Links(match), $"worst block {match.LocalDifference:0.0}");
    }

    [Fact]
    public void Compare_SmileysWithOtherMouths_DoNotLink()
    {
        var happy = Smiley(smiles: true);
        var sad = Smiley(smiles: false);

        var match = PixelCheck.Compare(happy, sad);

        Assert.True(match.Correlation >= VisualRule.Default.MinCorrelation, $"r {match.Correlation:0.000}");
        Assert.False(VisualRule.Default.Links(match), $"worst block {match.LocalDifference:0.0}");
    }

    [Fact]
    public void Compare_SoftenedAndBrightenedClock_StillLinksSurely()
    {
        var clock = Clock(hourAngle: 90);
        var copy = Brighten(Soften(clock), gain: 1.05, offset: 8);

        var match = PixelCheck.Compare(clock, copy);

        Assert.True(VisualRule.Default.Links(match), $"r {match.Correlation:0.000}, worst block {match.LocalDifference:0.0}");
        Assert.True(VisualRule.IsSure(match), $"r {match.Correlation:0.000}, worst block {match.LocalDifference:0.0}");
    }

    /// <summary>A white face, a black rim and ticks, a long minute hand at 12 and a short hour hand.</summary>
    private static PixelPrint Clock(double hourAngle)
    {
        var canvas = new Canvas(96, 96);
        canvas.Ring(48, 48, 44, 3);
        for (var tick = 0; tick < 12; tick++)
        {
            var (dx, dy) = Direction(tick * 30);
            canvas.Line(48 + (dx * 36), 48 + (dy * 36), 48 + (dx * 41), 48 + (dy * 41), 1.5);
        }

        canvas.Line(48, 48, 48, 12, 1.2);
        var (hx, hy) = Direction(hourAngle);
        canvas.Line(48, 48, 48 + (hx * 24), 48 + (hy * 24), 2.2);
        return canvas.Print();
    }

    /// <summary>A card with diamond pips in two columns, the odd one in the middle.</summary>
    private static PixelPrint Card(int pips)
    {
        var canvas = new Canvas(64, 96);
        canvas.Ring(32, 48, 200, 0);
        var rows = pips / 2;
        for (var i = 0; i < rows; i++)
        {
            var y = 16 + (i * 64.0 / Math.Max(1, rows - 1));
            canvas.Diamond(18, y, 6);
            canvas.Diamond(46, y, 6);
        }

        if (pips % 2 == 1)
        {
            canvas.Diamond(32, 48, 6);
        }

        return canvas.Print();
    }

    /// <summary>A face with two eyes and a mouth curved up or down.</summary>
    private static PixelPrint Smiley(bool smiles)
    {
        var canvas = new Canvas(96, 96);
        canvas.Ring(48, 48, 42, 3);
        canvas.Disc(34, 36, 5);
        canvas.Disc(62, 36, 5);
        for (var x = 30; x <= 66; x++)
        {
            var t = (x - 48) / 18.0;
            var y = smiles ? 62 + (8 * (1 - (t * t))) : 70 - (8 * (1 - (t * t)));
            canvas.Disc(x, y, 1.8);
        }

        return canvas.Print();
    }

    private static (double X, double Y) Direction(double degreesFromTwelve) =>
        (Math.Sin(degreesFromTwelve * Math.PI / 180), -Math.Cos(degreesFromTwelve * Math.PI / 180));

    private static PixelPrint Soften(PixelPrint print)
    {
        var rgb = new byte[print.Rgb.Length];
        for (var y = 0; y < print.Height; y++)
        {
            for (var x = 0; x < print.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var (sum, n) = (0, 0);
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            var (sx, sy) = (x + dx, y + dy);
                            if (sx >= 0 && sy >= 0 && sx < print.Width && sy < print.Height)
                            {
                                sum += print.Rgb[(((sy * print.Width) + sx) * 3) + c] * (dx == 0 && dy == 0 ? 4 : 1);
                                n += dx == 0 && dy == 0 ? 4 : 1;
                            }
                        }
                    }

                    rgb[(((y * print.Width) + x) * 3) + c] = (byte)(sum / n);
                }
            }
        }

        return new PixelPrint(print.Width, print.Height, rgb);
    }

    private static PixelPrint Brighten(PixelPrint print, double gain, double offset) =>
        new(print.Width, print.Height, [.. print.Rgb.Select(v => (byte)Math.Clamp(Math.Round((v * gain) + offset), 0, 255))]);

    /// <summary>Black shapes on white, anti-aliased by distance: enough to draw test pictures.</summary>
    private sealed class Canvas(int width, int height)
    {
        private readonly double[] _ink = new double[width * height];

        public void Line(double x0, double y0, double x1, double y1, double halfWidth) =>
            Paint((x, y) => DistanceToSegment(x, y, x0, y0, x1, y1) - halfWidth);

        public void Ring(double cx, double cy, double radius, double halfWidth)
        {
            if (halfWidth > 0)
            {
                Paint((x, y) => Math.Abs(Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) - radius) - halfWidth);
            }
            else
            {
                // A card's border: the rectangle 2 px inside the edge.
                Paint((x, y) => Math.Min(Math.Min(Math.Abs(x - 2), Math.Abs(x - (width - 3))), Math.Min(Math.Abs(y - 2), Math.Abs(y - (height - 3)))) - 1);
            }
        }

        public void Disc(double cx, double cy, double radius) =>
            Paint((x, y) => Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) - radius);

        public void Diamond(double cx, double cy, double radius) =>
            Paint((x, y) => ((Math.Abs(x - cx) + Math.Abs(y - cy)) / Math.Sqrt(2)) - (radius / Math.Sqrt(2)));

        public PixelPrint Print()
        {
            var rgb = new byte[width * height * 3];
            for (var i = 0; i < _ink.Length; i++)
            {
                rgb[i * 3] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = (byte)Math.Round(255 * (1 - _ink[i]));
            }

            return new PixelPrint(width, height, rgb);
        }

        private void Paint(Func<double, double, double> signedDistance)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var coverage = Math.Clamp(0.5 - signedDistance(x + 0.5, y + 0.5), 0, 1);
                    _ink[(y * width) + x] = Math.Max(_ink[(y * width) + x], coverage);
                }
            }
        }

        private static double DistanceToSegment(double x, double y, double x0, double y0, double x1, double y1)
        {
            var (dx, dy) = (x1 - x0, y1 - y0);
            var t = Math.Clamp((((x - x0) * dx) + ((y - y0) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
            var (px, py) = (x0 + (t * dx), y0 + (t * dy));
            return Math.Sqrt(((x - px) * (x - px)) + ((y - py) * (y - py)));
        }
    }
}
