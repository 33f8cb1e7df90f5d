namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// A small colour copy of a picture (RGB bytes, row-major, interleaved), what <see cref="PixelCheck"/> compares.
/// Made from the catalog's thumbnail, so a check never reads the original file.
/// </summary>
public sealed class PixelPrint
{
    /// <summary>The long side the prints are made at: enough detail to tell look-alike drawings apart, cheap to compare.</summary>
    public const int LongSide = 96;

    public PixelPrint(int width, int height, byte[] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"{width}×{height} RGB needs {width * height * 3} values, not {rgb.Length}", nameof(rgb));
        }

        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgb { get; }

    public double Aspect => (double)Width / Height;

    /// <summary>
    /// This print box-averaged over 4 × 4 pixels, for the coarse crop search: sampling a coarse grid straight from the
    /// full print picks single pixels of thin lines and fine texture, and the best window then depends on luck.
    /// Made once per print (a race only makes it twice).
    /// </summary>
    public PixelPrint Reduced => _reduced ??= Reduce(4);

    private PixelPrint? _reduced;

    private PixelPrint Reduce(int factor)
    {
        var width = Math.Max(1, Width / factor);
        var height = Math.Max(1, Height / factor);
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var fromY = y * Height / height;
            var toY = Math.Max(fromY + 1, (y + 1) * Height / height);
            for (var x = 0; x < width; x++)
            {
                var fromX = x * Width / width;
                var toX = Math.Max(fromX + 1, (x + 1) * Width / width);
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0;
                    for (var sy = fromY; sy < toY; sy++)
                    {
                        for (var sx = fromX; sx < toX; sx++)
                        {
                            sum += Rgb[(((sy * Width) + sx) * 3) + c];
                        }
                    }

                    rgb[(((y * width) + x) * 3) + c] = (byte)((sum + ((toY - fromY) * (toX - fromX) / 2)) / ((toY - fromY) * (toX - fromX)));
                }
            }
        }

        return new PixelPrint(width, height, rgb);
    }
}
