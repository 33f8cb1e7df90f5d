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
}
