using DrawingFromDiffusion.Core.Duplicates;

namespace DrawingFromDiffusion.Core.Similar;

/// <summary>
/// A small copy of a picture with its transparency kept (RGBA bytes, not premultiplied), from which
/// <see cref="CopyMatch"/> takes the views it compares: onto white as the dupes tier sees it, mirrored, or onto the
/// background colour of the picture it is compared with. A transparent original and a copy that was flattened onto a
/// colour then agree where the original was transparent.
/// </summary>
public sealed class CopyPrint
{
    /// <summary>Pixels at most this opaque count as transparent.</summary>
    private const byte TransparentBelow = 128;

    /// <summary>The share of transparent pixels from which a picture is matted onto the other's background.</summary>
    private const double TransparentShare = 0.01;

    private PixelPrint? _onWhite;
    private PixelPrint? _mirroredOnWhite;
    private bool? _hasTransparency;

    public CopyPrint(int width, int height, byte[] rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgba.Length != width * height * 4)
        {
            throw new ArgumentException($"{width}×{height} RGBA needs {width * height * 4} values, not {rgba.Length}", nameof(rgba));
        }

        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgba { get; }

    /// <summary>Flattened onto white, as the dupes tier's <see cref="PixelPrint"/>s are.</summary>
    public PixelPrint OnWhite => _onWhite ??= Onto(new Rgb(255, 255, 255));

    public PixelPrint MirroredOnWhite => _mirroredOnWhite ??= PrintViews.Mirrored(OnWhite);

    /// <summary>Whether enough of the picture is transparent for its background to matter.</summary>
    public bool HasTransparency => _hasTransparency ??= CountTransparent() >= TransparentShare * Width * Height;

    /// <summary>The picture flattened onto <paramref name="background"/>.</summary>
    public PixelPrint Onto(Rgb background)
    {
        var rgb = new byte[Width * Height * 3];
        ReadOnlySpan<byte> back = [background.R, background.G, background.B];
        for (var i = 0; i < Width * Height; i++)
        {
            var alpha = Rgba[(i * 4) + 3];
            for (var c = 0; c < 3; c++)
            {
                rgb[(i * 3) + c] = (byte)(((Rgba[(i * 4) + c] * alpha) + (back[c] * (255 - alpha)) + 127) / 255);
            }
        }

        return new PixelPrint(Width, Height, rgb);
    }

    private int CountTransparent()
    {
        var count = 0;
        for (var i = 3; i < Rgba.Length; i += 4)
        {
            count += Rgba[i] < TransparentBelow ? 1 : 0;
        }

        return count;
    }
}

/// <summary>An opaque colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B);
